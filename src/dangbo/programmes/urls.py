"""Văn bản, chương trình hành động."""

from django.urls import path  # noqa: F401

app_name = "programmes"

urlpatterns: list = []
