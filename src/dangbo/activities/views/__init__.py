"""Pages of sinh hoạt đảng and commitments: thin views over selectors and services."""

from dangbo.activities.views.calendar import calendar_page
from dangbo.activities.views.commitments import (
    commitment_detail,
    commitment_edit,
    commitment_export,
    commitment_list,
    commitment_review,
)
from dangbo.activities.views.meetings import (
    file_download,
    meeting_create,
    meeting_detail,
    meeting_edit,
    meeting_export,
    meeting_list,
    meeting_notice,
)
from dangbo.activities.views.pages import home, member_page, missed, missed_export, rates

__all__ = [
    "calendar_page",
    "commitment_detail",
    "commitment_edit",
    "commitment_export",
    "commitment_list",
    "commitment_review",
    "file_download",
    "home",
    "meeting_create",
    "meeting_detail",
    "meeting_edit",
    "meeting_export",
    "meeting_list",
    "meeting_notice",
    "member_page",
    "missed",
    "missed_export",
    "rates",
]
