"""Writes to people, members and their history (one module per concept)."""

from dangbo.members.services.bulk_create import BulkRowsError, NewMemberRow, members_bulk_create
from dangbo.members.services.histories import (
    FAMILY_FIELDS,
    TRAINING_HISTORY_FIELDS,
    WORK_HISTORY_FIELDS,
    person_family_save,
    person_training_history_save,
    person_work_history_save,
)
from dangbo.members.services.records import (
    MEMBER_FIELDS,
    PERSON_FIELDS,
    member_create,
    member_delete_event,
    member_record_event,
    member_transfer,
    member_update,
    person_save,
    rebuild_member,
)

__all__ = [
    "FAMILY_FIELDS",
    "MEMBER_FIELDS",
    "PERSON_FIELDS",
    "TRAINING_HISTORY_FIELDS",
    "WORK_HISTORY_FIELDS",
    "BulkRowsError",
    "NewMemberRow",
    "member_create",
    "member_delete_event",
    "member_record_event",
    "member_transfer",
    "member_update",
    "members_bulk_create",
    "person_family_save",
    "person_save",
    "person_training_history_save",
    "person_work_history_save",
    "rebuild_member",
]
