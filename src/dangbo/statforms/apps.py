from django.apps import AppConfig


class StatformsConfig(AppConfig):
    name = "dangbo.statforms"
    label = "statforms"
    verbose_name = "Biểu thống kê"

    def ready(self) -> None:
        from django.urls import reverse

        from dangbo.submissions.registry import register_kind

        register_kind(
            "statform",
            label="Biểu thống kê",
            fill_url=lambda call, org: (
                f"{reverse('statforms:form', args=[call.subject])}?org={org.pk}"
                f"&at={call.at:%d/%m/%Y}&from={call.period_start:%d/%m/%Y}"
                f"&to={call.period_end:%d/%m/%Y}"
            ),
            submission_url=lambda sub: reverse("statforms:submission", args=[sub.pk]),
        )
