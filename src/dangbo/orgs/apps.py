from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "dangbo.orgs"
    label = "orgs"
    verbose_name = "Tổ chức đảng"

    def ready(self) -> None:
        from dangbo.core import scope
        from dangbo.orgs import indicators  # noqa: F401  (registers indicators)
        from dangbo.orgs.models import CommitteeSeat, Organization, OrgEvent, OrgVersion, Term

        scope.register(Organization, path="path")
        scope.register(OrgVersion, path="org__path")
        scope.register(OrgEvent, path="org__path")
        scope.register(Term, path="org__path")
        scope.register(CommitteeSeat, path="term__org__path")
