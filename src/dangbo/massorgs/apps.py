"""Trade union, Youth Union, veterans' association: activities and funds."""

from django.apps import AppConfig


class MassorgsConfig(AppConfig):
    name = "dangbo.massorgs"
    label = "massorgs"
    verbose_name = "Đoàn thể"

    def ready(self) -> None:
        from dangbo.core import scope
        from dangbo.massorgs import indicators  # noqa: F401  (registers indicators)
        from dangbo.massorgs.models import (
            MassOrgActivity,
            MassOrganization,
            MassOrgMembership,
            MassOrgTerm,
        )

        # Placed by the current path of the Party organization they work under.
        scope.register(MassOrganization, path="party_org__path")
        scope.register(MassOrgTerm, path="massorg__party_org__path")
        scope.register(MassOrgMembership, path="massorg__party_org__path")
        scope.register(MassOrgActivity, path="massorg__party_org__path")
