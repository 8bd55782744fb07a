"""Members' grades: the cell proposes, the base organization decides (with the quota)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from dangbo.core.dates import check_record
from dangbo.members.choices import Occupation
from dangbo.orgs.models import Organization
from dangbo.rating import rules as R
from dangbo.rating import selectors
from dangbo.rating.models import (
    DisciplineForm,
    Grade,
    MemberRating,
    RatingRound,
    RatingStep,
    ResidenceComment,
    RoundStatus,
    StepKind,
)
from dangbo.rating.services.common import NON_FIELD, _audit, _check_open, _require, _user


def recorded_disciplines(member_ids: Sequence[int], year: int) -> dict[int, Any]:
    """{member id: the Party discipline of the year on record (discipline app), in force}."""
    from dangbo.discipline.selectors import member_cases_in_year

    return member_cases_in_year(member_ids, year)


def apply_recorded(row: Any, case: Any) -> None:
    """Prefill a row's discipline facts from the record ("theo hồ sơ kỷ luật"); the hand
    entry stays for disciplines recorded elsewhere."""
    if case is None:
        return
    form = case.effective_form
    row.disciplined = True
    row.discipline_form = form if form in DisciplineForm.values else ""
    row.discipline_decision = case.decision_number
    row.discipline_on = case.decision_date


def member_facts(
    rules: R.RatingRules,
    entry: MemberRating,
    comments: dict[int, ResidenceComment],
    row: Any = None,
    recorded: Any = None,
) -> R.MemberFacts:
    """The rule facts of an entry; `row` (a MemberProposal) carries the form's facts and
    `recorded` the discipline case of the year on record (it caps whatever was ticked)."""
    source = row if row is not None else entry
    comment = comments.get(entry.member_id)
    retired = entry.member.person.occupation == Occupation.RETIRED
    disciplined = bool(source.disciplined) or recorded is not None
    discipline_form = str(source.discipline_form)
    if recorded is not None:
        discipline_form = recorded.effective_form
    return R.MemberFacts(
        year=entry.year,
        reference_on=entry.round.reference_on,
        admitted_on=entry.member.admitted_on,
        exempted=entry.is_exempted,
        suspended=bool(source.suspended),
        disciplined=disciplined,
        discipline_form=discipline_form,
        self_remedied=bool(source.self_remedied),
        sick_leave_months=int(source.sick_leave_months or 0),
        needs_residence_comment=not retired,
        has_residence_comment=comment is not None and comment.is_satisfied,
    )


@dataclasses.dataclass
class MemberProposal:
    """One row of the cell's proposal form."""

    entry: MemberRating
    grade: str = ""
    score: int | None = None
    suspended: bool = False
    disciplined: bool = False
    discipline_form: str = ""
    discipline_decision: str = ""
    discipline_on: dt.date | None = None
    self_remedied: bool = False
    sick_leave_months: int = 0
    note: str = ""


FACT_FIELDS = (
    "suspended",
    "disciplined",
    "discipline_form",
    "discipline_decision",
    "discipline_on",
    "self_remedied",
    "sick_leave_months",
)


@transaction.atomic
def member_ratings_propose(
    *, by: Any, rnd: RatingRound, rows: Sequence[MemberProposal], on: dt.date
) -> int:
    """The cell's proposal for its members. All rows or none: errors are keyed
    "<entry id>:<field>"."""
    rnd = RatingRound.objects.select_for_update().select_related("scope").get(pk=rnd.pk)
    _check_open(rnd)
    rules = R.rules_for_year(rnd.year)
    comments = selectors.comments_by_member([r.entry.member_id for r in rows], rnd.year)
    recorded = recorded_disciplines([r.entry.member_id for r in rows], rnd.year)
    errors: dict[str, str] = {}
    for row in rows:
        entry = row.entry
        if entry.round_id != rnd.pk:
            raise PermissionDenied("Đảng viên không thuộc đợt xếp loại này.")
        _require(by, entry.cell.path, f"đề xuất xếp loại đảng viên của {entry.cell.name}")
        apply_recorded(row, recorded.get(entry.member_id))
        if not row.disciplined:
            row.discipline_form, row.discipline_decision, row.discipline_on = "", "", None
            row.self_remedied = False
        if entry.decided_grade:
            errors[f"{entry.pk}:grade"] = "Cấp ủy cơ sở đã quyết định; không sửa đề xuất được."
            continue
        if row.discipline_form and row.discipline_form not in DisciplineForm.values:
            errors[f"{entry.pk}:discipline_form"] = "Hình thức kỷ luật không hợp lệ."
            continue
        facts = member_facts(rules, entry, comments, row, recorded.get(entry.member_id))
        for field, message in R.member_grade_errors(rules, facts, row.grade, row.score).items():
            errors[f"{entry.pk}:{field}"] = message
        entry.not_rated_reason = R.not_rated_reason(rules, facts)
    if errors:
        raise ValidationError(errors)
    steps = []
    for row in rows:
        entry = row.entry
        for field in FACT_FIELDS:
            setattr(entry, field, getattr(row, field))
        entry.proposed_grade = row.grade
        entry.proposed_score = row.score if rules.uses_score else None
        entry.proposed_on = on if row.grade else None
        entry.proposed_by = _user(by) if row.grade else None
        entry.note = row.note
        check_record(entry)
        entry.full_clean(exclude=["round", "member", "cell", "base_org"])
        steps.append(
            RatingStep(
                round=rnd,
                member_rating=entry,
                kind=StepKind.PROPOSED,
                grade=row.grade,
                score=entry.proposed_score,
                on=on,
                by=_user(by),
                note=row.note[:500],
            )
        )
    fields = [
        *FACT_FIELDS,
        "not_rated_reason",
        "proposed_grade",
        "proposed_score",
        "proposed_on",
        "proposed_by",
        "note",
    ]
    MemberRating.objects.bulk_update([r.entry for r in rows], fields)
    RatingStep.objects.bulk_create(steps)
    waiting = rnd.members.filter(not_rated_reason="", proposed_grade="").exists()
    if rnd.status == RoundStatus.OPEN and not waiting:
        rnd.status = RoundStatus.PROPOSED
        rnd.save(update_fields=["status"])
    _audit(by, rnd, f"Đề xuất xếp loại {len(rows)} đảng viên, năm {rnd.year}")
    return len(rows)


@dataclasses.dataclass
class MemberDecision:
    entry: MemberRating
    grade: str = ""
    score: int | None = None
    note: str = ""


def quota_errors(rnd: RatingRound, rules: R.RatingRules, base_ids: Sequence[int]) -> list[str]:
    """The quota of excellent grades in each base organization, over decided grades."""
    messages = []
    for base in Organization.objects.filter(pk__in=list(base_ids)).order_by("path"):
        decided = rnd.members.filter(base_org=base)
        excellent = decided.filter(decided_grade=Grade.EXCELLENT).count()
        good = decided.filter(decided_grade=Grade.GOOD).count()
        message = R.quota_error(rules, excellent, good, base.name)
        if message:
            messages.append(message)
    return messages


@transaction.atomic
def member_ratings_decide(
    *,
    by: Any,
    rnd: RatingRound,
    base_org: Organization,
    rows: Sequence[MemberDecision],
    on: dt.date,
) -> int:
    """The base organization decides its members' grades (all its entries at once, since
    the quota counts them together). Errors are keyed "<entry id>:<field>" or __all__."""
    rnd = RatingRound.objects.select_for_update().select_related("scope").get(pk=rnd.pk)
    _check_open(rnd)
    _require(by, base_org.path, f"quyết định xếp loại đảng viên của {base_org.name}")
    rules = R.rules_for_year(rnd.year)
    comments = selectors.comments_by_member([r.entry.member_id for r in rows], rnd.year)
    recorded = recorded_disciplines([r.entry.member_id for r in rows], rnd.year)
    errors: dict[str, str] = {}
    waiting = rnd.members.filter(base_org=base_org, not_rated_reason="", proposed_grade="")
    if waiting.exists():
        names = ", ".join(sorted({e.cell.name for e in waiting.select_related("cell")[:5]}))
        errors[NON_FIELD] = f"Các chi bộ chưa đề xuất xếp loại hết đảng viên: {names}."
    for row in rows:
        entry = row.entry
        if entry.round_id != rnd.pk or entry.base_org_id != base_org.pk:
            raise PermissionDenied("Đảng viên không thuộc tổ chức cơ sở đảng này.")
        facts = member_facts(rules, entry, comments, recorded=recorded.get(entry.member_id))
        if not entry.not_rated_reason and not row.grade:
            errors[f"{entry.pk}:grade"] = "Hãy chọn mức xếp loại."
        for field, message in R.member_grade_errors(rules, facts, row.grade, row.score).items():
            errors[f"{entry.pk}:{field}"] = message
    if errors:
        raise ValidationError(errors)
    steps = []
    for row in rows:
        entry = row.entry
        entry.decided_grade = row.grade
        entry.decided_score = row.score if rules.uses_score else None
        entry.decided_on = on if row.grade else None
        entry.decided_by = _user(by) if row.grade else None
        if row.note:
            entry.note = row.note
        steps.append(
            RatingStep(
                round=rnd,
                member_rating=entry,
                kind=StepKind.DECIDED,
                grade=row.grade,
                score=entry.decided_score,
                on=on,
                by=_user(by),
                note=row.note[:500],
            )
        )
    MemberRating.objects.bulk_update(
        [r.entry for r in rows],
        ["decided_grade", "decided_score", "decided_on", "decided_by", "note"],
    )
    quota = quota_errors(rnd, rules, [base_org.pk])
    if quota:
        raise ValidationError({NON_FIELD: quota})
    RatingStep.objects.bulk_create(steps)
    _audit(by, rnd, f"{base_org.name} quyết định xếp loại {len(rows)} đảng viên năm {rnd.year}")
    return len(rows)
