"""The offline image captcha's addresses (django-simple-captcha's views; no audio, since
that needs programs a server may not have). Mounted at the root namespace, where the
captcha field looks its names up."""

from captcha import views
from django.urls import path

urlpatterns = [
    path("image/<str:key>/", views.captcha_image, {"scale": 1}, name="captcha-image"),
    path("image/<str:key>@2/", views.captcha_image, {"scale": 2}, name="captcha-image-2x"),
    path("refresh/", views.captcha_refresh, name="captcha-refresh"),
]
