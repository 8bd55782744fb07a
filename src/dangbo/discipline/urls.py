"""Kỷ luật đảng."""

from django.urls import path  # noqa: F401

app_name = "discipline"

urlpatterns: list = []
