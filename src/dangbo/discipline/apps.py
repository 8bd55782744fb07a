from typing import Any

from django.apps import AppConfig


class DisciplineConfig(AppConfig):
    name = "dangbo.discipline"
    label = "discipline"
    verbose_name = "Kỷ luật đảng"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from dangbo.core import scope
        from dangbo.discipline import indicators  # noqa: F401  (registers indicators)
        from dangbo.discipline.models import DisciplineCase
        from dangbo.members.models import Member

        # A copied path: organization moves rewrite it (scope.copied_path_fields()); a
        # member's own transfer is followed by the hook below (Member.save in
        # members.services.rebuild_member).
        scope.register(DisciplineCase, path="subject_path", self_user="member__person__user")

        def follow_member(sender: Any, instance: Member, **kwargs: Any) -> None:
            fields = kwargs.get("update_fields")
            if kwargs.get("created") or (fields is not None and "org_path" not in fields):
                return
            from dangbo.discipline.services import sync_member_path

            sync_member_path(instance)

        post_save.connect(follow_member, sender=Member, weak=False,
                          dispatch_uid="discipline_follow_member")  # fmt: skip
