"""The demo's dues obey the same rules and the membership history, on a small tree."""

from __future__ import annotations

import datetime as dt
import random

from dangbo.demo.dues import build_dues
from dangbo.dues import rules
from dangbo.dues.models import DuesBasis, DuesMonth
from dangbo.dues.selectors import cells_by_month, member_bases, member_periods, member_reliefs
from dangbo.members.choices import EventKind
from dangbo.members.models import Member
from dangbo.members.services import member_record_event

TODAY = dt.date(2026, 12, 1)


def test_demo_dues_follow_history_and_rules(tree, make_member):
    stays = make_member(tree["cell_a"], name="Nguyễn Văn Ở")
    moves = make_member(tree["cell_a"], name="Trần Thị Chuyển")
    member_record_event(
        member=moves, kind=EventKind.TRANSFERRED, date=dt.date(2023, 5, 20), org=tree["base_cell"]
    )
    leaves = make_member(tree["cell_b"], name="Lê Văn Đi")
    member_record_event(
        member=leaves,
        kind=EventKind.TRANSFERRED_OUT,
        date=dt.date(2022, 3, 3),
        external_org="Tỉnh khác",
    )
    late = make_member(
        tree["cell_b"], name="Phạm Thị Mới", admitted=dt.date(2024, 8, 8), full=False
    )
    written = build_dues(random.Random("dues-test"), TODAY)
    assert written == DuesMonth.objects.count()
    months = rules.months_between(dt.date(2021, 1, 1), dt.date(2026, 11, 1))
    for member in Member.objects.select_related("person"):
        cells = cells_by_month(member_periods(member), months)
        rows = {r.month: r for r in DuesMonth.objects.filter(member=member)}
        assert set(rows) == set(cells), member  # exactly the months in a cell of the tree
        bases, reliefs = member_bases(member), member_reliefs(member)
        for month, row in rows.items():
            assert row.cell_id == cells[month]
            due = rules.amount_due(
                month=month,
                bases=bases,
                reliefs=reliefs,
                party_age_from=member.party_age_from,
                birth_date=member.person.birth_date,
                gender=member.person.gender,
            )
            assert row.amount_due == due.amount and row.rule == due.rule
            assert row.amount_paid in (0, row.amount_due)
            assert row.paid_on is None or row.paid_on <= TODAY
    assert DuesMonth.objects.filter(member=leaves).latest("month").month == dt.date(2022, 3, 1)
    assert DuesMonth.objects.filter(member=late).earliest("month").month == dt.date(2024, 8, 1)
    moved = DuesMonth.objects.filter(member=moves)
    assert moved.get(month=dt.date(2023, 5, 1)).cell == tree["cell_a"]
    assert moved.get(month=dt.date(2023, 6, 1)).cell == tree["base_cell"]
    assert DuesMonth.objects.filter(member=stays, month__year=2026, rule="01-QĐ/TW").count() == 10
    assert DuesBasis.objects.filter(member=stays).exists()


def test_demo_dues_are_deterministic(tree, make_member):
    make_member(tree["cell_a"])
    build_dues(random.Random("dues-7"), TODAY)
    first = list(DuesMonth.objects.order_by("month").values_list("amount_due", "paid_on"))
    DuesMonth.objects.all().delete()
    DuesBasis.objects.all().delete()
    build_dues(random.Random("dues-7"), TODAY)
    assert list(DuesMonth.objects.order_by("month").values_list("amount_due", "paid_on")) == first
