"""Writes of đảng phí. Every function writes an audit row in its transaction (the cached
indicator values follow the audit table's MAX(id): indicators.registry)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.core.bounds import number_error
from dangbo.core.dates import check_record, date_error
from dangbo.core.text import format_number
from dangbo.dues import rules
from dangbo.dues.models import Channel, DuesBasis, DuesMonth, DuesRelief
from dangbo.dues.selectors import cells_by_month, member_bases, member_periods, member_reliefs
from dangbo.members.models import Member, MemberPeriod
from dangbo.members.rules import add_months
from dangbo.orgs.models import Organization
from dangbo.orgs.selectors import subtree_versions_at

DUE_FIELDS = ["rule", "basis_kind", "base_amount", "relief_percent", "relief_note", "amount_due"]


def _apply_due(row: DuesMonth, due: rules.Due) -> bool:
    """Copy `due` onto `row`; True if anything changed."""
    values = {
        "rule": due.rule,
        "basis_kind": due.basis_kind,
        "base_amount": due.base_amount,
        "relief_percent": due.relief_percent,
        "relief_note": due.relief_note[:255],
        "amount_due": due.amount,
    }
    changed = any(getattr(row, k) != v for k, v in values.items())
    for key, value in values.items():
        setattr(row, key, value)
    return changed


def _compute(
    member: Member, month: dt.date, bases: Sequence[rules.Basis], reliefs: Any
) -> rules.Due:
    return rules.amount_due(
        month=month,
        bases=bases,
        reliefs=reliefs,
        party_age_from=member.party_age_from,
        birth_date=member.person.birth_date,
        gender=member.person.gender,
    )


def dues_refresh(*, member: Member, from_month: dt.date) -> int:
    """Recompute the amount due of the member's rows from `from_month` on (after a change of
    basis or relief); returns how many changed. Called inside the writing services."""
    bases, reliefs = member_bases(member), member_reliefs(member)
    rows = list(DuesMonth.objects.filter(member=member, month__gte=rules.month_start(from_month)))
    changed = [r for r in rows if _apply_due(r, _compute(member, r.month, bases, reliefs))]
    DuesMonth.objects.bulk_update(changed, DUE_FIELDS)
    return len(changed)


def dues_row_for(*, member: Member, month: dt.date) -> DuesMonth:
    """The member's row of `month`, created (unsaved) with its cell and amount due when
    missing. Refused if the member was in no cell of the tree that month."""
    month = rules.month_start(month)
    existing = DuesMonth.objects.filter(member=member, month=month).first()
    if existing is not None:
        return existing
    cell_id = cells_by_month(member_periods(member), [month]).get(month)
    if cell_id is None:
        raise ValidationError(
            {
                "month": f"Tháng {rules.format_month(month)} đảng viên không sinh hoạt tại "
                "chi bộ nào trong hệ thống, nên không có đảng phí của tháng này."
            }
        )
    row = DuesMonth(member=member, month=month, cell_id=cell_id)
    _apply_due(row, _compute(member, month, member_bases(member), member_reliefs(member)))
    return row


# A payment above both of these needs an explicit confirmation (docs/SECURITY.md).
LARGE_PAYMENT_FACTOR = 10
LARGE_PAYMENT_FLOOR = 1_000_000


def payment_errors(
    *,
    month: dt.date,
    amount_paid: int,
    paid_on: dt.date | None,
    amount_due: int,
    confirm_large: bool = False,
    today: dt.date | None = None,
) -> dict[str, str]:
    """What is wrong with a payment, by field (the form and the import say the same)."""
    today = today or timezone.localdate()
    errors: dict[str, str] = {}
    if amount_paid < 0:
        errors["amount_paid"] = "Số tiền đã đóng không được âm."
    elif message := number_error(amount_paid, DuesMonth._meta.get_field("amount_paid")):
        errors["amount_paid"] = message
    elif (
        amount_paid > LARGE_PAYMENT_FACTOR * amount_due
        and amount_paid > LARGE_PAYMENT_FLOOR
        and not confirm_large
    ):
        errors["amount_paid"] = (
            f"Số tiền đã đóng {format_number(amount_paid)} đồng lớn hơn "
            f"{LARGE_PAYMENT_FACTOR} lần số phải đóng ({format_number(amount_due)} đồng): "
            "kiểm tra lại, nếu đúng thì đánh dấu “Xác nhận số tiền lớn”."
        )
    if amount_paid > 0 and paid_on is None:
        errors["paid_on"] = "Nhập ngày đóng đảng phí."
    elif message := date_error(paid_on, label="ngày đóng", today=today):
        errors["paid_on"] = message
    if paid_on is not None and amount_paid == 0:
        errors["amount_paid"] = "Nhập số tiền đã đóng (hoặc bỏ trống ngày đóng)."
    if month > add_months(rules.month_start(today), 12):
        errors["month"] = "Chỉ ghi nhận đóng trước tối đa 12 tháng."
    return errors


def payment_apply(
    *,
    member: Member,
    month: dt.date,
    amount_paid: int,
    paid_on: dt.date | None,
    channel: str = "",
    excused_reason: str = "",
    note: str = "",
    acting_user: Any = None,
    today: dt.date | None = None,
    confirm_large: bool = False,
) -> tuple[DuesMonth, bool]:
    """Set what was paid for a month (the total, so doing it twice changes nothing).
    Returns the row and whether it changed. No audit row: the callers write it."""
    today = today or timezone.localdate()
    month = rules.month_start(month)
    if amount_paid > 0 and channel not in Channel.values:
        raise ValidationError(
            {"channel": "Chọn hình thức nộp: trực tiếp cho chi bộ hoặc Cổng Dịch vụ công Quốc gia."}
        )
    row = dues_row_for(member=member, month=month)
    errors = payment_errors(
        month=month,
        amount_paid=amount_paid,
        paid_on=paid_on,
        amount_due=row.amount_due,
        confirm_large=confirm_large,
        today=today,
    )
    if errors:
        raise ValidationError(errors)
    values = {
        "amount_paid": amount_paid,
        "paid_on": paid_on if amount_paid else None,
        "channel": channel if amount_paid else "",
        "excused_reason": excused_reason.strip(),
        "note": note.strip(),
    }
    changed = row.pk is None or any(getattr(row, k) != v for k, v in values.items())
    for key, value in values.items():
        setattr(row, key, value)
    if changed:
        if (
            amount_paid
            and acting_user is not None
            and getattr(acting_user, "is_authenticated", False)
        ):
            row.collected_by = acting_user
        row.full_clean(validate_unique=False)
        row.save()
    return row, changed


@transaction.atomic
def dues_payment_record(
    *,
    member: Member,
    month: dt.date,
    amount_paid: int,
    paid_on: dt.date | None,
    channel: str = "",
    excused_reason: str = "",
    note: str = "",
    acting_user: Any = None,
    request: Any = None,
    today: dt.date | None = None,
    confirm_large: bool = False,
) -> DuesMonth:
    """Record what a member paid for a month (creating the month's row if needed)."""
    row, _changed = payment_apply(
        confirm_large=confirm_large,
        member=member,
        month=month,
        amount_paid=amount_paid,
        paid_on=paid_on,
        channel=channel,
        excused_reason=excused_reason,
        note=note,
        acting_user=acting_user,
        today=today,
    )
    audit_log(
        user=acting_user,
        action=AuditAction.CHANGE,
        object_type="dues_month",
        object_id=row.pk,
        description=(
            f"Ghi nhận đảng phí tháng {rules.format_month(row.month)} của "
            f"{member.person.full_name}: đã đóng {format_number(row.amount_paid)} đ"
        ),
        request=request,
    )
    return row


@transaction.atomic
def dues_basis_set(
    *,
    member: Member,
    from_month: dt.date,
    kind: str,
    amount: int,
    note: str = "",
    acting_user: Any = None,
    request: Any = None,
) -> DuesBasis:
    """Set the member's basis from a month (replacing one of the same month) and
    recompute the amounts due from that month on."""
    from_month = rules.month_start(from_month)
    errors = rules.check_basis(kind=kind, amount=amount, from_month=from_month)
    if errors:
        raise ValidationError(errors)
    basis = DuesBasis.objects.filter(member=member, from_month=from_month).first()
    basis = basis or DuesBasis(member=member, from_month=from_month, created_by=acting_user)
    basis.kind, basis.amount, basis.note = kind, amount, note.strip()
    check_record(basis)
    basis.full_clean(validate_unique=False)
    basis.save()
    changed = dues_refresh(member=member, from_month=from_month)
    audit_log(
        user=acting_user,
        action=AuditAction.CHANGE,
        object_type="dues_basis",
        object_id=basis.pk,
        description=(
            f"Căn cứ đóng đảng phí của {member.person.full_name} từ tháng "
            f"{rules.format_month(from_month)}: {basis.get_kind_display()} "
            f"{format_number(amount)} đ ({changed} tháng tính lại)"
        ),
        request=request,
    )
    return basis


@transaction.atomic
def dues_relief_create(
    *,
    member: Member,
    kind: str,
    percent: int,
    from_month: dt.date,
    to_month: dt.date | None,
    reason: str,
    decision_number: str = "",
    decision_date: dt.date | None = None,
    acting_user: Any = None,
    request: Any = None,
) -> DuesRelief:
    """Record an exemption or reduction decided for the member and recompute those months."""
    from_month = rules.month_start(from_month)
    to_month = rules.month_start(to_month) if to_month else None
    errors = rules.check_relief(
        kind=kind, percent=percent, from_month=from_month, to_month=to_month
    )
    if not reason.strip():
        errors.setdefault("reason", "Nhập lý do miễn, giảm.")
    if errors:
        raise ValidationError(errors)
    relief = DuesRelief(
        member=member,
        kind=kind,
        percent=percent,
        from_month=from_month,
        to_month=to_month,
        reason=reason.strip(),
        decision_number=decision_number.strip(),
        decision_date=decision_date,
        created_by=acting_user,
    )
    check_record(relief)
    relief.full_clean()
    relief.save()
    changed = dues_refresh(member=member, from_month=from_month)
    audit_log(
        user=acting_user,
        action=AuditAction.CHANGE,
        object_type="dues_relief",
        object_id=relief.pk,
        description=f"{relief} cho {member.person.full_name} ({changed} tháng tính lại)",
        request=request,
    )
    return relief


@transaction.atomic
def dues_month_prepare(
    *, org: Organization, month: dt.date, acting_user: Any = None, request: Any = None
) -> int:
    """Open the dues list of `month` for the cells under `org` that month: one row per member who
    was in one of them that month (their month's cell), with the amount due. Rows already
    there keep what was paid; their amount due is recomputed. Returns rows created."""
    month = rules.month_start(month)
    # The cells under `org` as the tree stood on the month's first day.
    cells = subtree_versions_at(org, month).values("org_id")
    periods = MemberPeriod.objects.filter(valid_from__lt=rules.next_month(month)).exclude(
        valid_to__lte=month
    )
    member_ids = set(periods.filter(org_id__in=cells).values_list("member_id", flat=True))
    existing = {
        r.member_id: r for r in DuesMonth.objects.filter(month=month, member_id__in=member_ids)
    }
    members = Member.objects.select_related("person").in_bulk(list(member_ids))
    all_periods: dict[int, list[tuple[int, dt.date, dt.date | None]]] = {}
    for member_id, org_id, start, stop in periods.filter(member_id__in=member_ids).values_list(
        "member_id", "org_id", "valid_from", "valid_to"
    ):
        all_periods.setdefault(member_id, []).append((org_id, start, stop))
    cell_ids = set(cells.values_list("org_id", flat=True))
    bases: dict[int, list[rules.Basis]] = {}
    for b in DuesBasis.objects.filter(member_id__in=member_ids):
        bases.setdefault(b.member_id, []).append(rules.Basis(b.kind, b.amount, b.from_month))
    reliefs: dict[int, list[rules.Relief]] = {}
    for r in DuesRelief.objects.filter(member_id__in=member_ids):
        reliefs.setdefault(r.member_id, []).append(
            rules.Relief(r.kind, r.percent, r.from_month, r.to_month, r.get_kind_display())
        )
    created, updated = [], []
    for member_id, member in members.items():
        cell_id = cells_by_month(all_periods.get(member_id, []), [month]).get(month)
        if cell_id is None or cell_id not in cell_ids:
            continue  # that month the member belonged to a cell elsewhere
        due = _compute(member, month, bases.get(member_id, []), reliefs.get(member_id, []))
        row = existing.get(member_id)
        if row is None:
            row = DuesMonth(member=member, month=month, cell_id=cell_id)
            _apply_due(row, due)
            created.append(row)
        elif _apply_due(row, due):
            updated.append(row)
    DuesMonth.objects.bulk_create(created, batch_size=2000)
    DuesMonth.objects.bulk_update(updated, DUE_FIELDS, batch_size=2000)
    audit_log(
        user=acting_user,
        action=AuditAction.CHANGE,
        object_type="dues_month",
        object_id=org.pk,
        description=(
            f"Lập danh sách đảng phí tháng {rules.format_month(month)} của {org.name}: "
            f"{len(created)} dòng mới, {len(updated)} dòng tính lại"
        ),
        request=request,
    )
    return len(created)
