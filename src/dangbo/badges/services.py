"""Writes of Party badges: award (one, or several at once), return, reissue.

Every write also writes an AuditEntry (action "change") in the same transaction: the
indicator cache is keyed by the data version, which counts those rows (see
dangbo.indicators.registry).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.badges import rules
from dangbo.badges.models import AwardStatus, BadgeAward, EarlyReason
from dangbo.badges.selectors import member_gaps
from dangbo.core.dates import check_record
from dangbo.core.text import format_date
from dangbo.members.choices import EventKind, MemberStatus
from dangbo.members.models import Member, MemberPeriod

# Leaving the Party (not a transfer, not death): the badge is handed back (HD 01-HD/TW
# mục 18; HD 06-HD/TW).
LEAVING_KINDS = (EventKind.STRUCK_OFF, EventKind.RESIGNED, EventKind.EXPELLED)


class BadgeBatchError(ValidationError):
    """Several members refused at once: `problems` holds (index, {field: message})."""

    def __init__(self, problems: list[tuple[int, dict[str, str]]]) -> None:
        self.problems = problems
        super().__init__([f"Dòng {i + 1}: {m}" for i, errors in problems for m in errors.values()])


@dataclass(frozen=True)
class AwardLine:
    """One member of a batch: the level, and the reason if awarded early."""

    member: Member
    years: int
    early_reason: str = ""
    note: str = ""


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def _cell_on(member: Member, day: dt.date) -> int | None:
    period = (
        MemberPeriod.objects.filter(member=member, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))
        .first()
    )
    return period.org_id if period else None


def _death_date(member: Member) -> dt.date | None:
    death = member.events.filter(kind=EventKind.DECEASED).order_by("date").first()
    return death.date if death else None


def _check_common(
    *, decision_number: str, decision_date: dt.date, presented_on: dt.date, occasion: str,
    today: dt.date,
) -> dict[str, str]:  # fmt: skip
    errors: dict[str, str] = {}
    rule = rules.rules_at(presented_on)
    if not decision_number.strip():
        errors["decision_number"] = "Phải nhập số quyết định tặng Huy hiệu."
    if decision_date > presented_on:
        errors["decision_date"] = "Ngày quyết định phải trước hoặc cùng ngày trao Huy hiệu."
    if presented_on > today:
        errors["presented_on"] = (
            f"Ngày trao {format_date(presented_on)} chưa đến; chỉ ghi nhận Huy hiệu đã trao."
        )
    message = rules.check_occasion(rule, occasion, presented_on)
    if message:
        errors["occasion"] = message
    return errors


def _check_member(
    *, member: Member, years: int, presented_on: dt.date, early_reason: str
) -> tuple[dict[str, str], int | None]:
    """The rules of one member's award; the errors and the cell it belongs to."""
    rule = rules.rules_at(presented_on)
    message = rules.check_level(rule, years)
    if message:
        return {"years": message}, None
    earlier = BadgeAward.objects.filter(member=member, years=years).first()
    if earlier is not None:
        return {
            "years": f"Đồng chí {member} đã được tặng Huy hiệu {years} năm tuổi đảng "
            f"(Quyết định số {earlier.decision_number} ngày {format_date(earlier.decision_date)}"
            "); mỗi mốc chỉ tặng một lần, Huy hiệu bị mất thì cấp lại."
        }, None
    died = _death_date(member)
    cell_id: int | None
    if early_reason == EarlyReason.POSTHUMOUS:
        if died is None:
            return {"early_reason": "Chỉ truy tặng đảng viên đã từ trần."}, None
        if presented_on < died:
            return {"presented_on": "Ngày truy tặng phải sau ngày đảng viên từ trần."}, None
        reference = died
        cell_id = _cell_on(member, died - dt.timedelta(days=1)) or member.cell_id
    else:
        if died is not None and died <= presented_on:
            return {
                "early_reason": f"Đảng viên đã từ trần ngày {format_date(died)}; "
                "chỉ có thể truy tặng (chọn “Truy tặng”)."
            }, None
        cell_id = _cell_on(member, presented_on)
        if cell_id is None:
            return {
                "presented_on": f"Ngày {format_date(presented_on)} đồng chí {member} không "
                "sinh hoạt tại chi bộ nào trong hệ thống (chưa vào Đảng, đã chuyển đi hoặc "
                "đã ra khỏi Đảng)."
            }, None
        reference = presented_on
    gaps = member_gaps([member.pk]).get(member.pk, [])
    if member.admitted_on is None:
        return {"years": "Đảng viên chưa có ngày vào Đảng."}, None
    if early_reason == EarlyReason.POSTHUMOUS:
        # Party age stops at death; the gap opened by it must not hide the level.
        gaps = [g for g in gaps if g[0] < died] if died else gaps
    reached = rules.level_reached_on(member.admitted_on, gaps, years)
    message = rules.check_reached(
        rule, years=years, reached_on=reached, on=reference, reason=early_reason
    )
    if message:
        return {"years": message}, None
    return {}, cell_id


def _create(
    *, line: AwardLine, cell_id: int, decision_number: str, decision_date: dt.date,
    presented_on: dt.date, occasion: str, acting_user: Any,
) -> BadgeAward:  # fmt: skip
    award = BadgeAward(
        member=line.member,
        years=line.years,
        decision_number=decision_number.strip(),
        decision_date=decision_date,
        presented_on=presented_on,
        occasion=occasion,
        early_reason=line.early_reason,
        cell_id=cell_id,
        note=line.note.strip(),
        created_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
    )
    check_record(award)
    award.full_clean()
    award.save()
    audit_log(
        user=acting_user,
        action=AuditAction.CHANGE,
        object_type="badge_award",
        object_id=award.pk,
        description=f"Ghi nhận trao Huy hiệu {line.years} năm tuổi đảng cho {line.member} "
        f"(Quyết định số {award.decision_number}, trao ngày {format_date(presented_on)})",
    )
    return award


@transaction.atomic
def badge_award(
    *,
    member: Member,
    years: int,
    decision_number: str,
    decision_date: dt.date,
    presented_on: dt.date,
    occasion: str,
    early_reason: str = "",
    note: str = "",
    acting_user: Any = None,
    today: dt.date | None = None,
) -> BadgeAward:
    """Record a badge awarded to one member (HD 01-HD/TW mục 18, HD 06-HD/TW)."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    errors = _check_common(
        decision_number=decision_number, decision_date=decision_date,
        presented_on=presented_on, occasion=occasion, today=_today(today),
    )  # fmt: skip
    member_errors, cell_id = _check_member(
        member=member, years=years, presented_on=presented_on, early_reason=early_reason
    )
    errors.update(member_errors)
    if errors:
        raise ValidationError(errors)
    assert cell_id is not None
    return _create(
        line=AwardLine(member, years, early_reason, note), cell_id=cell_id,
        decision_number=decision_number, decision_date=decision_date,
        presented_on=presented_on, occasion=occasion, acting_user=acting_user,
    )  # fmt: skip


@transaction.atomic
def badges_award_many(
    *,
    lines: Sequence[AwardLine],
    decision_number: str,
    decision_date: dt.date,
    presented_on: dt.date,
    occasion: str,
    acting_user: Any = None,
    today: dt.date | None = None,
) -> list[BadgeAward]:
    """Record one decision's badges for several members: all of them, or none (one
    transaction; every refused line is reported)."""
    if not lines:
        raise ValidationError({"__all__": "Chưa chọn đảng viên nào."})
    errors = _check_common(
        decision_number=decision_number, decision_date=decision_date,
        presented_on=presented_on, occasion=occasion, today=_today(today),
    )  # fmt: skip
    if errors:
        raise ValidationError(errors)
    seen: set[tuple[int, int]] = set()
    cells: list[int] = []
    problems: list[tuple[int, dict[str, str]]] = []
    for index, line in enumerate(lines):
        if (line.member.pk, line.years) in seen:
            problems.append((index, {"years": f"Đồng chí {line.member} được chọn hai lần."}))
            continue
        seen.add((line.member.pk, line.years))
        line_errors, cell_id = _check_member(
            member=line.member, years=line.years, presented_on=presented_on,
            early_reason=line.early_reason,
        )  # fmt: skip
        if line_errors:
            problems.append((index, line_errors))
        cells.append(cell_id or 0)
    if problems:
        raise BadgeBatchError(problems)
    return [
        _create(
            line=line,
            cell_id=cell_id,
            decision_number=decision_number,
            decision_date=decision_date,
            presented_on=presented_on,
            occasion=occasion,
            acting_user=acting_user,
        )  # fmt: skip
        for line, cell_id in zip(lines, cells, strict=True)
    ]


@transaction.atomic
def badge_return(
    *,
    award: BadgeAward,
    returned_on: dt.date,
    note: str = "",
    acting_user: Any = None,
    today: dt.date | None = None,
) -> BadgeAward:
    """The badge handed back by a member who left the Party (HD 01-HD/TW mục 18)."""
    award = BadgeAward.objects.select_for_update().select_related("member").get(pk=award.pk)
    member = award.member
    if award.status == AwardStatus.RETURNED:
        raise ValidationError({"returned_on": "Huy hiệu này đã được thu hồi."})
    left = member.events.filter(kind__in=LEAVING_KINDS).order_by("-date").first()
    if member.status != MemberStatus.LEFT or left is None:
        raise ValidationError(
            {
                "returned_on": "Chỉ thu hồi Huy hiệu khi đảng viên ra khỏi Đảng (xóa tên, khai "
                "trừ, xin ra khỏi Đảng) (Hướng dẫn 06-HD/TW; HD 01-HD/TW mục 18)."
            }
        )
    if returned_on < left.date:
        raise ValidationError(
            {"returned_on": f"Ngày thu hồi phải từ ngày ra khỏi Đảng ({format_date(left.date)})."}
        )
    if returned_on > _today(today):
        raise ValidationError({"returned_on": "Ngày thu hồi chưa đến."})
    award.status = AwardStatus.RETURNED
    award.returned_on = returned_on
    if note.strip():
        award.note = f"{award.note}\n{note.strip()}".strip()
    check_record(award)
    award.full_clean()
    award.save(update_fields=["status", "returned_on", "note"])
    audit_log(
        user=acting_user,
        action=AuditAction.CHANGE,
        object_type="badge_award",
        object_id=award.pk,
        description=f"Thu hồi Huy hiệu {award.years} năm tuổi đảng của {member} "
        f"ngày {format_date(returned_on)} ({left.get_kind_display()})",
    )
    return award


@transaction.atomic
def badge_reissue(
    *,
    award: BadgeAward,
    reissued_on: dt.date,
    reason: str,
    acting_user: Any = None,
    today: dt.date | None = None,
) -> BadgeAward:
    """A lost or damaged badge issued again, for good reason (HD 01-HD/TW mục 18)."""
    award = BadgeAward.objects.select_for_update().select_related("member").get(pk=award.pk)
    if not reason.strip():
        raise ValidationError({"reason": "Phải nêu lý do cấp lại (ví dụ: bị mất, hư hỏng)."})
    if reissued_on < award.presented_on:
        raise ValidationError(
            {"reissued_on": f"Ngày cấp lại phải sau ngày trao ({format_date(award.presented_on)})."}
        )
    if reissued_on > _today(today):
        raise ValidationError({"reissued_on": "Ngày cấp lại chưa đến."})
    if award.status == AwardStatus.RETURNED and _cell_on(award.member, reissued_on) is None:
        raise ValidationError(
            {"reissued_on": "Huy hiệu đã thu hồi khi đảng viên ra khỏi Đảng; chỉ cấp lại khi "
             "đồng chí đã được kết nạp lại hoặc phục hồi đảng tịch."}
        )  # fmt: skip
    award.status = AwardStatus.REISSUED
    award.reissued_on = reissued_on
    award.note = f"{award.note}\nCấp lại ngày {format_date(reissued_on)}: {reason.strip()}".strip()
    check_record(award)
    award.full_clean()
    award.save(update_fields=["status", "reissued_on", "note"])
    audit_log(
        user=acting_user,
        action=AuditAction.CHANGE,
        object_type="badge_award",
        object_id=award.pk,
        description=f"Cấp lại Huy hiệu {award.years} năm tuổi đảng của {award.member} "
        f"ngày {format_date(reissued_on)}: {reason.strip()}",
    )
    return award
