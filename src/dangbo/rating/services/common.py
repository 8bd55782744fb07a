"""Helpers shared by the rating services: the access check, the lock, the audit row."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.core.scope import Action, scope_of
from dangbo.core.text import format_date
from dangbo.rating.models import (
    RatingRound,
    RoundStatus,
)

NON_FIELD = "__all__"


def _require(user: Any, path: str, what: str) -> None:
    if not scope_of(user).covers_path(Action.CHANGE, path):
        raise PermissionDenied(f"Đồng chí không có quyền {what}.")


def _check_open(rnd: RatingRound) -> None:
    """A decided round is locked (its results are the committee's decision)."""
    if rnd.status == RoundStatus.DECIDED:
        raise ValidationError(
            {
                NON_FIELD: f"Đợt xếp loại năm {rnd.year} của {rnd.scope.name} đã quyết định "
                f"ngày {format_date(rnd.decided_on)} và đã khóa; không thể thay đổi."
            }
        )


def _audit(user: Any, rnd: RatingRound, description: str) -> None:
    audit_log(
        user=user,
        action=AuditAction.CHANGE,
        object_type="rating_round",
        object_id=rnd.pk,
        description=description,
    )


def _user(by: Any) -> Any:
    return by if getattr(by, "is_authenticated", False) else None
