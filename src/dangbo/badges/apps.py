from django.apps import AppConfig


class BadgesConfig(AppConfig):
    name = "dangbo.badges"
    label = "badges"
    verbose_name = "Huy hiệu Đảng"

    def ready(self) -> None:
        from dangbo.badges import indicators  # noqa: F401  (registers indicators)
        from dangbo.badges.models import BadgeAward
        from dangbo.core import scope

        # The member's current place: Member.org_path is rewritten when the member or an
        # organization moves, a path copied onto the award would not be.
        scope.register(BadgeAward, path="member__org_path", self_user="member__person__user")
