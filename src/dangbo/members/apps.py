from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "dangbo.members"
    label = "members"
    verbose_name = "Đảng viên"

    def ready(self) -> None:
        from dangbo.core import scope
        from dangbo.members import indicators  # noqa: F401  (registers indicators)
        from dangbo.members.models import Member, MemberPeriod, MembershipEvent, PartyCard, Person

        scope.register(Member, path="org_path", self_user="person__user")
        scope.register(Person, path="member__org_path", self_user="user")
        scope.register(MembershipEvent, path="member__org_path", self_user="member__person__user")
        scope.register(PartyCard, path="member__org_path", self_user="member__person__user")
        scope.register(MemberPeriod, path="member__org_path", self_user="member__person__user")
