"""Biểu thống kê."""

from django.urls import path  # noqa: F401

app_name = "statforms"

urlpatterns: list = []
