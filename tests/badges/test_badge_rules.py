"""Party age and the badge rules, each bound tested just inside and just outside."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings

from dangbo.badges import rules
from dangbo.badges.selectors import member_gaps, reached_on
from dangbo.members.choices import EventKind
from dangbo.members.rules import add_months
from dangbo.members.services import member_record_event

D = dt.date


def test_party_age_without_gaps():
    assert rules.party_age_on(D(2000, 1, 10), [], D(2010, 1, 9)) == rules.PartyAge(9, 11)
    assert rules.party_age_on(D(2000, 1, 10), [], D(2010, 1, 10)) == rules.PartyAge(10, 0)
    assert str(rules.PartyAge(10, 3)) == "10 năm 3 tháng"
    assert rules.party_age_on(D(2000, 1, 10), [], D(1999, 1, 1)) is None


def test_interruption_is_not_counted(tree, make_member):
    """Admitted, struck off, re-admitted: the two years out do not count (QĐ 24-QĐ/TW 4.5.1)."""
    member = make_member(tree["cell_a"], admitted=D(2000, 1, 10), birth_date=D(1975, 1, 1))
    member_record_event(member=member, kind=EventKind.STRUCK_OFF, date=D(2005, 1, 10))
    member_record_event(
        member=member, kind=EventKind.ADMITTED, date=D(2007, 1, 10), org=tree["cell_a"]
    )
    member.refresh_from_db()
    gaps = member_gaps([member.pk])[member.pk]
    assert gaps == [(D(2005, 1, 10), D(2007, 1, 10))]
    assert member.admitted_on == D(2000, 1, 10)
    assert member.party_age_from == D(2000, 1, 10) + (D(2007, 1, 10) - D(2005, 1, 10))
    # Ten calendar years after admission, eight years in the Party.
    assert rules.party_age_on(member.admitted_on, gaps, D(2010, 1, 10)) == rules.PartyAge(8, 0)
    # While out of the Party the age stands still.
    assert rules.party_age_on(member.admitted_on, gaps, D(2006, 1, 10)) == rules.PartyAge(5, 0)
    assert reached_on(member, 30) == add_months(member.party_age_from, 360)


def test_a_gap_moves_only_the_levels_after_it():
    admitted = D(2000, 1, 10)
    # A gap after the 30th year does not move it.
    assert rules.level_reached_on(admitted, [(D(2032, 1, 1), D(2034, 1, 1))], 30) == D(2030, 1, 10)
    # A gap of 365 days before it moves the start by 365 days (to 09/01/2001: 2000 is a
    # leap year), as Member.party_age_from does.
    assert rules.level_reached_on(admitted, [(D(2010, 1, 1), D(2011, 1, 1))], 30) == D(2031, 1, 9)
    # Out of the Party for good before it: never reached.
    assert rules.level_reached_on(admitted, [(D(2010, 1, 1), None)], 30) is None


def test_levels_with_the_regulation_named():
    rule = rules.rules_at(D(2026, 1, 1))
    assert rules.check_level(rule, 30) is None
    assert rules.check_level(rule, 90) is None
    message = rules.check_level(rule, 35)
    assert message and "06-HD/TW" in message


def test_versions_by_date():
    assert rules.rules_at(D(2025, 6, 8)).name.startswith("Hướng dẫn 01-HD/TW")
    assert rules.rules_at(D(2025, 6, 9)).name == "Hướng dẫn 06-HD/TW"
    assert rules.rules_at(D(2015, 1, 1)) == rules.HD_01_2021  # before the first: the first


@pytest.mark.parametrize(
    ("reason", "years", "months"),
    [("", 30, 0), ("serious_illness", 30, 12), ("serious_illness", 65, 12),
     ("serious_illness", 70, 24), ("serious_illness", 90, 24), ("posthumous", 40, 12)],
)  # fmt: skip
def test_early_window_inside_and_outside(reason, years, months):
    rule = rules.rules_at(D(2026, 1, 1))
    reached = D(2026, 6, 15)
    earliest = add_months(reached, -months)
    assert (
        rules.check_reached(rule, years=years, reached_on=reached, on=earliest, reason=reason)
        is None
    )
    late = rules.check_reached(
        rule, years=years, reached_on=reached, on=earliest - dt.timedelta(days=1), reason=reason
    )
    assert late and "06-HD/TW" in late and "15/06/2026" in late


def test_overrides_change_the_window():
    with override_settings(DANGBO_RULE_OVERRIDES={"badges": {"illness_early_months": 6}}):
        rule = rules.rules_at(D(2026, 1, 1))
        assert rule.illness_early_months == 6
        reached = D(2026, 6, 15)
        assert (
            rules.check_reached(
                rule, years=30, reached_on=reached, on=D(2025, 12, 15), reason="serious_illness"
            )
            is None
        )
        assert rules.check_reached(
            rule, years=30, reached_on=reached, on=D(2025, 12, 14), reason="serious_illness"
        )


def test_occasion_window():
    rule = rules.rules_at(D(2026, 1, 1))
    assert rules.check_occasion(rule, "02-03", D(2026, 2, 3)) is None
    assert rules.check_occasion(rule, "02-03", D(2026, 1, 3)) is None  # 31 days before
    outside = rules.check_occasion(rule, "02-03", D(2026, 1, 2))  # 32 days before
    assert outside and "3/2" in outside
    assert rules.check_occasion(rule, "other", D(2026, 7, 27)) is None
    assert rules.occasion_for(rule, D(2026, 11, 5)) == "11-07"
    assert rules.occasion_for(rule, D(2026, 7, 27)) == "other"
    assert rules.presentation_days(rule, 2026)[0] == D(2026, 2, 3)
