"""Periodic reports from the indicators, frozen with their figures, in Party document format."""

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "dangbo.reports"
    label = "reports"
    verbose_name = "Báo cáo định kỳ"
