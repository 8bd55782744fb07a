"""The study pages: home with this year's figures, sessions, classes, contests."""

from dangbo.studies.views.classes import (
    class_create,
    class_detail,
    class_edit,
    class_export,
    class_list,
    learner_add,
    learner_remove,
    learner_result,
    learners_export,
    learners_many,
)
from dangbo.studies.views.common import home
from dangbo.studies.views.contests import (
    contest_create,
    contest_detail,
    contest_edit,
    contest_export,
    contest_list,
    entrant_add,
    entrant_edit,
    entrant_remove,
)
from dangbo.studies.views.sessions import (
    attendance_export,
    attendance_remove,
    point_attendance,
    point_create,
    point_edit,
    session_create,
    session_detail,
    session_edit,
    session_export,
    session_list,
)

__all__ = [
    "attendance_export", "attendance_remove", "class_create", "class_detail", "class_edit",
    "class_export", "class_list", "contest_create", "contest_detail", "contest_edit",
    "contest_export", "contest_list", "entrant_add", "entrant_edit", "entrant_remove", "home",
    "learner_add", "learner_remove", "learner_result", "learners_export", "learners_many",
    "point_attendance", "point_create", "point_edit", "session_create", "session_detail",
    "session_edit", "session_export", "session_list",
]  # fmt: skip
