"""Calls for reports and statistics forms from below, and the frozen, versioned submissions."""

from django.apps import AppConfig


class SubmissionsConfig(AppConfig):
    name = "dangbo.submissions"
    label = "submissions"
    verbose_name = "Báo cáo từ cấp dưới"
