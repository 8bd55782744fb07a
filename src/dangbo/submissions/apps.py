"""Calls for reports and statistics forms from below, and the frozen, versioned submissions."""

from django.apps import AppConfig


class SubmissionsConfig(AppConfig):
    name = "dangbo.submissions"
    label = "submissions"
    verbose_name = "Báo cáo từ cấp dưới"

    def ready(self) -> None:
        from dangbo.core import scope
        from dangbo.submissions.models import Call, CallRecipient, Submission

        scope.register(Call, path="issuer__path")
        scope.register(CallRecipient, path="org__path")
        scope.register(Submission, path="org__path")
