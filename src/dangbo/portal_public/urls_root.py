"""The root URL configuration of the portal-only deployment: the public site, nothing else."""

from django.urls import include, path

urlpatterns = [
    path("ma-kiem-tra/", include("dangbo.portal_public.captcha_urls")),
    path("", include("dangbo.portal_public.urls")),
]
