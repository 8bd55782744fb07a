"""Opening and locking a rating round."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from dangbo.core.dates import check_record
from dangbo.core.text import format_date
from dangbo.orgs.models import Organization, OrgKind
from dangbo.orgs.selectors import version_of
from dangbo.rating import rules as R
from dangbo.rating import selectors
from dangbo.rating.models import (
    MemberRating,
    OrgRating,
    RatingRound,
    RatingStep,
    RoundStatus,
    StepKind,
)
from dangbo.rating.services.common import NON_FIELD, _audit, _check_open, _require, _user
from dangbo.rating.services.members import quota_errors


@transaction.atomic
def round_open(
    *,
    by: Any,
    scope: Organization,
    year: int,
    opened_on: dt.date,
    reference_on: dt.date | None = None,
    note: str = "",
) -> RatingRound:
    """Open the round of `year` in `scope` and take its roster on the reference day."""
    _require(by, scope.path, f"mở đợt xếp loại của {scope.name}")
    reference_on = reference_on or dt.date(year, 12, 31)
    errors: dict[str, str] = {}
    if scope.kind in (OrgKind.SUB_CELL, OrgKind.SUB_COMMITTEE):
        errors["scope"] = (
            "Đợt xếp loại mở ở tổ chức cơ sở đảng hoặc cấp trên cơ sở; chi bộ trực thuộc "
            "và đảng bộ bộ phận xếp loại trong đợt của tổ chức cơ sở đảng."
        )
    if not 2000 <= year <= opened_on.year + 1:
        errors["year"] = "Năm xếp loại không hợp lệ."
    elif reference_on.year != year:
        errors["reference_on"] = f"Ngày chốt danh sách phải trong năm {year}."
    elif version_of(scope, reference_on) is None:
        errors["scope"] = f"{scope.name} không hoạt động vào ngày {format_date(reference_on)}."
    if not errors:
        clash = selectors.overlapping_round(scope, year)
        if clash is not None:
            errors["scope"] = (
                f"Đã có đợt xếp loại năm {year} của {clash.scope.name}; mỗi đảng viên, tổ chức "
                "chỉ xếp loại một lần trong năm."
            )
    if errors:
        raise ValidationError(errors)
    rules = R.rules_for_year(year)
    rnd = RatingRound(
        year=year,
        scope=scope,
        reference_on=reference_on,
        opened_on=opened_on,
        rule_set=rules.name,
        note=note,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    check_record(rnd)
    rnd.full_clean()
    rnd.save()
    entries = selectors.build_member_ratings(rnd, rules)
    _prefill_disciplines(entries, year)
    MemberRating.objects.bulk_create(entries, batch_size=2000)
    OrgRating.objects.bulk_create(selectors.build_org_ratings(rnd), batch_size=2000)
    RatingStep.objects.create(round=rnd, kind=StepKind.OPENED, on=opened_on, by=_user(by))
    _audit(by, rnd, f"Mở đợt xếp loại chất lượng năm {year} – {scope.name} ({rules.name})")
    return rnd


def _prefill_disciplines(entries: list[MemberRating], year: int) -> None:
    """The discipline facts of the year from the discipline records ("theo hồ sơ kỷ luật");
    the hand entry on the proposal page stays for disciplines recorded elsewhere."""
    from dangbo.discipline.selectors import member_cases_in_year
    from dangbo.rating.services.members import apply_recorded

    recorded = member_cases_in_year([e.member_id for e in entries], year)
    for entry in entries:
        apply_recorded(entry, recorded.get(entry.member_id))


@transaction.atomic
def round_lock(*, by: Any, rnd: RatingRound, on: dt.date, decision_number: str = "") -> RatingRound:
    """Decide the round: every entry decided, the quota kept; then nothing changes."""
    rnd = RatingRound.objects.select_for_update().select_related("scope").get(pk=rnd.pk)
    _check_open(rnd)
    _require(by, rnd.scope.path, f"quyết định đợt xếp loại của {rnd.scope.name}")
    rules = R.rules_for_year(rnd.year)
    problems = []
    members = rnd.members.filter(not_rated_reason="", decided_grade="").count()
    if members:
        problems.append(f"Còn {members} đảng viên chưa được quyết định xếp loại.")
    orgs = rnd.orgs.filter(decided_grade="").count()
    if orgs:
        problems.append(f"Còn {orgs} tổ chức, tập thể, người đứng đầu chưa được xếp loại.")
    problems += quota_errors(rnd, rules, list(rnd.members.values_list("base_org_id", flat=True)))
    if on < rnd.opened_on:
        problems.append("Ngày quyết định không được trước ngày mở đợt.")
    if problems:
        raise ValidationError({NON_FIELD: problems})
    rnd.status = RoundStatus.DECIDED
    rnd.decided_on = on
    rnd.decision_number = decision_number
    check_record(rnd)
    rnd.full_clean()
    rnd.save()
    RatingStep.objects.create(
        round=rnd, kind=StepKind.LOCKED, on=on, by=_user(by), note=decision_number
    )
    _audit(by, rnd, f"Quyết định và khóa đợt xếp loại năm {rnd.year} – {rnd.scope.name}")
    return rnd
