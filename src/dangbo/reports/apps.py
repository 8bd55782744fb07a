"""Periodic reports from the indicators, frozen with their figures, in Party document format."""

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "dangbo.reports"
    label = "reports"
    verbose_name = "Báo cáo định kỳ"

    def ready(self) -> None:
        from django.urls import reverse

        from dangbo.core import scope
        from dangbo.reports.models import Report
        from dangbo.submissions.registry import register_kind

        scope.register(Report, path="org__path")
        register_kind(
            "report",
            label="Báo cáo",
            fill_url=lambda call, org: reverse("reports:call_fill", args=[call.pk, org.pk]),
            submission_url=lambda sub: reverse("reports:submission", args=[sub.pk]),
        )
