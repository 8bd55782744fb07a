from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "dangbo.activities"
    label = "activities"
    verbose_name = "Sinh hoạt đảng, cam kết"

    def ready(self) -> None:
        from dangbo.activities import calendar, indicators  # noqa: F401  (registers indicators)
        from dangbo.activities.models import (
            Attendance,
            Commitment,
            Meeting,
            MeetingFile,
            MeetingNotice,
            NoticeRecipient,
        )
        from dangbo.activities.views.calendar import meeting_entries
        from dangbo.core import scope

        # The organization's current place (Organization.path follows moves).
        scope.register(Meeting, path="org__path")
        scope.register(Attendance, path="meeting__org__path", self_user="member__person__user")
        scope.register(MeetingFile, path="meeting__org__path")
        scope.register(MeetingNotice, path="meeting__org__path")
        scope.register(NoticeRecipient, path="notice__meeting__org__path")
        # The member's current place, as rating.ResidenceComment.
        scope.register(Commitment, path="member__org_path", self_user="member__person__user")
        calendar.register_source(meeting_entries)
