"""Học tập, bồi dưỡng, hội thi."""

from django.urls import path  # noqa: F401

app_name = "studies"

urlpatterns: list = []
