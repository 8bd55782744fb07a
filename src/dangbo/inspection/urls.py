"""Kiểm tra, giám sát, đơn thư."""

from django.urls import path  # noqa: F401

app_name = "inspection"

urlpatterns: list = []
