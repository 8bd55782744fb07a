from django.apps import AppConfig


class StudiesConfig(AppConfig):
    name = "dangbo.studies"
    label = "studies"
    verbose_name = "Học tập, bồi dưỡng, hội thi"

    def ready(self) -> None:
        from dangbo.activities.calendar import register_source
        from dangbo.core import scope
        from dangbo.studies import indicators  # noqa: F401  (registers indicators)
        from dangbo.studies.calendar import calendar_entries
        from dangbo.studies.models import (
            BridgePoint,
            Contest,
            Entrant,
            Learner,
            SessionAttendance,
            StudySession,
            TrainingClass,
        )

        # Each record by its organization's current path (rewritten by treebeard when an
        # organization moves): a session and its parts by the organizer, except a bridge
        # point and its attendance, which belong to the point's organization (the base
        # committee records its own point of the bloc's conference).
        scope.register(StudySession, path="org__path")
        scope.register(BridgePoint, path="org__path")
        scope.register(SessionAttendance, path="bridge_point__org__path")
        scope.register(TrainingClass, path="org__path")
        scope.register(Learner, path="training_class__org__path")
        scope.register(Contest, path="org__path")
        scope.register(Entrant, path="contest__org__path")
        register_source(calendar_entries)
