"""Pages of Đoàn thể: thin views over massorgs.selectors and services."""

from dangbo.massorgs.views.pages import (
    activity_create,
    activity_detail,
    activity_edit,
    activity_export,
    activity_list,
    home,
    massorg_create,
    massorg_detail,
    massorg_edit,
    massorg_export,
    massorg_list,
    membership_create,
    term_create,
)

__all__ = [
    "activity_create", "activity_detail", "activity_edit", "activity_export", "activity_list",
    "home", "massorg_create", "massorg_detail", "massorg_edit", "massorg_export",
    "massorg_list", "membership_create", "term_create",
]  # fmt: skip
