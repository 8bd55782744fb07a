"""Thi đua, khen thưởng."""

from django.urls import path  # noqa: F401

app_name = "emulation"

urlpatterns: list = []
