"""Organizations, committees and heads: proposed by themselves, decided by their superior."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from dangbo.core.dates import check_record
from dangbo.orgs.models import Organization, OrgKind
from dangbo.rating import rules as R
from dangbo.rating.models import (
    Grade,
    MemberRating,
    OrgRating,
    RatingRound,
    RatingStep,
    StepKind,
    SubjectKind,
)
from dangbo.rating.services.common import NON_FIELD, _audit, _check_open, _require, _user


def org_facts(rating: OrgRating) -> R.OrgFacts:
    """An organization's bounds from the round's records: its members' decided grades,
    its direct subordinates' ratings, and the discipline facts entered on its entry."""
    org = rating.org
    members = MemberRating.objects.filter(round_id=rating.round_id, cell__path__startswith=org.path)
    rated = members.exclude(decided_grade="")
    units = OrgRating.objects.filter(
        round_id=rating.round_id,
        subject=SubjectKind.ORGANIZATION,
        org__path__startswith=org.path,
        org__depth=org.depth + 1,
    )
    own = (
        rating
        if rating.subject == SubjectKind.ORGANIZATION
        else OrgRating.objects.filter(
            round_id=rating.round_id, org=org, subject=SubjectKind.ORGANIZATION
        ).first()
    )
    # Disciplines on record (discipline app) count with those entered by hand.
    from dangbo.discipline.selectors import orgs_disciplined_in_year

    year = rating.round.year
    unit_orgs = dict(units.values_list("org_id", "org_disciplined"))
    on_record = orgs_disciplined_in_year([org.pk, *unit_orgs], year)
    return R.OrgFacts(
        members_rated=rated.count(),
        members_not_completed=rated.filter(decided_grade=Grade.NOT_COMPLETED).count(),
        units=len(unit_orgs),
        units_disciplined=sum(1 for pk, hand in unit_orgs.items() if hand or pk in on_record),
        units_not_completed=units.filter(decided_grade=Grade.NOT_COMPLETED).count(),
        org_disciplined=bool(own and own.org_disciplined) or org.pk in on_record,
        leadership_disciplined=bool(own and own.leadership_disciplined),
        leadership_member_discipline=own.leadership_member_discipline if own else "",
    )


def deciding_body(org: Organization) -> str:
    """HD 43-HD/BTCTW: the standing committee of the directly superior committee."""
    parent = Organization.objects.filter(path=org.path[: -Organization.steplen]).first()
    if parent is None or org.depth <= 1:
        return ""
    if parent.kind in (OrgKind.BASE_COMMITTEE, OrgKind.SUB_COMMITTEE):
        return f"Ban Chấp hành {parent.name}"
    return f"Ban Thường vụ {parent.name}"


def org_rating_errors(
    rules: R.RatingRules, rating: OrgRating, grade: str, score: int | None
) -> dict:
    if rating.subject == SubjectKind.HEAD:
        own = OrgRating.objects.filter(
            round_id=rating.round_id, org=rating.org, subject=SubjectKind.ORGANIZATION
        ).first()
        org_grade = own.decided_grade or own.proposed_grade if own else ""
        return R.head_grade_errors(rules, org_grade, grade, score)
    return R.org_grade_errors(rules, org_facts(rating), grade, score)


@transaction.atomic
def org_rating_propose(
    *,
    by: Any,
    rating: OrgRating,
    grade: str,
    score: int | None,
    on: dt.date,
    org_disciplined: bool = False,
    leadership_disciplined: bool = False,
    leadership_member_discipline: str = "",
    note: str = "",
) -> OrgRating:
    """The organization's self-assessment (and the discipline facts of its year)."""
    rnd = RatingRound.objects.select_for_update().select_related("scope").get(pk=rating.round_id)
    _check_open(rnd)
    _require(by, rating.org.path, f"đề xuất xếp loại của {rating.org.name}")
    if rating.decided_grade:
        raise ValidationError({"grade": "Cấp trên đã quyết định; không sửa đề xuất được."})
    rules = R.rules_for_year(rnd.year)
    rating.org_disciplined = org_disciplined
    rating.leadership_disciplined = leadership_disciplined
    rating.leadership_member_discipline = leadership_member_discipline
    errors = R.score_errors(rules, grade, score) if grade else {}
    if errors:
        raise ValidationError(errors)
    rating.proposed_grade = grade
    rating.proposed_score = score if rules.uses_score else None
    rating.proposed_on = on if grade else None
    rating.proposed_by = _user(by) if grade else None
    rating.note = note
    check_record(rating)
    rating.full_clean(exclude=["round", "org", "head"])
    rating.save()
    RatingStep.objects.create(
        round=rnd,
        org_rating=rating,
        kind=StepKind.PROPOSED,
        grade=grade,
        score=rating.proposed_score,
        on=on,
        by=_user(by),
        note=note[:500],
    )
    _audit(by, rnd, f"Đề xuất xếp loại {rating}")
    return rating


@transaction.atomic
def org_rating_decide(
    *, by: Any, rating: OrgRating, grade: str, score: int | None, on: dt.date, note: str = ""
) -> OrgRating:
    """The superior committee's decision, bounded by the members' and subordinates' grades."""
    rnd = RatingRound.objects.select_for_update().select_related("scope").get(pk=rating.round_id)
    _check_open(rnd)
    org = rating.org
    parent_path = org.path[: -Organization.steplen]
    _require(by, parent_path, f"quyết định xếp loại của {org.name} (thuộc cấp ủy cấp trên)")
    rules = R.rules_for_year(rnd.year)
    if not grade:
        raise ValidationError({"grade": "Hãy chọn mức xếp loại."})
    pending = MemberRating.objects.filter(
        round=rnd, cell__path__startswith=org.path, not_rated_reason="", decided_grade=""
    ).count()
    if pending and rating.subject != SubjectKind.HEAD:
        raise ValidationError(
            {NON_FIELD: f"Còn {pending} đảng viên của {org.name} chưa được quyết định xếp loại."}
        )
    units_pending = OrgRating.objects.filter(
        round=rnd,
        subject=SubjectKind.ORGANIZATION,
        org__path__startswith=org.path,
        org__depth=org.depth + 1,
        decided_grade="",
    ).count()
    if units_pending and rating.subject != SubjectKind.HEAD:
        raise ValidationError(
            {NON_FIELD: f"Còn {units_pending} tổ chức trực thuộc {org.name} chưa được xếp loại."}
        )
    errors = org_rating_errors(rules, rating, grade, score)
    if errors:
        raise ValidationError(errors)
    rating.decided_grade = grade
    rating.decided_score = score if rules.uses_score else None
    rating.decided_on = on
    rating.decided_by = _user(by)
    rating.decided_body = deciding_body(org)
    if note:
        rating.note = note
    check_record(rating)
    rating.full_clean(exclude=["round", "org", "head"])
    rating.save()
    RatingStep.objects.create(
        round=rnd,
        org_rating=rating,
        kind=StepKind.DECIDED,
        grade=grade,
        score=rating.decided_score,
        on=on,
        by=_user(by),
        note=note[:500],
    )
    _audit(by, rnd, f"Quyết định xếp loại {rating}: {R.grade_label(grade)}")
    return rating
