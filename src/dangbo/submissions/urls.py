"""Báo cáo từ cấp dưới."""

from django.urls import path  # noqa: F401

app_name = "submissions"

urlpatterns: list = []
