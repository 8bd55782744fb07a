"""Báo cáo từ cấp dưới."""

from django.urls import path

from dangbo.submissions import views

app_name = "submissions"

urlpatterns = [
    path("", views.home, name="home"),
    path("them/", views.call_create, name="call_create"),
    path("<id:pk>/", views.call_detail, name="call_detail"),
    path("<id:pk>/xuat-excel/", views.call_export, name="call_export"),
]
