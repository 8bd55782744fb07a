"""Đoàn thể."""

from django.urls import path  # noqa: F401

app_name = "massorgs"

urlpatterns: list = []
