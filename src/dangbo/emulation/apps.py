"""Commendations and proposals; Dân vận khéo models."""

from django.apps import AppConfig


class EmulationConfig(AppConfig):
    name = "dangbo.emulation"
    label = "emulation"
    verbose_name = "Thi đua, khen thưởng"

    def ready(self) -> None:
        from dangbo.core import scope
        from dangbo.emulation import indicators  # noqa: F401  (registers indicators)
        from dangbo.emulation.models import (
            Commendation,
            CommendationProposal,
            CommendationRecipient,
            DanVanModel,
        )

        # Placed by their organization's current path (kept by treebeard when it moves).
        scope.register(Commendation, path="org__path")
        scope.register(CommendationRecipient, path="commendation__org__path")
        scope.register(CommendationProposal, path="org__path")
        scope.register(DanVanModel, path="unit__path")
