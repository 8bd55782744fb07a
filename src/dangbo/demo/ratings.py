"""Yearly quality ratings in the demo: residence comments and decided rounds 2020–2025 for
every base organization of the tree as it stood each December (the bloc until 2024, the
new committees after the 2025 restructuring), and the current year's round open with the
cells' proposals once December has begun.

Rows are written in bulk but drawn through the same rules (rating.rules) the services
apply: who is not rated, the discipline and sick-leave caps, the 100-point bands, the
quota per base organization, the bounds on an organization's grade.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.members.choices import Occupation
from dangbo.members.models import Person
from dangbo.orgs.models import Organization, OrgKind
from dangbo.orgs.selectors import subtree_versions_at, versions_at
from dangbo.rating import rules as R
from dangbo.rating import selectors
from dangbo.rating.models import (
    GRADE_RANK,
    CommentExemption,
    CommentResult,
    DisciplineForm,
    Grade,
    MemberRating,
    OrgRating,
    RatingRound,
    RatingStep,
    ResidenceComment,
    RoundStatus,
    StepKind,
    SubjectKind,
)

FIRST_YEAR = 2020
BATCH = 5000
ORG_WEIGHTS = [
    (Grade.EXCELLENT, 0.2),
    (Grade.GOOD, 0.7),
    (Grade.COMPLETED, 0.09),
    (Grade.NOT_COMPLETED, 0.01),
]
RESIDENCE_CELLS = ["khu phố 1", "khu phố 3", "thôn Đông", "thôn Nam", "tổ dân phố 5", "khu 7"]


def _score(rng: random.Random, rules: R.RatingRules, grade: str) -> int | None:
    """A 100-point score inside the grade's band (366-QĐ/TW, Điều 11)."""
    if not rules.uses_score:
        return None
    low, high = {
        Grade.EXCELLENT: (rules.score_excellent_min, 98),
        Grade.GOOD: (rules.score_good_min, rules.score_excellent_min - 1),
        Grade.COMPLETED: (rules.score_completed_min, rules.score_good_min - 1),
        Grade.NOT_COMPLETED: (30, rules.score_completed_min - 1),
    }[Grade(grade)]
    return rng.randint(low, high)


def _lower(grade: str, cap: str) -> str:
    return grade if GRADE_RANK[Grade(grade)] <= GRADE_RANK[Grade(cap)] else cap


def _scopes(year_day: dt.date) -> list[Organization]:
    """The committees directly under the province that hold base organizations then."""
    tops = versions_at(year_day).filter(
        kind__in=[OrgKind.BLOC_COMMITTEE, OrgKind.LOCAL_COMMITTEE], path__regex=r"^.{8}$"
    )
    return list(Organization.objects.filter(pk__in=tops.values("org_id")).order_by("code"))


def _comments(
    rng: random.Random,
    year: int,
    entries: list[MemberRating],
    occupations: dict[int, str],
    in_progress: bool,
) -> list[ResidenceComment]:
    """Quy định 213-QĐ/TW: the residence cell comments on every working member each year;
    HD 33-HD/BTCTW excuses some (barracks, students away, long training, work away)."""
    out = []
    for entry in entries:
        occupation = occupations.get(entry.member_id, "")
        if occupation == Occupation.RETIRED:
            continue
        requested = dt.date(year, 11, rng.randint(1, 10))
        comment = ResidenceComment(
            member_id=entry.member_id,
            year=year,
            requested_on=requested,
            residence_cell=f"Chi bộ {rng.choice(RESIDENCE_CELLS)}",
        )
        if occupation == Occupation.ARMED_FORCES:
            comment.exempt, comment.exempt_reason = True, CommentExemption.BARRACKS
        elif occupation == Occupation.STUDENT:
            comment.exempt, comment.exempt_reason = True, CommentExemption.STUDENT
        elif rng.random() < 0.02:
            comment.exempt = True
            comment.exempt_reason = rng.choice(
                [CommentExemption.WORKS_AWAY, CommentExemption.TRAINING]
            )
        elif not in_progress or rng.random() < 0.9:
            comment.received_on = requested + dt.timedelta(days=rng.randint(5, 20))
            comment.result = CommentResult.GOOD if rng.random() < 0.96 else CommentResult.REMARKS
            if comment.result == CommentResult.REMARKS:
                comment.remarks = "Cần tham gia đầy đủ hơn các buổi họp của chi bộ nơi cư trú."
        out.append(comment)
    return out


def _member_grades(
    rng: random.Random, rules: R.RatingRules, entries: list[MemberRating], year: int
) -> None:
    """Facts and grades of one base organization's rated members, within its quota."""
    rated = [e for e in entries if not e.not_rated_reason]
    pool = []
    for entry in rated:
        draw = rng.random()
        if draw < 0.004:
            entry.disciplined = True
            entry.discipline_form = rng.choice([DisciplineForm.REPRIMAND, DisciplineForm.WARNING])
            entry.discipline_decision = f"{rng.randint(10, 99)}-QĐ/UBKT"
            entry.discipline_on = dt.date(year, rng.randint(3, 10), rng.randint(1, 28))
            entry.decided_grade = Grade.NOT_COMPLETED
        elif draw < 0.01:
            entry.decided_grade = Grade.NOT_COMPLETED
        elif rules.sick_leave_cap_months is not None and draw < 0.02:
            entry.sick_leave_months = rng.randint(rules.sick_leave_cap_months, 5)
            entry.decided_grade = Grade.COMPLETED
        elif draw < 0.11:
            entry.decided_grade = Grade.COMPLETED
        else:
            entry.decided_grade = Grade.GOOD
            pool.append(entry)
    # HD 21-HD/BTCTW: excellent ≤ 20% of good in each base organization.
    wanted = round(len(rated) * rng.uniform(0.13, 0.17))
    excellent = 0
    for entry in rng.sample(pool, len(pool)):
        good_left = len(pool) - excellent - 1
        if excellent >= wanted or excellent + 1 > R.quota_max_excellent(rules, good_left):
            break
        entry.decided_grade = Grade.EXCELLENT
        excellent += 1
    for entry in rated:
        entry.decided_score = _score(rng, rules, entry.decided_grade)
        entry.proposed_grade, entry.proposed_score = entry.decided_grade, entry.decided_score
        # Now and then a cell proposes excellent and the base committee decides good.
        if entry.decided_grade == Grade.GOOD and not entry.disciplined and rng.random() < 0.04:
            entry.proposed_grade = Grade.EXCELLENT
            entry.proposed_score = _score(rng, rules, Grade.EXCELLENT)


def _org_grades(
    rng: random.Random,
    rules: R.RatingRules,
    rnd: RatingRound,
    orgs: list[OrgRating],
    entries: list[MemberRating],
    tree: dict[int, tuple[str, str, str]],
) -> None:
    """Organizations deepest first, each bounded by its members' and subordinates' grades
    (rules.org_grade_cap); the committee and the head not above the organization."""
    step = Organization.steplen
    by_path = {path: (name, kind) for path, name, kind in tree.values()}
    by_org: dict[int, dict[str, OrgRating]] = defaultdict(dict)
    for rating in orgs:
        by_org[rating.org_id][rating.subject] = rating
    # Decided members and those not completed under each path (every prefix of the cell's).
    rated_under: dict[str, int] = defaultdict(int)
    failed_under: dict[str, int] = defaultdict(int)
    for entry in entries:
        if not entry.decided_grade:
            continue
        cell_path = tree[entry.cell_id][0]
        for end in range(step, len(cell_path) + 1, step):
            rated_under[cell_path[:end]] += 1
            failed_under[cell_path[:end]] += entry.decided_grade == Grade.NOT_COMPLETED
    for org_id in sorted(by_org, key=lambda o: -len(tree[o][0])):
        path = tree[org_id][0]
        own = by_org[org_id][SubjectKind.ORGANIZATION]
        own.org_disciplined = rng.random() < 0.004
        units = [
            by_org[o][SubjectKind.ORGANIZATION]
            for o in by_org
            if len(tree[o][0]) == len(path) + step and tree[o][0].startswith(path)
        ]
        facts = R.OrgFacts(
            members_rated=rated_under[path],
            members_not_completed=failed_under[path],
            units=len(units),
            units_disciplined=sum(u.org_disciplined for u in units),
            units_not_completed=sum(u.decided_grade == Grade.NOT_COMPLETED for u in units),
            org_disciplined=own.org_disciplined,
        )
        cap, _why = R.org_grade_cap(rules, facts)
        grade = rng.choices([g for g, _w in ORG_WEIGHTS], [w for _g, w in ORG_WEIGHTS])[0]
        own.decided_grade = _lower(grade, cap)
        # HD 43-HD/BTCTW: the directly superior committee decides.
        parent_name, parent_kind = by_path.get(path[:-step], ("", ""))
        body = (
            "Ban Chấp hành"
            if parent_kind in (OrgKind.BASE_COMMITTEE, OrgKind.SUB_COMMITTEE)
            else "Ban Thường vụ"
        )
        for subject, rating in by_org[org_id].items():
            if subject != SubjectKind.ORGANIZATION:
                lower = rng.random() < 0.1 and own.decided_grade != Grade.NOT_COMPLETED
                rank = GRADE_RANK[Grade(own.decided_grade)] - (1 if lower else 0)
                rating.decided_grade = next(g for g, r in GRADE_RANK.items() if r == rank)
            rating.decided_score = _score(rng, rules, rating.decided_grade)
            rating.proposed_grade, rating.proposed_score = (
                rating.decided_grade,
                rating.decided_score,
            )
            rating.proposed_on = dt.date(rnd.year, 12, 20)
            rating.decided_on = dt.date(rnd.year, 12, 29)
            rating.decided_body = f"{body} {parent_name}"


def _build_round(
    rng: random.Random,
    scope: Organization,
    year: int,
    today: dt.date,
    occupations: dict[int, str],
) -> tuple[int, list[ResidenceComment]]:
    rules = R.rules_for_year(year)
    in_progress = today < dt.date(year, 12, 31)
    reference_on = min(dt.date(year, 12, 15), today)
    rnd = RatingRound.objects.create(
        year=year,
        scope=scope,
        reference_on=reference_on,
        opened_on=min(dt.date(year, 12, 1), today),
        rule_set=rules.name,
        status=RoundStatus.OPEN,
    )
    entries = selectors.build_member_ratings(rnd, rules)
    orgs = selectors.build_org_ratings(rnd)
    comments = _comments(rng, year, entries, occupations, in_progress)
    satisfied = {c.member_id for c in comments if c.exempt or c.received_on}
    by_base: dict[int, list[MemberRating]] = defaultdict(list)
    for entry in entries:
        by_base[entry.base_org_id].append(entry)
    for group in by_base.values():
        _member_grades(rng, rules, group, year)
    proposed_on = min(dt.date(year, 12, 18), today)
    for entry in entries:
        if not entry.decided_grade:
            continue
        retired = occupations.get(entry.member_id) == Occupation.RETIRED
        if in_progress:  # the cells have proposed; nothing is decided yet
            entry.decided_grade, entry.decided_score = "", None
            if not retired and entry.member_id not in satisfied:
                entry.proposed_grade, entry.proposed_score = "", None
                continue
        else:
            entry.decided_on = dt.date(year, 12, rng.randint(22, 27))
        entry.proposed_on = proposed_on
    if not in_progress:
        versions = subtree_versions_at(scope, reference_on).values_list(
            "org_id", "path", "name", "kind"
        )
        tree = {org_id: (path, name, kind) for org_id, path, name, kind in versions}
        _org_grades(rng, rules, rnd, orgs, entries, tree)
        rnd.status = RoundStatus.DECIDED
        rnd.decided_on = dt.date(year, 12, 30)
        rnd.decision_number = f"{rng.randint(100, 400)}-QĐ/ĐU"
        rnd.save(update_fields=["status", "decided_on", "decision_number"])
    elif all(e.not_rated_reason or e.proposed_grade for e in entries):
        rnd.status = RoundStatus.PROPOSED
        rnd.save(update_fields=["status"])
    MemberRating.objects.bulk_create(entries, batch_size=BATCH)
    OrgRating.objects.bulk_create(orgs, batch_size=BATCH)
    # Round-level steps only: each entry carries its own proposal and decision dates.
    steps = [RatingStep(round=rnd, kind=StepKind.OPENED, on=rnd.opened_on)]
    if rnd.decided_on:
        steps.append(
            RatingStep(round=rnd, kind=StepKind.LOCKED, on=rnd.decided_on, note=rnd.decision_number)
        )
    RatingStep.objects.bulk_create(steps, batch_size=BATCH)
    return len(entries), comments


def build_ratings(rng: random.Random, today: dt.date) -> int:
    """Every year's rounds from 2020 up to today; returns the member entries written."""
    occupations = dict(
        Person.objects.filter(member__isnull=False).values_list("member__id", "occupation")
    )
    written = 0
    for year in range(FIRST_YEAR, today.year + 1):
        if today < dt.date(year, 12, 1):
            break
        comments: list[ResidenceComment] = []
        for scope in _scopes(min(dt.date(year, 12, 15), today)):
            count, made = _build_round(rng, scope, year, today, occupations)
            written += count
            comments += made
        ResidenceComment.objects.bulk_create(comments, batch_size=BATCH)
    # One change row, so cached indicator values computed before see a new data version.
    audit_log(
        user=None,
        action=AuditAction.CHANGE,
        object_type="rating_round",
        description=f"Dữ liệu mẫu: {written} lượt xếp loại đảng viên",
    )
    return written
