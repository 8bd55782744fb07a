"""Pages of Kiểm tra, giám sát, đơn thư: thin views over selectors and services."""

from dangbo.inspection.views.letters import (
    letter_close,
    letter_create,
    letter_detail,
    letter_export,
    letter_extend,
    letter_list,
    letter_settle,
)
from dangbo.inspection.views.plans import (
    home,
    item_conclude,
    item_create,
    item_detail,
    item_edit,
    item_export,
    item_list,
    item_progress,
    plan_create,
    plan_detail,
    plan_edit,
    plan_list,
)

__all__ = [
    "home", "item_conclude", "item_create", "item_detail", "item_edit", "item_export",
    "item_list", "item_progress", "letter_close", "letter_create", "letter_detail",
    "letter_export", "letter_extend", "letter_list", "letter_settle", "plan_create",
    "plan_detail", "plan_edit", "plan_list",
]  # fmt: skip
