"""Writes of the inspection app: plans and their items, letters received and settled.

Each service runs in one transaction, checks with dangbo.inspection.rules, raises a
ValidationError({field: Vietnamese message}) and writes an AuditEntry (action "change")
whose description never holds the sender of a letter (indicator values are cached by a
data version that counts those rows: see dangbo.indicators.registry).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.core.dates import check_record
from dangbo.core.locking import check_and_bump
from dangbo.core.text import fold, format_date
from dangbo.inspection import rules
from dangbo.inspection.models import (
    BodyKind,
    CloseReason,
    Complaint,
    InspectionItem,
    InspectionPlan,
    ItemStatus,
    LetterKind,
    LetterStatus,
)
from dangbo.members.models import Member
from dangbo.orgs.models import Organization
from dangbo.orgs.selectors import version_of


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def _user(acting_user: Any) -> Any:
    return acting_user if getattr(acting_user, "is_authenticated", False) else None


def _audit(acting_user: Any, object_type: str, object_id: int, description: str) -> None:
    audit_log(
        user=acting_user, action=AuditAction.CHANGE, object_type=object_type,
        object_id=object_id, description=description,
    )  # fmt: skip


def body_label(org: Organization, body: str) -> str:
    """ "Ủy ban Kiểm tra Đảng bộ Khối…", "Chi bộ Văn phòng"."""
    if body == BodyKind.CELL:
        return org.name
    return f"{BodyKind(body).label} {org.name}"


# --- Plans -----------------------------------------------------------------------------------


def _plan_search(plan: InspectionPlan) -> str:
    return fold(" ".join([plan.title, plan.decision_number, plan.org.name, plan.org.code]))


def _check_plan_fields(
    *, org: Organization, body: str, year: int, title: str, decision_date: dt.date | None
) -> dict[str, str]:
    errors = rules.check_plan(year=year, decision_date=decision_date, title=title)
    if body not in BodyKind.values:
        errors["body"] = "Chọn chủ thể kiểm tra, giám sát."
    else:
        message = rules.check_body(body, org.kind)
        if message:
            errors["body"] = message
    return errors


@transaction.atomic
def plan_create(
    *,
    org: Organization,
    body: str,
    year: int,
    title: str,
    decision_number: str = "",
    decision_date: dt.date | None = None,
    note: str = "",
    acting_user: Any = None,
) -> InspectionPlan:
    """The yearly plan of one body (one per organization, body and year)."""
    errors = _check_plan_fields(
        org=org, body=body, year=year, title=title, decision_date=decision_date
    )
    if not errors and InspectionPlan.objects.filter(org=org, body=body, year=year).exists():
        errors["year"] = (
            f"{body_label(org, body)} đã có kế hoạch kiểm tra, giám sát năm {year}; bổ sung "
            "cuộc kiểm tra vào kế hoạch đó."
        )
    if errors:
        raise ValidationError(errors)
    plan = InspectionPlan(
        org=org, body=body, year=year, title=title.strip(),
        decision_number=decision_number.strip(), decision_date=decision_date,
        note=note.strip(), created_by=_user(acting_user),
    )  # fmt: skip
    plan.search = _plan_search(plan)
    check_record(plan)
    plan.save()
    _audit(
        acting_user, "inspection_plan", plan.pk,
        f"Lập kế hoạch kiểm tra, giám sát năm {year} của {body_label(org, body)}: {plan.title}",
    )  # fmt: skip
    return plan


@transaction.atomic
def plan_update(
    *,
    plan: InspectionPlan,
    title: str,
    decision_number: str = "",
    decision_date: dt.date | None = None,
    note: str = "",
    acting_user: Any = None,
    expected_version: int | None = None,
) -> InspectionPlan:
    plan = InspectionPlan.objects.select_for_update().select_related("org").get(pk=plan.pk)
    check_and_bump(plan, expected_version, user=acting_user, values={
        "title": title, "decision_number": decision_number, "decision_date": decision_date,
        "note": note})  # fmt: skip
    errors = _check_plan_fields(
        org=plan.org, body=plan.body, year=plan.year, title=title, decision_date=decision_date
    )
    if errors:
        raise ValidationError(errors)
    before = (plan.title, plan.decision_number, plan.decision_date, plan.note)
    plan.title, plan.decision_number = title.strip(), decision_number.strip()
    plan.decision_date, plan.note = decision_date, note.strip()
    plan.search = _plan_search(plan)
    check_record(plan)
    plan.save()
    changed = before != (plan.title, plan.decision_number, plan.decision_date, plan.note)
    _audit(acting_user, "inspection_plan", plan.pk,
           f"Sửa kế hoạch {plan.title}" + ("" if changed else " (không thay đổi)"))  # fmt: skip
    return plan


# --- Items -----------------------------------------------------------------------------------


def _was_under(child_path: str, child: Organization | None, parent: Organization,
               day: dt.date) -> bool:  # fmt: skip
    """`child` (or a member's path) under `parent` now or as the tree stood on `day`."""
    if child_path.startswith(parent.path) and child_path != parent.path:
        return True
    if child is None:
        return False
    then_parent, then_child = version_of(parent, day), version_of(child, day)
    return bool(
        then_parent and then_child and then_child.path.startswith(then_parent.path)
        and then_child.path != then_parent.path
    )  # fmt: skip


def _check_subject(
    plan: InspectionPlan, subject_org: Organization | None, subject_member: Member | None,
    day: dt.date,
) -> dict[str, str]:  # fmt: skip
    who = body_label(plan.org, plan.body)
    if subject_org is not None and not _was_under(subject_org.path, subject_org, plan.org, day):
        return {"subject_org": f"{subject_org.name} không thuộc phạm vi lãnh đạo của {who}."}
    if subject_member is not None and not subject_member.org_path.startswith(plan.org.path):
        return {"subject_member": f"Đồng chí {subject_member} không thuộc phạm vi của {who}."}
    return {}


def _item_search(item: InspectionItem) -> str:
    words = [item.content, item.team, item.get_kind_display(), item.conclusion_number]
    if item.subject_org is not None:
        words += [item.subject_org.name, item.subject_org.code]
    if item.subject_member is not None:
        words.append(item.subject_member.person.full_name)
    return fold(" ".join(words))


def _item_fields(plan: InspectionPlan, values: dict[str, Any]) -> tuple[dict[str, str], dt.date]:
    errors = rules.check_item(
        year=plan.year, kind=values["kind"], planned_quarter=values.get("planned_quarter"),
        unplanned=bool(values.get("unplanned")), decided_on=values.get("decided_on"),
        has_org=values.get("subject_org") is not None,
        has_member=values.get("subject_member") is not None, content=values.get("content", ""),
    )  # fmt: skip
    day = rules.ref_date(plan.year, values.get("planned_quarter"), values.get("decided_on"))
    if not errors:
        errors.update(
            _check_subject(plan, values.get("subject_org"), values.get("subject_member"), day)
        )
    return errors, day


ITEM_FIELDS = ("kind", "subject_org", "subject_member", "content", "planned_quarter",
               "unplanned", "decided_on", "team")  # fmt: skip


@transaction.atomic
def item_create(
    *,
    plan: InspectionPlan,
    kind: str,
    content: str,
    subject_org: Organization | None = None,
    subject_member: Member | None = None,
    planned_quarter: int | None = None,
    unplanned: bool = False,
    decided_on: dt.date | None = None,
    team: str = "",
    team_members: Iterable[Member] = (),
    acting_user: Any = None,
) -> InspectionItem:
    """Add an item to a plan: planned (a quarter) or added during the year (unplanned,
    with the day it was decided; an inspection on signs of violation is always so)."""
    plan = InspectionPlan.objects.select_related("org").get(pk=plan.pk)
    values = {
        "kind": kind, "content": content.strip(), "subject_org": subject_org,
        "subject_member": subject_member, "planned_quarter": planned_quarter,
        "unplanned": unplanned, "decided_on": decided_on, "team": team.strip(),
    }  # fmt: skip
    errors, day = _item_fields(plan, values)
    if errors:
        raise ValidationError(errors)
    item = InspectionItem(plan=plan, ref_date=day, created_by=_user(acting_user), **values)
    item.search = _item_search(item)
    check_record(item)
    item.save()
    item.team_members.set(list(team_members))
    _audit(acting_user, "inspection_item", item.pk,
           f"Thêm cuộc {item.get_kind_display().lower()} ({item.subject_label}) vào {plan.title}"
           + (" – ngoài kế hoạch" if unplanned else f" – quý {planned_quarter}"))  # fmt: skip
    return item


@transaction.atomic
def item_update(
    *, item: InspectionItem, acting_user: Any = None, team_members: Iterable[Member] | None = None,
    expected_version: int | None = None, **values: Any,
) -> InspectionItem:  # fmt: skip
    """Change what an item is about (kind, subject, quarter, team)."""
    item = InspectionItem.objects.select_for_update().select_related("plan__org").get(pk=item.pk)
    check_and_bump(item, expected_version, user=acting_user, values=values)
    merged = {name: getattr(item, name) for name in ITEM_FIELDS}
    merged.update({k: v for k, v in values.items() if k in ITEM_FIELDS})
    merged["content"] = str(merged["content"]).strip()
    merged["team"] = str(merged["team"]).strip()
    errors, day = _item_fields(item.plan, merged)
    if errors:
        raise ValidationError(errors)
    for name, value in merged.items():
        setattr(item, name, value)
    item.ref_date = day
    item.search = _item_search(item)
    check_record(item)
    item.save()
    if team_members is not None:
        item.team_members.set(list(team_members))
    _audit(acting_user, "inspection_item", item.pk,
           f"Sửa cuộc {item.get_kind_display().lower()} ({item.subject_label})")  # fmt: skip
    return item


@transaction.atomic
def item_progress(
    *,
    item: InspectionItem,
    status: str,
    started_on: dt.date | None = None,
    cancel_reason: str = "",
    acting_user: Any = None,
    today: dt.date | None = None,
) -> InspectionItem:
    """Started (in progress), or not carried out (cancelled, with the reason)."""
    item = InspectionItem.objects.select_for_update().select_related("plan__org").get(pk=item.pk)
    errors: dict[str, str] = {}
    if item.status == ItemStatus.DONE:
        errors["status"] = "Cuộc kiểm tra, giám sát đã kết luận; không đổi tình trạng được."
    elif status not in (ItemStatus.PLANNED, ItemStatus.IN_PROGRESS, ItemStatus.CANCELLED):
        errors["status"] = "Ghi kết luận ở trang “Kết luận”."
    else:
        errors.update(
            rules.check_progress(
                status=status,
                started_on=started_on,
                ended_on=None,
                year=item.plan.year,
                today=_today(today),
            )  # fmt: skip
        )
        if status == ItemStatus.CANCELLED and not cancel_reason.strip():
            errors["cancel_reason"] = "Phải ghi lý do không tiến hành."
    if errors:
        raise ValidationError(errors)
    item.status = status
    item.started_on = started_on if status != ItemStatus.PLANNED else None
    item.cancel_reason = cancel_reason.strip() if status == ItemStatus.CANCELLED else ""
    item.save(update_fields=["status", "started_on", "cancel_reason"])
    what = {ItemStatus.IN_PROGRESS: f"bắt đầu ngày {format_date(started_on)}",
            ItemStatus.CANCELLED: f"không tiến hành: {item.cancel_reason}",
            ItemStatus.PLANNED: "trở lại chưa tiến hành"}[ItemStatus(status)]  # fmt: skip
    _audit(acting_user, "inspection_item", item.pk, f"Cuộc {item.subject_label}: {what}")
    return item


@transaction.atomic
def item_conclude(
    *,
    item: InspectionItem,
    started_on: dt.date | None,
    ended_on: dt.date | None,
    conclusion: str,
    conclusion_number: str = "",
    violations_found: bool = False,
    violations_count: int = 0,
    violations: str = "",
    acting_user: Any = None,
    today: dt.date | None = None,
) -> InspectionItem:
    """The conclusion: the item is done on `ended_on` (the day it was concluded)."""
    item = InspectionItem.objects.select_for_update().select_related("plan__org").get(pk=item.pk)
    errors = rules.check_conclusion(
        started_on=started_on, ended_on=ended_on, conclusion=conclusion,
        violations_found=violations_found, violations_count=violations_count or 0,
        violations=violations, today=_today(today),
    )  # fmt: skip
    if item.status == ItemStatus.CANCELLED:
        errors["conclusion"] = "Cuộc này đã ghi không tiến hành; không kết luận được."
    if errors:
        raise ValidationError(errors)
    item.status = ItemStatus.DONE
    item.started_on, item.ended_on = started_on, ended_on
    item.conclusion, item.conclusion_number = conclusion.strip(), conclusion_number.strip()
    item.violations_found = violations_found
    item.violations_count = violations_count if violations_found else 0
    item.violations = violations.strip() if violations_found else ""
    item.search = _item_search(item)
    check_record(item)
    item.save()
    found = f", {item.violations_count} vi phạm" if violations_found else ", không có vi phạm"
    _audit(
        acting_user, "inspection_item", item.pk,
        f"Kết luận cuộc {item.get_kind_display().lower()} ({item.subject_label}) ngày "
        f"{format_date(ended_on)}{found}",
    )  # fmt: skip
    return item


# --- Letters ---------------------------------------------------------------------------------


def _next_number(org: Organization, year: int) -> str:
    taken = set(
        Complaint.objects.filter(settling_org=org, received_on__year=year).values_list(
            "number", flat=True
        )
    )
    n = len(taken) + 1
    while f"{n:02d}/{year}" in taken:
        n += 1
    return f"{n:02d}/{year}"


def letter_deadline(kind: str, org: Organization, received_on: dt.date) -> tuple[dt.date, str]:
    """The settlement deadline of a letter and the rule set it comes from."""
    rule = rules.rules_at(received_on)
    return rules.settle_deadline(rule, kind, rules.level_of(org.kind), received_on), rule.name


@transaction.atomic
def complaint_receive(
    *,
    received_on: dt.date,
    kind: str,
    settling_org: Organization,
    settling_body: str,
    subject: str,
    anonymous: bool = False,
    sender_name: str = "",
    sender_address: str = "",
    sender_contact: str = "",
    accused_org: Organization | None = None,
    accused_member: Member | None = None,
    decision_received_on: dt.date | None = None,
    number: str = "",
    discipline_case: Any = None,
    acting_user: Any = None,
    today: dt.date | None = None,
) -> Complaint:
    """Record a letter received. Its settlement deadline is computed from the rule set of
    the day it was received and the level of the body competent to settle it. A letter
    that may not be settled is recorded and closed at once with its reason: a complaint
    lodged more than a month after the discipline decision was received (Điều lệ Đảng
    Điều 39) or an anonymous letter."""
    errors = rules.check_letter(
        received_on=received_on, kind=kind, anonymous=anonymous, sender_name=sender_name,
        subject=subject, decision_received_on=decision_received_on, today=_today(today),
    )  # fmt: skip
    if kind not in LetterKind.values:
        errors["kind"] = "Chọn loại đơn."
    message = rules.check_body(settling_body, settling_org.kind)
    if message:
        errors["settling_body"] = message
    number = number.strip() or _next_number(settling_org, received_on.year)
    if Complaint.objects.filter(
        settling_org=settling_org, received_on__year=received_on.year, number=number
    ).exists():
        errors["number"] = f"Số vào sổ {number} đã dùng trong năm {received_on.year}."
    if errors:
        raise ValidationError(errors)
    rule = rules.rules_at(received_on)
    deadline, rule_name = letter_deadline(kind, settling_org, received_on)
    letter = Complaint(
        number=number, received_on=received_on, kind=kind, settling_org=settling_org,
        settling_body=settling_body, subject=subject.strip(), anonymous=anonymous,
        sender_name="" if anonymous else sender_name.strip(),
        sender_address="" if anonymous else sender_address.strip(),
        sender_contact="" if anonymous else sender_contact.strip(),
        accused_org=accused_org, accused_member=accused_member,
        decision_received_on=decision_received_on, deadline=deadline, rule_name=rule_name,
        created_by=_user(acting_user),
    )  # fmt: skip
    if discipline_case is not None:
        if kind != LetterKind.DISCIPLINE_COMPLAINT:
            raise ValidationError(
                {"discipline_case": "Chỉ đơn khiếu nại kỷ luật mới gắn với quyết định kỷ luật."}
            )
        letter.discipline_case = discipline_case
    closing = ""
    if kind == LetterKind.DISCIPLINE_COMPLAINT and decision_received_on is not None:
        closing = rules.out_of_time_reason(rule, decision_received_on, received_on)
        if closing:
            letter.close_reason = CloseReason.OUT_OF_TIME
    if not closing and anonymous:
        closing = rules.ANONYMOUS_REASON
        letter.close_reason = CloseReason.ANONYMOUS
    if closing:
        letter.status = LetterStatus.CLOSED
        letter.closed_on = received_on
        letter.close_note = closing
    letter.search = fold(f"{letter.number} {letter.subject}")
    letter.sender_search = fold(
        f"{letter.sender_name} {letter.sender_address} {letter.sender_contact}"
    )
    check_record(letter)
    letter.save()
    if discipline_case is not None and not closing:
        _record_on_case(letter, "pending", None, "", acting_user)
    _audit(acting_user, "complaint", letter.pk,
           f"Tiếp nhận đơn số {letter.number} ({letter.get_kind_display().lower()}), hạn giải "
           f"quyết {format_date(deadline)}" + (f"; lưu đơn: {letter.get_close_reason_display()}"
                                               if closing else ""))  # fmt: skip
    return letter


def _record_on_case(
    letter: Complaint, outcome: str, decided_on: dt.date | None, changed_form: str,
    acting_user: Any,
) -> None:  # fmt: skip
    """Tell the discipline case what became of the complaint (pending, upheld, changed,
    annulled): the discipline app's own service checks the new form."""
    from dangbo.discipline.services import case_record_complaint

    assert letter.discipline_case is not None
    case_record_complaint(
        case=letter.discipline_case, received_on=letter.received_on, outcome=outcome,
        body=body_label(letter.settling_org, letter.settling_body), decided_on=decided_on,
        changed_form=changed_form, acting_user=acting_user,
    )  # fmt: skip


@transaction.atomic
def complaint_settle(
    *,
    complaint: Complaint,
    settled_on: dt.date,
    outcome: str,
    result: str,
    decision_number: str = "",
    decision_date: dt.date | None = None,
    changed_form: str = "",
    acting_user: Any = None,
    today: dt.date | None = None,
) -> Complaint:
    """The letter settled, with its outcome and the decision (or notice) that closed it.
    A complaint about discipline ends upheld, changed or annulled (giữ nguyên, thay đổi
    hình thức, xóa kỷ luật); the discipline app reads them through `case.complaints`."""
    letter = Complaint.objects.select_for_update().get(pk=complaint.pk)
    errors: dict[str, str] = {}
    if letter.status != LetterStatus.OPEN:
        errors["settled_on"] = f"Đơn đã {letter.get_status_display().lower()}."
    else:
        errors = rules.check_settlement(
            kind=letter.kind, received_on=letter.received_on, settled_on=settled_on,
            outcome=outcome, result=result, decision_number=decision_number,
            decision_date=decision_date, today=_today(today),
        )  # fmt: skip
    if errors:
        raise ValidationError(errors)
    letter.status = LetterStatus.SETTLED
    letter.settled_on, letter.outcome, letter.result = settled_on, outcome, result.strip()
    letter.decision_number, letter.decision_date = decision_number.strip(), decision_date
    check_record(letter)
    letter.save()
    if letter.discipline_case_id is not None:
        _record_on_case(letter, outcome, settled_on, changed_form, acting_user)
    late = letter.due is not None and settled_on > letter.due
    _audit(acting_user, "complaint", letter.pk,
           f"Giải quyết đơn số {letter.number}: {letter.get_outcome_display()} "
           f"(ngày {format_date(settled_on)}{', quá hạn' if late else ''})")  # fmt: skip
    return letter


@transaction.atomic
def complaint_close(
    *,
    complaint: Complaint,
    reason: str,
    closed_on: dt.date,
    note: str = "",
    acting_user: Any = None,
    today: dt.date | None = None,
) -> Complaint:
    """Closed without settlement, with the reason (anonymous, not within the body's
    competence and passed on, out of time, repeated, withdrawn)."""
    letter = Complaint.objects.select_for_update().get(pk=complaint.pk)
    errors: dict[str, str] = {}
    if letter.status != LetterStatus.OPEN:
        errors["reason"] = f"Đơn đã {letter.get_status_display().lower()}."
    elif reason not in CloseReason.values:
        errors["reason"] = "Chọn lý do lưu đơn."
    elif closed_on < letter.received_on:
        errors["closed_on"] = (
            f"Ngày lưu đơn phải từ ngày nhận đơn ({format_date(letter.received_on)}) trở đi."
        )
    elif closed_on > _today(today):
        errors["closed_on"] = f"Ngày {format_date(closed_on)} chưa đến."
    elif reason == CloseReason.OUT_OF_SCOPE and not note.strip():
        errors["note"] = "Ghi nơi đã chuyển đơn hoặc hướng dẫn người gửi."
    if errors:
        raise ValidationError(errors)
    letter.status = LetterStatus.CLOSED
    letter.close_reason, letter.closed_on, letter.close_note = reason, closed_on, note.strip()
    check_record(letter)
    letter.save()
    _audit(acting_user, "complaint", letter.pk,
           f"Lưu đơn số {letter.number}: {letter.get_close_reason_display()}")  # fmt: skip
    return letter


@transaction.atomic
def complaint_extend(
    *, complaint: Complaint, extended_to: dt.date, acting_user: Any = None
) -> Complaint:
    letter = Complaint.objects.select_for_update().get(pk=complaint.pk)
    message = "Đơn không còn đang giải quyết." if letter.status != LetterStatus.OPEN else ""
    message = message or rules.check_extension(
        rules.rules_at(letter.received_on), kind=letter.kind, deadline=letter.deadline,
        extended_to=extended_to,
    )  # fmt: skip
    if message:
        raise ValidationError({"extended_to": message})
    letter.extended_to = extended_to
    letter.save(update_fields=["extended_to"])
    _audit(acting_user, "complaint", letter.pk,
           f"Gia hạn giải quyết đơn số {letter.number} đến {format_date(extended_to)}")  # fmt: skip
    return letter
