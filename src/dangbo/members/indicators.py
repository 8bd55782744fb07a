"""Membership indicators, all computed from MemberPeriod as of the date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.db.models import Count, Exists, OuterRef, Q

from dangbo.indicators.registry import Context, Result, indicator
from dangbo.members.choices import (
    ETHNICITIES,
    EventKind,
    Gender,
    MemberStatus,
    PoliticalTheory,
    ProfessionalLevel,
    Religion,
)
from dangbo.members.models import Member, MemberPeriod, MembershipEvent
from dangbo.members.rules import BADGE_YEARS, add_months
from dangbo.members.selectors import members_at, periods_at
from dangbo.orgs.models import OrgVersion, Sector
from dangbo.orgs.selectors import dated_in_scope, scope_windows, subtree_versions_at

# Age bands of the 2021 statistics forms (Biểu 3-BTCTW).
AGE_BANDS: list[tuple[str, int, int | None]] = [
    ("18–30", 18, 30),
    ("31–35", 31, 35),
    ("36–40", 36, 40),
    ("41–45", 41, 45),
    ("46–50", 46, 50),
    ("51–55", 51, 55),
    ("56–60", 56, 60),
    ("Trên 60", 61, None),
]


def _members(context: Context, **filters: object) -> Result:
    periods = periods_at(context.scope, context.at).filter(**filters)
    records = Member.objects.filter(pk__in=periods.values("member_id"))
    return Result(value=periods.count(), records=records)


@indicator("members.total", "Tổng số đảng viên", "đảng viên", group="members")
def members_total(context: Context) -> Result:
    return _members(context)


@indicator("members.probationary", "Đảng viên dự bị", "đảng viên", group="members")
def members_probationary(context: Context) -> Result:
    return _members(context, status=MemberStatus.PROBATIONARY)


@indicator("members.full", "Đảng viên chính thức", "đảng viên", group="members")
def members_full(context: Context) -> Result:
    return _members(context, status=MemberStatus.FULL)


@indicator("members.exempted", "Đảng viên được miễn công tác và sinh hoạt", "đảng viên", "members")
def members_exempted(context: Context) -> Result:
    return _members(context, is_exempted=True)


def _breakdown(context: Context, field: str, labels: Mapping[str, object]) -> Result:
    # Grouping the periods joined to the person reads each row once (no IN over members).
    periods = periods_at(context.scope, context.at)
    lookup = f"member__{field}"
    rows = periods.values(lookup).annotate(n=Count("id")).order_by(lookup)
    value = {
        str(labels.get(row[lookup], "Chưa xác định") or "Chưa xác định"): row["n"] for row in rows
    }
    return Result(value=value, records=members_at(context.scope, context.at))


@indicator("members.by_gender", "Đảng viên theo giới tính", "đảng viên", group="members")
def members_by_gender(context: Context) -> Result:
    return _breakdown(context, "person__gender", dict(Gender.choices))


@indicator("members.female", "Đảng viên nữ", "đảng viên", group="members")
def members_female(context: Context) -> Result:
    periods = periods_at(context.scope, context.at).filter(member__person__gender=Gender.FEMALE)
    records = Member.objects.filter(pk__in=periods.values("member_id"))
    return Result(value=periods.count(), records=records)


@indicator("members.by_ethnicity", "Đảng viên theo dân tộc", "đảng viên", group="members")
def members_by_ethnicity(context: Context) -> Result:
    return _breakdown(context, "person__ethnicity", dict(ETHNICITIES))


@indicator("members.by_religion", "Đảng viên theo tôn giáo", "đảng viên", group="members")
def members_by_religion(context: Context) -> Result:
    return _breakdown(context, "person__religion", dict(Religion.choices))


@indicator(
    "members.by_professional_level", "Đảng viên theo trình độ chuyên môn", "đảng viên", "members"
)
def members_by_professional_level(context: Context) -> Result:
    return _breakdown(context, "person__professional_level", dict(ProfessionalLevel.choices))


@indicator(
    "members.by_political_theory", "Đảng viên theo trình độ lý luận chính trị", "đảng viên",
    "members",
)  # fmt: skip
def members_by_political_theory(context: Context) -> Result:
    return _breakdown(context, "person__political_theory", dict(PoliticalTheory.choices))


@indicator(
    "members.by_education", "Đảng viên theo trình độ giáo dục phổ thông", "đảng viên", "members"
)
def members_by_education(context: Context) -> Result:
    from dangbo.members.choices import GeneralEducation

    return _breakdown(context, "person__general_education", dict(GeneralEducation.choices))


@indicator("members.by_sector", "Đảng viên theo loại hình cơ quan, đơn vị", "đảng viên", "members")
def members_by_sector(context: Context) -> Result:
    # The sector of the cell as the tree stood on the date.
    versions = subtree_versions_at(context.scope, context.at)
    labels = dict(Sector.choices)
    periods = periods_at(context.scope, context.at)
    value: dict[str, int] = {}
    sector_of = dict(versions.values_list("org_id", "sector"))
    for row in periods.values("org_id").annotate(n=Count("id")):
        label = str(labels.get(sector_of.get(row["org_id"], ""), "Chưa xác định"))
        value[label] = value.get(label, 0) + row["n"]
    return Result(value=dict(sorted(value.items())), records=members_at(context.scope, context.at))


def _birth_range(at: dt.date, low: int, high: int | None) -> Q:
    """People aged low..high (whole years) on `at`."""
    latest_birth = add_months(at, -12 * low)
    condition = Q(member__person__birth_date__lte=latest_birth)
    if high is not None:
        earliest_birth = add_months(at, -12 * (high + 1)) + dt.timedelta(days=1)
        condition &= Q(member__person__birth_date__gte=earliest_birth)
    return condition


@indicator("members.by_age_band", "Đảng viên theo độ tuổi", "đảng viên", group="members")
def members_by_age_band(context: Context) -> Result:
    members = members_at(context.scope, context.at)
    aggregates = {
        f"band_{i}": Count("id", filter=_birth_range(context.at, low, high))
        for i, (_, low, high) in enumerate(AGE_BANDS)
    }
    counts = periods_at(context.scope, context.at).aggregate(**aggregates)
    value = {label: int(counts[f"band_{i}"] or 0) for i, (label, _, _) in enumerate(AGE_BANDS)}
    return Result(value=value, records=members)


@indicator(
    "members.badge_due", "Đảng viên đủ tuổi đảng nhận Huy hiệu trong năm", "đảng viên", "members"
)
def members_badge_due(context: Context) -> Result:
    """Members reaching 30, 40, 45, 50… years of Party age in the year of the date."""
    members = members_at(context.scope, context.at)
    year = context.at.year
    counts = periods_at(context.scope, context.at).aggregate(
        **{
            f"years_{years}": Count("id", filter=Q(member__party_age_from__year=year - years))
            for years in BADGE_YEARS
        }
    )
    value = {f"{y} năm": counts[f"years_{y}"] for y in BADGE_YEARS if counts[f"years_{y}"]}
    due = Q(party_age_from__year__in=[year - y for y in BADGE_YEARS])
    return Result(value=value, records=members.filter(due))


def _scope_windows(context: Context) -> list[OrgVersion]:
    """The versions of the scope organization that overlap the period."""
    return scope_windows(context.scope, *context.period_or_year)


@indicator("members.admitted", "Đảng viên mới kết nạp trong kỳ", "đảng viên", group="flows")
def members_admitted(context: Context) -> Result:
    """Admissions in the period into a cell of the scope as the tree stood that day."""
    admissions = dated_in_scope(
        MembershipEvent.objects.filter(kind=EventKind.ADMITTED), context.scope,
        *context.period_or_year,
    )  # fmt: skip
    member_ids = set(admissions.values_list("member_id", flat=True))
    return Result(value=len(member_ids), records=Member.objects.filter(pk__in=member_ids))


def _exits(context: Context, kind: str) -> Result:
    """Members who left by `kind` in the period from a cell of the scope, judged by
    the tree as it stood the day before each exit."""
    start, end = context.period_or_year
    exits = MembershipEvent.objects.filter(kind=kind, date__gte=start, date__lte=end)
    member_ids: set[int] = set()
    for scope_version in _scope_windows(context):
        # Exits whose day before falls in this version of the scope.
        window = exits.filter(date__gt=scope_version.valid_from)
        if scope_version.valid_to is not None:
            window = window.filter(date__lte=scope_version.valid_to)
        org_then = OrgVersion.objects.filter(
            org_id=OuterRef("org_id"),
            path__startswith=scope_version.path,
            valid_from__lt=OuterRef("valid_to"),
        ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=OuterRef("valid_to")))
        closing = MemberPeriod.objects.filter(
            member_id=OuterRef("member_id"), valid_to=OuterRef("date")
        ).filter(Exists(org_then))
        member_ids.update(window.filter(Exists(closing)).values_list("member_id", flat=True))
    records = Member.objects.filter(pk__in=member_ids)
    return Result(value=len(member_ids), records=records)


@indicator("members.deceased", "Đảng viên từ trần trong kỳ", "đảng viên", group="flows")
def members_deceased(context: Context) -> Result:
    return _exits(context, EventKind.DECEASED)


@indicator("members.transferred_out", "Đảng viên chuyển đi trong kỳ", "đảng viên", group="flows")
def members_transferred_out(context: Context) -> Result:
    return _exits(context, EventKind.TRANSFERRED_OUT)
