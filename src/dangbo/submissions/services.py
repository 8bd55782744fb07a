"""Writes of calls and submissions; each in one transaction with its audit row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.core.text import format_date
from dangbo.orgs.models import Organization
from dangbo.orgs.selectors import subtree_versions_at, versions_at
from dangbo.submissions.models import Call, CallKind, CallRecipient, Submission


def default_recipients(issuer: Organization, on: dt.date) -> list[Organization]:
    """The organizations directly under `issuer` as the tree stood on `on` (for a bloc,
    its base organizations)."""
    child_ids = versions_at(on).filter(parent=issuer).values_list("org_id", flat=True)
    return list(Organization.objects.filter(pk__in=child_ids).order_by("path"))


def _user(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


@transaction.atomic
def call_create(
    *,
    issuer: Organization,
    kind: str,
    subject: str,
    title: str,
    period_start: dt.date,
    period_end: dt.date,
    deadline: dt.date,
    at: dt.date | None = None,
    recipients: Iterable[Organization] | None = None,
    note: str = "",
    user: Any = None,
) -> Call:
    """Ask the organizations below `issuer` for a report or form of a period."""
    errors: dict[str, str] = {}
    if kind not in CallKind.values:
        errors["kind"] = "Loại yêu cầu không hợp lệ."
    if period_start > period_end:
        errors["period_end"] = "Ngày kết thúc kỳ phải sau ngày bắt đầu."
    if deadline < period_start:
        errors["deadline"] = "Hạn nộp không thể trước ngày bắt đầu kỳ báo cáo."
    orgs = list(recipients) if recipients is not None else default_recipients(issuer, period_end)
    # Below the issuer in the tree as it stood at the end of the period (a 2021 call of a
    # bloc dissolved in 2025 still goes to its base organizations of 2021).
    below = set(
        subtree_versions_at(issuer, period_end).exclude(org=issuer).values_list("org_id", flat=True)
    )
    outside = [o.name for o in orgs if o.pk not in below]
    if outside:
        errors["recipients"] = "Không thuộc cấp dưới của tổ chức yêu cầu: " + ", ".join(outside)
    elif not orgs:
        errors["recipients"] = "Tổ chức yêu cầu không có tổ chức trực thuộc vào cuối kỳ."
    if errors:
        raise ValidationError(errors)
    call = Call.objects.create(
        issuer=issuer, kind=kind, subject=subject, title=title, period_start=period_start,
        period_end=period_end, at=at or period_end, deadline=deadline, note=note,
        created_by=_user(user),
    )  # fmt: skip
    CallRecipient.objects.bulk_create(CallRecipient(call=call, org=o) for o in orgs)
    audit_log(
        user=user, action=AuditAction.CHANGE, object_type="submission_call", object_id=call.pk,
        description=f"Yêu cầu {len(orgs)} tổ chức nộp “{title}”, hạn {format_date(deadline)}",
    )  # fmt: skip
    return call


@transaction.atomic
def submit(
    *,
    call: Call,
    org: Organization,
    payload: dict[str, Any],
    user: Any = None,
    title: str = "",
    when: dt.datetime | None = None,
) -> Submission:
    """Record what `org` submits for `call`: a new frozen version, the latest counts."""
    if not CallRecipient.objects.filter(call=call, org=org).exists():
        raise ValidationError(f"{org.name} không thuộc danh sách được yêu cầu nộp “{call.title}”.")
    # Lock the recipient row so two submissions at once do not take the same version.
    CallRecipient.objects.select_for_update().filter(call=call, org=org).first()
    last = Submission.objects.filter(call=call, org=org).aggregate(n=Max("version"))["n"] or 0
    sub = Submission.objects.create(
        call=call, org=org, version=last + 1, title=title or call.title, payload=payload,
        submitted_at=when or timezone.now(), submitted_by=_user(user),
    )  # fmt: skip
    audit_log(
        user=user, action=AuditAction.CHANGE, object_type="submission", object_id=sub.pk,
        description=f"{org.name} nộp “{call.title}” (lần {sub.version})",
    )  # fmt: skip
    return sub
