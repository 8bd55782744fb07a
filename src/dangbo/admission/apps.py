from django.apps import AppConfig


class AdmissionConfig(AppConfig):
    name = "dangbo.admission"
    label = "admission"
    verbose_name = "Kết nạp đảng viên"

    def ready(self) -> None:
        from dangbo.admission import indicators  # noqa: F401  (registers indicators)
        from dangbo.admission.models import (
            AdmissionCase,
            AdmissionDelegation,
            AdmissionStep,
            Introducer,
            PoliticalStandardConclusion,
        )
        from dangbo.core import scope

        scope.register(AdmissionCase, path="org_path")
        scope.register(AdmissionStep, path="case__org_path")
        scope.register(Introducer, path="case__org_path")
        scope.register(AdmissionDelegation, path="org_path")
        scope.register(PoliticalStandardConclusion, path="org_path")
