"""Reads of the rating: who sees which round, the roster of a round, results by grade."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from dangbo.core.scope import Action, scoped
from dangbo.members.choices import Occupation
from dangbo.members.models import Member, MemberPeriod
from dangbo.orgs.models import (
    BASE_KINDS,
    CommitteeSeat,
    Organization,
    OrgKind,
    OrgVersion,
    Position,
)
from dangbo.orgs.selectors import subtree_versions_at
from dangbo.rating import rules as rules_mod
from dangbo.rating.models import (
    Grade,
    MemberRating,
    OrgRating,
    RatingRound,
    ResidenceComment,
    SubjectKind,
)


def visible_rounds(user: Any) -> QuerySet[RatingRound]:
    """Rounds whose scope the user sees, or in which the user sees an entry (a base
    secretary works in the bloc's round, seeing only the entries of their own base
    organization; every figure of a round page is computed from the visible entries)."""
    members = scoped(user, Action.VIEW, MemberRating.objects.filter(round_id=OuterRef("pk")))
    orgs = scoped(user, Action.VIEW, OrgRating.objects.filter(round_id=OuterRef("pk")))
    own = scoped(user, Action.VIEW, RatingRound.objects.all()).values("pk")
    return (
        RatingRound.objects.filter(Q(pk__in=own) | Q(Exists(members)) | Q(Exists(orgs)))
        .select_related("scope")
        .order_by("-year", "scope__path")
    )


def round_for(user: Any, pk: Any) -> RatingRound:
    """The round, or 404 alike for "missing" and "not yours"."""
    try:
        return visible_rounds(user).get(pk=pk)
    except (RatingRound.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def round_list(
    user: Any, *, year: int | None = None, status: str = "", org: Organization | None = None
) -> QuerySet[RatingRound]:
    rounds = visible_rounds(user)
    if year:
        rounds = rounds.filter(year=year)
    if status:
        rounds = rounds.filter(status=status)
    if org is not None:
        rounds = rounds.filter(scope__path__startswith=org.path)
    return rounds


def grade_counts_by_round(user: Any, round_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    """Decided member grades per round, over the entries the user sees (one query)."""
    rows = (
        scoped(user, Action.VIEW, MemberRating.objects.filter(round_id__in=list(round_ids)))
        .values("round_id", "decided_grade", "not_rated_reason")
        .annotate(n=Count("id"))
        .order_by()
    )
    out: dict[int, dict[str, int]] = {}
    for row in rows:
        counts = out.setdefault(row["round_id"], {})
        key = row["decided_grade"] or ("not_rated" if row["not_rated_reason"] else "pending")
        counts[key] = counts.get(key, 0) + row["n"]
        counts["total"] = counts.get("total", 0) + row["n"]
    return out


def visible_entries(user: Any, rnd: RatingRound) -> QuerySet[MemberRating]:
    return scoped(user, Action.VIEW, MemberRating.objects.filter(round=rnd)).select_related(
        "member__person", "cell", "base_org"
    )


def visible_org_ratings(user: Any, rnd: RatingRound) -> QuerySet[OrgRating]:
    return scoped(user, Action.VIEW, OrgRating.objects.filter(round=rnd)).select_related(
        "org", "head__person"
    )


@dataclass
class GradeRow:
    org: Organization | None
    counts: dict[str, int]
    not_rated: int
    pending: int
    total: int

    @property
    def rated(self) -> int:
        return sum(self.counts.values())

    def cells(self) -> list[int]:
        return [self.counts.get(g, 0) for g in Grade.values]


def results_by_org(entries: QuerySet[MemberRating], field: str) -> tuple[list[GradeRow], GradeRow]:
    """Decided member grades grouped by `field` ("base_org" or "cell"), and the total."""
    rows = (
        entries.values(f"{field}_id", "decided_grade", "not_rated_reason")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_org: dict[int, GradeRow] = {}
    total = GradeRow(org=None, counts={}, not_rated=0, pending=0, total=0)
    for row in rows:
        target = by_org.setdefault(
            row[f"{field}_id"], GradeRow(org=None, counts={}, not_rated=0, pending=0, total=0)
        )
        for agg in (target, total):
            agg.total += row["n"]
            grade = row["decided_grade"]
            if grade:
                agg.counts[grade] = agg.counts.get(grade, 0) + row["n"]
            elif row["not_rated_reason"]:
                agg.not_rated += row["n"]
            else:
                agg.pending += row["n"]
    orgs = Organization.objects.in_bulk(list(by_org))
    for pk, row in by_org.items():
        row.org = orgs.get(pk)
    ordered = sorted(by_org.values(), key=lambda r: r.org.path if r.org else "")
    return ordered, total


def previous_year_results(user: Any, rnd: RatingRound) -> GradeRow:
    """The previous year's decided grades of the same base organizations (whatever round
    rated them: the tree may have changed), over the entries the user sees."""
    base_ids = visible_entries(user, rnd).values("base_org_id")
    previous = scoped(
        user,
        Action.VIEW,
        MemberRating.objects.filter(year=rnd.year - 1, base_org_id__in=base_ids),
    )
    _rows, total = results_by_org(previous, "base_org")
    return total


def org_grade_counts(ratings: QuerySet[OrgRating]) -> dict[str, dict[str, int]]:
    """Decided grades per subject kind."""
    out: dict[str, dict[str, int]] = {}
    for row in ratings.values("subject", "decided_grade").annotate(n=Count("id")).order_by():
        out.setdefault(row["subject"], {})[row["decided_grade"] or "pending"] = row["n"]
    return out


# --- The roster of a round ---------------------------------------------------------------


@dataclass(frozen=True)
class RosterRow:
    member_id: int
    cell_id: int
    base_org_id: int
    exempted: bool
    admitted_on: dt.date | None
    retired: bool


def base_org_map(scope: Organization, on: dt.date) -> dict[int, int]:
    """For each organization of `scope`'s subtree on `on`, its base organization then
    (the highest base-kind organization on its path; itself for a base cell)."""
    versions = list(subtree_versions_at(scope, on).values_list("org_id", "path", "kind"))
    by_path = {path: (org_id, kind) for org_id, path, kind in versions}
    step = Organization.steplen
    out: dict[int, int] = {}
    for org_id, path, _kind in versions:
        base = org_id
        for end in range(step, len(path) + 1, step):
            found = by_path.get(path[:end])
            if found is not None and found[1] in BASE_KINDS:
                base = found[0]
                break
        out[org_id] = base
    return out


def roster(scope: Organization, on: dt.date) -> list[RosterRow]:
    """Members in `scope`'s subtree on `on` (the tree as it stood), with their cell and
    base organization then."""
    bases = base_org_map(scope, on)
    periods = (
        MemberPeriod.objects.filter(org_id__in=list(bases), valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on))
        .values_list(
            "member_id",
            "org_id",
            "is_exempted",
            "member__admitted_on",
            "member__person__occupation",
        )
        .order_by("member_id")
    )
    return [
        RosterRow(
            member_id=member_id,
            cell_id=org_id,
            base_org_id=bases[org_id],
            exempted=exempted,
            admitted_on=admitted_on,
            retired=occupation == Occupation.RETIRED,
        )
        for member_id, org_id, exempted, admitted_on, occupation in periods
    ]


def rated_orgs(scope: Organization, on: dt.date) -> list[OrgVersion]:
    """The organizations a round of `scope` rates: those below it on `on`."""
    return list(
        subtree_versions_at(scope, on)
        .exclude(org_id=scope.pk)
        .select_related("org")
        .order_by("path")
    )


def comments_by_member(member_ids: Iterable[int], year: int) -> dict[int, ResidenceComment]:
    return {
        c.member_id: c
        for c in ResidenceComment.objects.filter(member_id__in=list(member_ids), year=year)
    }


def overlapping_round(scope: Organization, year: int) -> RatingRound | None:
    """A round of the same year whose scope contains, or is inside, `scope`."""
    step = Organization.steplen
    ancestors = [scope.path[:end] for end in range(step, len(scope.path) + 1, step)]
    return (
        RatingRound.objects.filter(year=year)
        .filter(Q(scope__path__in=ancestors) | Q(scope__path__startswith=scope.path))
        .select_related("scope")
        .first()
    )


def residence_rows(
    user: Any, *, year: int, org: Organization | None = None, state: str = ""
) -> QuerySet[Member]:
    """Current members the user sees, each with their comment of `year` (if any)."""
    members = scoped(user, Action.VIEW, Member.objects.exclude(status="left")).select_related(
        "person", "cell"
    )
    if org is not None:
        members = members.filter(org_path__startswith=org.path)
    comments = ResidenceComment.objects.filter(member_id=OuterRef("pk"), year=year)
    received = comments.filter(Q(received_on__isnull=False) | Q(exempt=True))
    members = members.annotate(has_comment=Exists(received))
    if state == "missing":
        members = members.filter(has_comment=False).exclude(person__occupation=Occupation.RETIRED)
    elif state == "done":
        members = members.filter(has_comment=True)
    return members.order_by("org_path", "person__search_name", "pk")


# --- Entries of a new round (unsaved; services and the demo write them) --------------

COMMITTEE_KINDS = (
    OrgKind.BASE_COMMITTEE,
    OrgKind.SUB_COMMITTEE,
    OrgKind.LOCAL_COMMITTEE,
    OrgKind.BLOC_COMMITTEE,
)


def build_org_ratings(rnd: RatingRound) -> list[OrgRating]:
    """Unsaved entries for the organizations below the scope (their committees and heads)."""
    versions = rated_orgs(rnd.scope, rnd.reference_on)
    org_ids = [v.org_id for v in versions]
    heads = dict(
        CommitteeSeat.objects.filter(
            term__org_id__in=org_ids,
            position=Position.SECRETARY,
            starts_on__lte=rnd.reference_on,
        )
        .exclude(ends_on__lte=rnd.reference_on)
        .values_list("term__org_id", "member_id")
    )
    taken = set(
        OrgRating.objects.filter(year=rnd.year, org_id__in=org_ids).values_list("org_id", "subject")
    )
    out: list[OrgRating] = []
    for version in versions:
        subjects = [SubjectKind.ORGANIZATION]
        if version.kind in COMMITTEE_KINDS:
            subjects.append(SubjectKind.COMMITTEE)
        if version.org_id in heads:
            subjects.append(SubjectKind.HEAD)
        for subject in subjects:
            if (version.org_id, subject) in taken:
                continue
            out.append(
                OrgRating(
                    round=rnd,
                    year=rnd.year,
                    org_id=version.org_id,
                    subject=subject,
                    head_id=heads.get(version.org_id) if subject == SubjectKind.HEAD else None,
                )
            )
    return out


def build_member_ratings(rnd: RatingRound, rules: rules_mod.RatingRules) -> list[MemberRating]:
    """Unsaved entries for the roster on the reference day (members already rated this
    year in another round are left out)."""
    rows = roster(rnd.scope, rnd.reference_on)
    taken = set(
        MemberRating.objects.filter(
            year=rnd.year, member_id__in=[r.member_id for r in rows]
        ).values_list("member_id", flat=True)
    )
    out = []
    for row in rows:
        if row.member_id in taken:
            continue
        facts = rules_mod.MemberFacts(
            year=rnd.year,
            reference_on=rnd.reference_on,
            admitted_on=row.admitted_on,
            exempted=row.exempted,
        )
        out.append(
            MemberRating(
                round=rnd,
                year=rnd.year,
                member_id=row.member_id,
                cell_id=row.cell_id,
                base_org_id=row.base_org_id,
                is_exempted=row.exempted,
                not_rated_reason=rules_mod.not_rated_reason(rules, facts),
            )
        )
    return out
