"""Bảng điều hành."""

from django.urls import path

from dangbo.dashboard.views import home

app_name = "dashboard"

urlpatterns = [
    path("", home.home, name="home"),
]
