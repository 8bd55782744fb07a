"""Services and indicators of dues: writes, refusals that change nothing, cached figures."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from dangbo.dues.models import BasisKind, Channel, DuesMonth, ReliefKind
from dangbo.dues.services import (
    dues_basis_set,
    dues_month_prepare,
    dues_payment_record,
    dues_relief_create,
)
from dangbo.indicators import registry
from dangbo.indicators.registry import Context
from dangbo.members.choices import EventKind
from dangbo.members.services import member_record_event

JAN = dt.date(2026, 1, 1)
FEB = dt.date(2026, 2, 1)
TODAY = dt.date(2026, 12, 1)


def pay(member, month, amount, day=None, **extra):
    return dues_payment_record(
        member=member,
        month=month,
        amount_paid=amount,
        paid_on=day or month + dt.timedelta(days=9),
        channel=Channel.CASH,
        today=TODAY,
        **extra,
    )


def test_prepare_opens_one_row_per_member_in_the_month(tree, salaried, make_member):
    other = make_member(tree["cell_b"], name="Trần Văn Hùng")
    dues_basis_set(member=other, from_month=JAN, kind=BasisKind.PENSION, amount=6_000_000)
    assert dues_month_prepare(org=tree["base"], month=JAN) == 2
    rows = {r.member_id: r for r in DuesMonth.objects.filter(month=JAN)}
    assert rows[salaried.pk].amount_due == 100_000 and rows[salaried.pk].cell == tree["cell_a"]
    assert rows[other.pk].amount_due == 30_000 and rows[other.pk].rule == "342-QĐ/TW"
    assert dues_month_prepare(org=tree["base"], month=JAN) == 0  # idempotent


def test_a_member_pays_in_the_cell_of_the_month(tree, salaried):
    member_record_event(
        member=salaried, kind=EventKind.TRANSFERRED, date=dt.date(2026, 3, 10), org=tree["cell_b"]
    )
    march = pay(salaried, dt.date(2026, 3, 1), 100_000)
    april = pay(salaried, dt.date(2026, 4, 1), 100_000)
    assert march.cell == tree["cell_a"] and april.cell == tree["cell_b"]


def test_no_dues_for_a_month_outside_the_tree(tree, make_member):
    member = make_member(tree["cell_a"], admitted=dt.date(2026, 5, 19), full=False)
    with pytest.raises(ValidationError) as exc:
        pay(member, dt.date(2026, 4, 1), 10_000)
    assert "không sinh hoạt tại chi bộ nào" in exc.value.message_dict["month"][0]
    may = pay(member, dt.date(2026, 5, 1), 10_000)  # admitted on 19/05: pays for May
    assert may.cell == tree["cell_a"] and may.amount_due == 0  # no basis recorded yet


def test_payment_refusals_change_nothing(tree, salaried):
    with pytest.raises(ValidationError) as exc:
        dues_payment_record(
            member=salaried,
            month=JAN,
            amount_paid=100_000,
            paid_on=None,
            channel=Channel.CASH,
            today=TODAY,
        )
    assert "paid_on" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        dues_payment_record(
            member=salaried,
            month=JAN,
            amount_paid=100_000,
            paid_on=TODAY + dt.timedelta(days=1),
            channel=Channel.CASH,
            today=TODAY,
        )
    assert "tương lai" in exc.value.message_dict["paid_on"][0]
    assert not DuesMonth.objects.exists()
    assert pay(salaried, JAN, 100_000, day=TODAY).amount_paid == 100_000  # the bound itself


def test_recording_twice_is_the_same(tree, salaried):
    pay(salaried, JAN, 100_000)
    pay(salaried, JAN, 100_000)
    row = DuesMonth.objects.get()
    assert row.amount_paid == 100_000 and row.is_paid


def test_basis_change_recomputes_later_months(tree, salaried):
    pay(salaried, JAN, 100_000)
    pay(salaried, FEB, 100_000)
    pay(salaried, dt.date(2026, 3, 1), 100_000)
    dues_basis_set(member=salaried, from_month=FEB, kind=BasisKind.SALARY, amount=12_000_000)
    due = dict(DuesMonth.objects.values_list("month", "amount_due"))
    # 01-QĐ/TW: February on January's salary, March on February's.
    assert due == {JAN: 100_000, FEB: 100_000, dt.date(2026, 3, 1): 120_000}


def test_basis_refused_with_the_regulation(tree, salaried):
    with pytest.raises(ValidationError) as exc:
        dues_basis_set(
            member=salaried, from_month=dt.date(2025, 6, 1), kind=BasisKind.OTHER, amount=40_000
        )
    assert "342-QĐ/TW" in exc.value.message_dict["amount"][0]


def test_relief_recomputes_and_is_refused_past_twelve_months(tree, salaried):
    dues_month_prepare(org=tree["base"], month=dt.date(2026, 3, 1))
    dues_relief_create(
        member=salaried,
        kind=ReliefKind.HARDSHIP,
        percent=50,
        from_month=dt.date(2026, 3, 1),
        to_month=dt.date(2027, 2, 1),
        reason="Ốm đau kéo dài",
    )
    assert DuesMonth.objects.get(month=dt.date(2026, 3, 1)).amount_due == 50_000
    with pytest.raises(ValidationError) as exc:
        dues_relief_create(
            member=salaried,
            kind=ReliefKind.HARDSHIP,
            percent=50,
            from_month=dt.date(2026, 3, 1),
            to_month=dt.date(2027, 3, 1),
            reason="Khó khăn",
        )
    assert "12 tháng" in exc.value.message_dict["to_month"][0]


def test_indicators_collected_owed_and_unpaid(tree, salaried, make_member):
    late = make_member(tree["cell_b"], name="Phạm Văn Nợ")
    dues_basis_set(member=late, from_month=JAN, kind=BasisKind.WAGE, amount=8_000_000)
    for month in (JAN, FEB, dt.date(2026, 3, 1)):
        dues_month_prepare(org=tree["bloc"], month=month)
        pay(salaried, month, 100_000)
    at = dt.date(2026, 4, 15)
    context = Context(scope=tree["bloc"], at=at)
    assert registry.value("dues.collected", context) == 300_000
    assert registry.value("dues.owed", context) == 240_000  # 3 × 80.000
    assert registry.value("dues.due", context) == 540_000
    assert registry.value("dues.members_unpaid_3_months", context) == 1
    records = registry.compute("dues.members_unpaid_3_months", context).records
    assert list(records) == [late]
    # Two months unpaid is just inside the bound: not flagged.
    early = Context(scope=tree["bloc"], at=dt.date(2026, 3, 15))
    assert registry.value("dues.members_unpaid_3_months", early) == 0
    # A write changes the cached value read through the registry.
    pay(late, JAN, 80_000, day=dt.date(2026, 4, 2))
    context = Context(scope=tree["bloc"], at=at)
    assert registry.value("dues.collected", context) == 380_000
    assert registry.value("dues.members_unpaid_3_months", context) == 0
    # As of an earlier date the late payment does not count yet.
    before = Context(scope=tree["bloc"], at=dt.date(2026, 4, 1))
    assert registry.value("dues.collected", before) == 300_000


def test_an_excused_month_is_not_counted(tree, salaried):
    for month in (JAN, FEB, dt.date(2026, 3, 1)):
        dues_month_prepare(org=tree["bloc"], month=month)
    dues_payment_record(
        member=salaried,
        month=FEB,
        amount_paid=0,
        paid_on=None,
        excused_reason="Đi công tác nước ngoài",
        today=TODAY,
    )
    context = Context(scope=tree["bloc"], at=dt.date(2026, 5, 1))
    assert registry.value("dues.members_unpaid_3_months", context) == 0
    assert registry.value("dues.members_owing", context) == 1


def test_figures_follow_the_tree_as_it_stood(tree, salaried):
    """A cell moved to another committee keeps its past dues under the old one."""
    from dangbo.orgs.services import org_move

    pay(salaried, JAN, 100_000)
    org_move(org=tree["base"], new_parent=tree["province"], date=dt.date(2026, 2, 10))
    pay(salaried, dt.date(2026, 3, 1), 100_000)
    at = dt.date(2026, 4, 1)
    assert registry.value("dues.collected", Context(scope=tree["bloc"], at=at)) == 100_000
    assert registry.value("dues.collected", Context(scope=tree["base"], at=at)) == 200_000
