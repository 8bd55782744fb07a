from django.apps import AppConfig


class DuesConfig(AppConfig):
    name = "dangbo.dues"
    label = "dues"
    verbose_name = "Đảng phí"

    def ready(self) -> None:
        from dangbo.core import scope
        from dangbo.dues import indicators  # noqa: F401  (registers indicators)
        from dangbo.dues.models import DuesBasis, DuesMonth, DuesRelief

        # A month's row sits in the cell the member was in that month (its current path:
        # moving an organization moves its rows with it); bases and reliefs follow the
        # member's current cell, like the member record.
        scope.register(DuesMonth, path="cell__path", self_user="member__person__user")
        scope.register(DuesBasis, path="member__org_path", self_user="member__person__user")
        scope.register(DuesRelief, path="member__org_path", self_user="member__person__user")
