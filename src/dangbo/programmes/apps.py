"""Party documents, action programmes, targets, work programmes and host units' yearly figures."""

from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "dangbo.programmes"
    label = "programmes"
    verbose_name = "Văn bản, chương trình hành động"

    def ready(self) -> None:
        from dangbo.core import scope
        from dangbo.programmes import indicators  # noqa: F401  (registers indicators)
        from dangbo.programmes.models import (
            Document,
            DocumentLink,
            IssuerProfile,
            Programme,
            Target,
            TargetManualValue,
            UnitFigures,
            WorkItem,
            WorkProgramme,
        )

        # Placed by their organization's current path (kept by treebeard when it moves).
        scope.register(Document, path="org__path")
        scope.register(DocumentLink, path="source__org__path")
        scope.register(IssuerProfile, path="org__path")
        scope.register(Programme, path="org__path")
        scope.register(Target, path="org__path")
        scope.register(TargetManualValue, path="target__org__path")
        scope.register(WorkProgramme, path="org__path")
        scope.register(WorkItem, path="programme__org__path")
        scope.register(UnitFigures, path="org__path")
