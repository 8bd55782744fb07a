"""Đảng phí of the demo bloc, consistent with the membership history.

Every member gets a basis by occupation (state and Party officials: salary subject to
social insurance; public employees and enterprise workers: wages; a few young members
are students; those still in a cell after retiring at 60 years 6 months, the demo's
retirement age, live on a pension), with the public-sector base-salary rises of 07/2023
and 07/2024 and yearly raises in enterprises. Monthly dues run from START to the month
before `today` for the months each member was in a cell of the tree (dues.selectors.
cells_by_month: the cell the member was in when the month began), the amount computed
by dues.rules.amount_due, so the switch to 01-QĐ/TW in 02/2026 shows (students 5.000 đ,
members with 50 years of Party age exempt, the previous month's salary). Most months are
paid in the month, some late, a few never; a handful of members leave three or more
months of 2026 unpaid. Written with bulk_create in batches.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from typing import Any

from django.db import connection

from dangbo.dues import rules
from dangbo.dues.models import BasisKind, Channel, DuesBasis, DuesMonth, DuesRelief, ReliefKind
from dangbo.dues.selectors import cells_by_month
from dangbo.members.choices import Occupation
from dangbo.members.models import Member, MemberPeriod
from dangbo.members.rules import add_months

START = dt.date(2021, 1, 1)
BATCH = 5000
SALARY_KINDS: dict[str, str] = {
    Occupation.STATE_OFFICIAL: BasisKind.SALARY,
    Occupation.PARTY_MASS_OFFICIAL: BasisKind.SALARY,
    Occupation.ARMED_FORCES: BasisKind.SALARY,
}
# Base salary (lương cơ sở) 1.490.000 → 1.800.000 đ (07/2023) → 2.340.000 đ (07/2024).
PUBLIC_RISES = [(dt.date(2023, 7, 1), 1_800 / 1_490), (dt.date(2024, 7, 1), 2_340 / 1_800)]
UNPAID_2026 = 7  # members who leave 3+ months of 2026 unpaid


def _money(amount: float, step: int = 1_000) -> int:
    return int(round(amount / step)) * step


def _bases_for(
    rng: random.Random, member: Member, first: dt.date, last: dt.date
) -> list[rules.Basis]:
    person = member.person
    kind = SALARY_KINDS.get(person.occupation, BasisKind.WAGE)
    public = kind == BasisKind.SALARY or person.occupation == Occupation.PUBLIC_EMPLOYEE
    age = (first - person.birth_date).days / 365.25
    amount = _money(min(32e6, max(4.2e6, rng.gauss(3.5e6 + age * 2.2e5, 3e6))), 10_000)
    bases: list[rules.Basis] = []
    if age < 23 and rng.random() < 0.6:
        bases.append(rules.Basis(BasisKind.STUDENT, rng.choice([2_000, 3_000, 5_000]), first))
        first = rules.month_start(add_months(person.birth_date, 12 * 23))
        if first > last:
            return bases
    bases.append(rules.Basis(kind, amount, first))
    if public:
        for month, factor in PUBLIC_RISES:
            if first < month <= last:
                amount = _money(amount * factor, 1_000)
                bases.append(rules.Basis(kind, amount, month))
    else:
        for year in range(first.year + 1, last.year + 1):
            if rng.random() < 0.7:
                amount = _money(amount * rng.uniform(1.03, 1.08), 10_000)
                bases.append(rules.Basis(kind, amount, dt.date(year, 1, 1)))
    retire = rules.next_month(add_months(person.birth_date, 12 * 60 + 6))
    if retire <= last:
        bases = [b for b in bases if b.from_month < retire]
        bases.append(rules.Basis(BasisKind.PENSION, _money(amount * 0.7, 10_000), retire))
    # One basis per month (the later decision wins), as the unique constraint requires.
    return list({b.from_month: b for b in bases}.values())


def _reliefs_for(rng: random.Random, first: dt.date, last: dt.date) -> list[rules.Relief]:
    """Rare reliefs, each accepted by dues.rules.check_relief."""
    roll = rng.random()
    if roll < 0.004 and first <= dt.date(2026, 3, 1) <= last:
        kind = rng.choice([ReliefKind.POOR_HOUSEHOLD, ReliefKind.SERIOUS_ILLNESS])
        drafts = [rules.Relief(kind, 100, dt.date(2026, 3, 1), None)]
    elif roll < 0.012 and first <= dt.date(2026, 4, 1) <= last:
        start = dt.date(2026, rng.randint(2, 6), 1)
        drafts = [
            rules.Relief(
                ReliefKind.HARDSHIP,
                rng.choice([30, 50, 70]),
                start,
                add_months(start, rng.randint(2, 11)),
            )
        ]
    elif roll < 0.016 and first <= dt.date(2023, 1, 1) <= last:
        start = dt.date(rng.randint(2022, 2024), rng.randint(1, 12), 1)
        drafts = [rules.Relief(ReliefKind.HARDSHIP, 50, start, add_months(start, 5))]
    else:
        return []
    return [
        r
        for r in drafts
        if not rules.check_relief(
            kind=r.kind, percent=r.percent, from_month=r.from_month, to_month=r.to_month
        )
    ]


def _payment(
    rng: random.Random, month: dt.date, due: int, today: dt.date, skip: bool
) -> tuple[int, dt.date | None, str]:
    if due == 0 or skip:
        return 0, None, ""
    roll = rng.random()
    if roll < 0.002:
        return 0, None, ""  # never paid
    if roll < 0.07:
        paid_on = rules.next_month(month) + dt.timedelta(days=rng.randint(0, 40))  # late
    else:
        paid_on = month + dt.timedelta(days=rng.randint(2, 26))
    if paid_on > today:
        return 0, None, ""
    portal_share = (
        0.6 if month >= dt.date(2026, 2, 1) else 0.2 if month >= dt.date(2025, 7, 1) else 0
    )
    channel = Channel.PORTAL if rng.random() < portal_share else Channel.CASH
    return due, paid_on, channel


_COLUMNS = (
    "member_id",
    "month",
    "cell_id",
    "rule",
    "basis_kind",
    "base_amount",
    "relief_percent",
    "relief_note",
    "amount_due",
    "amount_paid",
    "paid_on",
    "channel",
    "excused_reason",
    "note",
)


def _insert(rows: list[tuple[Any, ...]]) -> int:
    """Insert month rows with one executemany. bulk_create is capped on SQLite at 999
    variables a statement (57 rows of DuesMonth): measured, 250.000 rows took minutes
    through bulk_create and seconds this way. The values are those rules.amount_due gave."""
    if not rows:
        return 0
    table = DuesMonth._meta.db_table
    marks = ", ".join(["%s"] * len(_COLUMNS))
    sql = f"INSERT INTO {table} ({', '.join(_COLUMNS)}) VALUES ({marks})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    return len(rows)


def build_dues(rng: random.Random, today: dt.date) -> int:
    """Bases, reliefs and monthly dues from START to the month before `today`."""
    last = add_months(rules.month_start(today), -1)
    if last < START:
        return 0
    months = rules.months_between(START, last)
    periods: dict[int, list[tuple[int, dt.date, dt.date | None]]] = defaultdict(list)
    for member_id, org_id, start, stop in (
        MemberPeriod.objects.filter(valid_from__lte=last)
        .exclude(valid_to__lte=START)
        .values_list("member_id", "org_id", "valid_from", "valid_to")
        .order_by("member_id", "valid_from")
    ):
        periods[member_id].append((org_id, start, stop))
    members = Member.objects.select_related("person").filter(pk__in=list(periods)).order_by("pk")
    by_month = {m: rules.rules_for(m) for m in months}
    in_2026 = [m for m in months if m.year == 2026]
    bases_out: list[DuesBasis] = []
    reliefs_out: list[DuesRelief] = []
    rows: list[tuple[Any, ...]] = []
    written = 0
    unpaid_left = UNPAID_2026
    for member in members.iterator(2000):
        cells = cells_by_month(periods[member.pk], months)
        if not cells:
            continue
        present = sorted(cells)
        bases = _bases_for(rng, member, present[0], present[-1])
        reliefs = _reliefs_for(rng, present[0], present[-1])
        bases_out += [
            DuesBasis(
                member=member,
                kind=b.kind,
                amount=b.amount,
                from_month=b.from_month,
                note="Dữ liệu mẫu",
            )
            for b in bases
        ]
        reliefs_out += [
            DuesRelief(
                member=member,
                kind=r.kind,
                percent=r.percent,
                from_month=r.from_month,
                to_month=r.to_month,
                reason="Hoàn cảnh gia đình khó khăn (dữ liệu mẫu)",
                decision_number=f"{rng.randint(10, 99)}-QĐ/ĐU",
            )
            for r in reliefs
        ]
        labelled = [
            rules.Relief(r.kind, r.percent, r.from_month, r.to_month, str(ReliefKind(r.kind).label))
            for r in reliefs
        ]
        skipped: set[dt.date] = set()
        if unpaid_left and sum(1 for m in in_2026 if m in cells) >= 9 and rng.random() < 0.01:
            unpaid_left -= 1
            skipped = set(rng.sample([m for m in in_2026 if m in cells], rng.randint(3, 5)))
        person = member.person
        for month in present:
            due = rules.amount_due(
                month=month,
                bases=bases,
                reliefs=labelled,
                party_age_from=member.party_age_from,
                birth_date=person.birth_date,
                gender=person.gender,
                rules=by_month[month],
            )
            paid, paid_on, channel = _payment(rng, month, due.amount, today, month in skipped)
            rows.append(
                (
                    member.pk,
                    month.isoformat(),
                    cells[month],
                    due.rule,
                    due.basis_kind,
                    due.base_amount,
                    due.relief_percent,
                    due.relief_note[:255],
                    due.amount,
                    paid,
                    paid_on.isoformat() if paid_on else None,
                    channel,
                    "",
                    "",
                )
            )
        if len(rows) >= BATCH:
            written += _insert(rows)
            rows = []
    written += _insert(rows)
    DuesBasis.objects.bulk_create(bases_out, batch_size=BATCH)
    DuesRelief.objects.bulk_create(reliefs_out, batch_size=BATCH)
    return written
