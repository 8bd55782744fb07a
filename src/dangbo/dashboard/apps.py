"""The dashboard: targets against actuals, projections and charts for a scope and a period."""

from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "dangbo.dashboard"
    label = "dashboard"
    verbose_name = "Bảng điều hành"
