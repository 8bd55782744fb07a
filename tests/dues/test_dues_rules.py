"""The dues rules, each bound tested just inside and just outside."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings

from dangbo.dues import rules
from dangbo.dues.models import BasisKind, ReliefKind
from dangbo.dues.rules import Basis, Relief, amount_due

JAN_26 = dt.date(2026, 1, 1)
FEB_26 = dt.date(2026, 2, 1)


def salary(amount: int, month: dt.date, kind: str = BasisKind.SALARY) -> Basis:
    return Basis(kind=kind, amount=amount, from_month=month)


def test_the_rule_set_switches_with_february_2026():
    assert rules.rules_for(JAN_26).name == "342-QĐ/TW"
    assert rules.rules_for(dt.date(2026, 1, 31)).name == "342-QĐ/TW"
    assert rules.rules_for(FEB_26).name == "01-QĐ/TW"
    assert rules.rules_for(dt.date(2011, 1, 1)).name == "342-QĐ/TW"


def test_the_first_month_of_01_is_a_field_a_deployment_may_move():
    with override_settings(DANGBO_RULE_OVERRIDES={"dues": {"first_month": dt.date(2026, 3, 1)}}):
        assert rules.rules_for(FEB_26).name == "342-QĐ/TW"
        assert rules.rules_for(dt.date(2026, 3, 1)).name == "01-QĐ/TW"


def test_one_percent_of_salary_exact_dong_and_rounding_field():
    due = amount_due(month=JAN_26, bases=[salary(8_456_350, JAN_26)])
    assert due.amount == 84_564  # 84.563,5 rounded half up
    assert due.rule == "342-QĐ/TW"
    with override_settings(DANGBO_RULE_OVERRIDES={"dues": {"round_to": 1000}}):
        assert amount_due(month=JAN_26, bases=[salary(8_456_350, JAN_26)]).amount == 85_000


def test_01_uses_the_previous_months_salary_342_this_months():
    bases = [salary(10_000_000, dt.date(2025, 1, 1)), salary(12_000_000, FEB_26)]
    assert amount_due(month=FEB_26, bases=bases).amount == 100_000  # January's salary
    assert amount_due(month=dt.date(2026, 3, 1), bases=bases).amount == 120_000
    bases = [salary(10_000_000, dt.date(2025, 1, 1)), salary(12_000_000, JAN_26)]
    assert amount_due(month=JAN_26, bases=bases).amount == 120_000  # 342: this month


def test_pension_half_a_percent_and_benefit_by_rule():
    assert (
        amount_due(month=JAN_26, bases=[salary(6_000_000, JAN_26, BasisKind.PENSION)]).amount
        == 30_000
    )
    assert (
        amount_due(month=FEB_26, bases=[salary(6_000_000, FEB_26, BasisKind.PENSION)]).amount
        == 30_000
    )
    benefit = [salary(6_000_000, JAN_26, BasisKind.BENEFIT)]
    assert amount_due(month=JAN_26, bases=benefit).amount == 30_000  # 342: 0,5%
    assert amount_due(month=FEB_26, bases=benefit).amount == 60_000  # 01: 1% of the benefit


def test_students_fixed_under_342_five_thousand_under_01():
    student = [Basis(kind=BasisKind.STUDENT, amount=3_000, from_month=dt.date(2025, 9, 1))]
    assert amount_due(month=JAN_26, bases=student).amount == 3_000
    assert amount_due(month=FEB_26, bases=student).amount == 5_000


def test_fixed_amount_halved_past_working_age():
    other = [Basis(kind=BasisKind.OTHER, amount=20_000, from_month=dt.date(2020, 1, 1))]
    born = dt.date(1965, 6, 15)  # a man reaches 60 on 15/06/2025
    assert (
        amount_due(month=dt.date(2025, 6, 1), bases=other, birth_date=born, gender="male").amount
        == 20_000
    )
    assert (
        amount_due(month=dt.date(2025, 7, 1), bases=other, birth_date=born, gender="male").amount
        == 10_000
    )


def test_fixed_amount_bounds_of_342():
    month = dt.date(2025, 5, 1)
    assert rules.check_basis(kind=BasisKind.OTHER, amount=2_000, from_month=month) == {}
    assert rules.check_basis(kind=BasisKind.OTHER, amount=30_000, from_month=month) == {}
    assert (
        "342-QĐ/TW"
        in rules.check_basis(kind=BasisKind.OTHER, amount=1_999, from_month=month)["amount"]
    )
    assert "amount" in rules.check_basis(kind=BasisKind.OTHER, amount=30_001, from_month=month)
    # Under 01-QĐ/TW the bound is kept but said to be unconfirmed.
    message = rules.check_basis(kind=BasisKind.OTHER, amount=1_999, from_month=FEB_26)["amount"]
    assert "chưa xác nhận" in message
    assert rules.check_basis(kind=BasisKind.SALARY, amount=0, from_month=month)
    assert rules.check_basis(kind=BasisKind.SALARY, amount=1, from_month=month) == {}


def test_fifty_years_of_party_age_exempt_from_01_only():
    bases = [salary(10_000_000, dt.date(2020, 1, 1), BasisKind.PENSION)]
    joined = dt.date(1976, 3, 20)  # 50 years on 20/03/2026
    feb = amount_due(month=FEB_26, bases=bases, party_age_from=joined)
    march = amount_due(month=dt.date(2026, 3, 1), bases=bases, party_age_from=joined)
    assert feb.amount == 50_000
    assert march.amount == 0 and march.relief_percent == 100 and "50 năm" in march.relief_note
    older = dt.date(1975, 1, 1)
    assert amount_due(month=JAN_26, bases=bases, party_age_from=older).amount == 50_000  # 342


def test_relief_reduces_the_months_it_covers():
    bases = [salary(10_000_000, dt.date(2020, 1, 1))]
    relief = Relief(ReliefKind.HARDSHIP, 30, dt.date(2026, 3, 1), dt.date(2026, 4, 1), "Khó khăn")
    assert amount_due(month=FEB_26, bases=bases, reliefs=[relief]).amount == 100_000
    assert amount_due(month=dt.date(2026, 3, 1), bases=bases, reliefs=[relief]).amount == 70_000
    assert amount_due(month=dt.date(2026, 5, 1), bases=bases, reliefs=[relief]).amount == 100_000


@pytest.mark.parametrize(
    "percent, ok", [(30, True), (50, True), (70, True), (100, True), (29, False), (60, False)]
)
def test_hardship_percents_of_01(percent, ok):
    errors = rules.check_relief(
        kind=ReliefKind.HARDSHIP, percent=percent, from_month=FEB_26, to_month=dt.date(2026, 6, 1)
    )
    assert (errors == {}) is ok
    if not ok:
        assert "01-QĐ/TW" in errors["percent"]


def test_hardship_at_most_twelve_months():
    inside = rules.check_relief(
        kind=ReliefKind.HARDSHIP, percent=50, from_month=FEB_26, to_month=dt.date(2027, 1, 1)
    )
    outside = rules.check_relief(
        kind=ReliefKind.HARDSHIP, percent=50, from_month=FEB_26, to_month=dt.date(2027, 2, 1)
    )
    assert inside == {}
    assert "12 tháng" in outside["to_month"] and "01-QĐ/TW" in outside["to_month"]
    open_ended = rules.check_relief(
        kind=ReliefKind.HARDSHIP, percent=50, from_month=FEB_26, to_month=None
    )
    assert "to_month" in open_ended


def test_exemption_kinds_only_from_01():
    kind = ReliefKind.POOR_HOUSEHOLD
    assert rules.check_relief(kind=kind, percent=100, from_month=FEB_26, to_month=None) == {}
    assert "kind" in rules.check_relief(kind=kind, percent=100, from_month=JAN_26, to_month=None)
    assert "percent" in rules.check_relief(kind=kind, percent=50, from_month=FEB_26, to_month=None)


def test_months_helpers():
    assert rules.parse_month("02/2026") == FEB_26
    assert rules.parse_month("2026-02") == FEB_26
    with pytest.raises(ValueError, match="mm/yyyy"):
        rules.parse_month("13/2026")
    assert rules.months_between(dt.date(2025, 11, 15), dt.date(2026, 2, 1)) == [
        dt.date(2025, 11, 1),
        dt.date(2025, 12, 1),
        JAN_26,
        FEB_26,
    ]
    assert rules.month_end(FEB_26) == dt.date(2026, 2, 28)


def test_cells_by_month_prefers_the_cell_the_month_began_in():
    from dangbo.dues.selectors import cells_by_month

    periods = [(1, dt.date(2020, 1, 10), dt.date(2021, 3, 15)), (2, dt.date(2021, 3, 15), None)]
    found = cells_by_month(periods, rules.months_between(dt.date(2019, 12, 1), dt.date(2021, 4, 1)))
    assert dt.date(2019, 12, 1) not in found
    assert found[dt.date(2020, 1, 1)] == 1  # admitted mid-month: pays that month
    assert found[dt.date(2021, 3, 1)] == 1  # transferred mid-month: old cell
    assert found[dt.date(2021, 4, 1)] == 2
