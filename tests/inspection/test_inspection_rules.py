"""The rules of plans and letters: deadlines by level, the rule set picked by date, the
one-month limit of a complaint about discipline, the checks of an item."""

from __future__ import annotations

import datetime as dt

import pytest

from dangbo.core import workdays
from dangbo.inspection import rules


def test_the_rule_set_is_chosen_by_the_day_a_letter_is_received():
    assert rules.rules_at(dt.date(2021, 9, 1)).name == "Quy định 22-QĐ/TW"
    assert rules.rules_at(dt.date(2025, 2, 2)).name == "Quy định 22-QĐ/TW"
    assert rules.rules_at(dt.date(2025, 2, 3)).name == "Quy định 262-QĐ/TW"
    assert rules.rules_at(dt.date(2025, 5, 29)).name == "Quy định 262-QĐ/TW"
    assert rules.rules_at(dt.date(2025, 5, 30)).name == "Quy định 296-QĐ/TW"
    assert rules.rules_at(dt.date(2019, 1, 1)).name == "Quy định 22-QĐ/TW"  # before: the first


def test_levels_of_the_settling_body():
    assert rules.level_of("base_committee") == rules.BASE
    assert rules.level_of("sub_cell") == rules.BASE
    assert rules.level_of("bloc_committee") == rules.UPPER
    assert rules.level_of("local_committee") == rules.UPPER
    assert rules.level_of("provincial_committee") == rules.PROVINCE
    assert rules.level_of("central") == rules.CENTRAL


@pytest.mark.parametrize(
    ("kind", "level", "days"),
    [
        ("discipline_complaint", rules.BASE, 30),
        ("discipline_complaint", rules.UPPER, 60),
        ("discipline_complaint", rules.PROVINCE, 90),
        ("discipline_complaint", rules.CENTRAL, 180),
        ("denounce_member", rules.BASE, 90),
        ("denounce_org", rules.UPPER, 90),
        ("other", rules.BASE, 30),
    ],
)
def test_settlement_deadlines_by_level_in_working_days(kind, level, days):
    rule = rules.rules_at(dt.date(2021, 9, 1))
    received = dt.date(2021, 9, 1)
    deadline = rules.settle_deadline(rule, kind, level, received)
    assert workdays.working_days_between(received, deadline) == days
    assert workdays.is_working_day(deadline)


def test_the_deadline_skips_the_national_day_holidays():
    rule = rules.rules_at(dt.date(2021, 8, 30))
    # 30/8/2021 (Monday): 2 and 3/9 are holidays, so 30 working days end on 13/10/2021.
    deadline = rules.settle_deadline(rule, "other", rules.BASE, dt.date(2021, 8, 30))
    assert deadline == dt.date(2021, 10, 13)


def test_overrides_change_a_low_confidence_number(settings):
    settings.DANGBO_RULE_OVERRIDES = {"complaints": {"complaint_days_base": 45}}
    assert rules.rules_at(dt.date(2022, 1, 1)).complaint_days_base == 45
    settings.DANGBO_RULE_OVERRIDES = {"complaints": {"no_such": 1}}
    with pytest.raises(ValueError, match="unknown"):
        rules.rules_at(dt.date(2022, 1, 1))


def test_a_complaint_within_one_month_is_in_time_and_a_day_later_is_not():
    rule = rules.rules_at(dt.date(2021, 9, 1))
    received_decision = dt.date(2021, 8, 15)
    assert rules.lodging_deadline(rule, received_decision) == dt.date(2021, 9, 15)
    assert rules.out_of_time_reason(rule, received_decision, dt.date(2021, 9, 15)) == ""
    reason = rules.out_of_time_reason(rule, received_decision, dt.date(2021, 9, 16))
    assert "Điều lệ Đảng, Điều 39" in reason
    assert "15/09/2021" in reason


def test_the_month_ends_on_the_last_day_of_a_shorter_month():
    rule = rules.rules_at(dt.date(2022, 1, 1))
    assert rules.lodging_deadline(rule, dt.date(2022, 1, 31)) == dt.date(2022, 2, 28)


def test_the_working_days_reading_of_the_month_is_a_choice(settings):
    settings.DANGBO_RULE_OVERRIDES = {"complaints": {"lodging_working_days": 30}}
    rule = rules.rules_at(dt.date(2021, 9, 1))
    assert rules.lodging_deadline(rule, dt.date(2021, 8, 30)) == dt.date(2021, 10, 13)


def test_overdue_as_of_a_day():
    due = dt.date(2021, 6, 30)
    assert not rules.is_overdue(due=due, status="open", settled_on=None, on=due)
    assert rules.is_overdue(due=due, status="open", settled_on=None, on=dt.date(2021, 7, 1))
    assert not rules.is_overdue(due=due, status="settled", settled_on=due, on=dt.date(2022, 1, 1))
    assert rules.is_overdue(
        due=due, status="settled", settled_on=dt.date(2021, 7, 2), on=dt.date(2022, 1, 1)
    )
    # Settled late, but asked before it was settled: overdue then too.
    assert rules.is_overdue(
        due=due, status="settled", settled_on=dt.date(2021, 8, 2), on=dt.date(2021, 7, 5)
    )
    assert not rules.is_overdue(due=due, status="closed", settled_on=None, on=dt.date(2022, 1, 1))


def test_quarters():
    assert rules.quarter_bounds(2021, 1) == (dt.date(2021, 1, 1), dt.date(2021, 3, 31))
    assert rules.quarter_bounds(2021, 4) == (dt.date(2021, 10, 1), dt.date(2021, 12, 31))
    assert rules.quarter_of(dt.date(2021, 9, 30)) == 3
    assert rules.ref_date(2021, 3, None) == dt.date(2021, 7, 1)
    assert rules.ref_date(2021, None, dt.date(2021, 5, 12)) == dt.date(2021, 5, 12)


def _item(**over):
    values = dict(year=2021, kind="inspection", planned_quarter=2, unplanned=False,  # noqa: C408
                  decided_on=None, has_org=True, has_member=False, content="Kiểm tra")  # fmt: skip
    values.update(over)
    return rules.check_item(**values)


def test_item_checks():
    assert _item() == {}
    assert "subject_org" in _item(has_member=True)
    assert "subject_org" in _item(has_org=False)
    assert "content" in _item(content=" ")
    assert "planned_quarter" in _item(planned_quarter=None)
    assert "planned_quarter" in _item(planned_quarter=5)
    message = _item(kind="signs_of_violation")["unplanned"]
    assert "không lập kế hoạch" in message
    assert _item(kind="signs_of_violation", unplanned=True, planned_quarter=None,
                 decided_on=dt.date(2021, 5, 1)) == {}  # fmt: skip
    assert "decided_on" in _item(unplanned=True, planned_quarter=None)
    assert "decided_on" in _item(unplanned=True, planned_quarter=None,
                                 decided_on=dt.date(2022, 1, 1))  # fmt: skip
    assert "planned_quarter" in _item(unplanned=True, decided_on=dt.date(2021, 5, 1))


def test_body_checks():
    assert rules.check_body("cell", "sub_cell") == ""
    assert "Chi bộ" in rules.check_body("inspection", "base_cell")
    assert "đảng bộ" in rules.check_body("cell", "base_committee")
    assert rules.check_body("standing", "bloc_committee") == ""


def test_conclusion_checks():
    today = dt.date(2021, 12, 31)
    ok = dict(started_on=dt.date(2021, 5, 1), ended_on=dt.date(2021, 5, 20), conclusion="Tốt",  # noqa: C408
              violations_found=False, violations_count=0, violations="", today=today)  # fmt: skip
    assert rules.check_conclusion(**ok) == {}
    assert "ended_on" in rules.check_conclusion(**(ok | {"ended_on": None}))
    assert "ended_on" in rules.check_conclusion(**(ok | {"ended_on": dt.date(2021, 4, 1)}))
    assert "ended_on" in rules.check_conclusion(**(ok | {"ended_on": dt.date(2022, 1, 2)}))
    assert "conclusion" in rules.check_conclusion(**(ok | {"conclusion": ""}))
    assert "violations" in rules.check_conclusion(**(ok | {"violations_found": True}))
    assert "violations_count" in rules.check_conclusion(**(ok | {"violations_count": 2}))


def test_settlement_checks():
    ok = dict(kind="discipline_complaint", received_on=dt.date(2021, 5, 1),  # noqa: C408
              settled_on=dt.date(2021, 6, 1), outcome="upheld", result="Giữ nguyên",
              decision_number="05-QĐ/UBKT", decision_date=dt.date(2021, 6, 1),
              today=dt.date(2021, 12, 1))  # fmt: skip
    assert rules.check_settlement(**ok) == {}
    assert "outcome" in rules.check_settlement(**(ok | {"outcome": "true"}))
    assert "settled_on" in rules.check_settlement(**(ok | {"settled_on": dt.date(2021, 4, 1)}))
    assert "decision_number" in rules.check_settlement(**(ok | {"decision_number": ""}))
    assert "result" in rules.check_settlement(**(ok | {"result": ""}))
    assert rules.allowed_outcomes("discipline_complaint") == ("upheld", "changed", "annulled")


def test_extension_of_a_denunciation():
    rule = rules.rules_at(dt.date(2021, 5, 1))
    deadline = dt.date(2021, 9, 1)
    assert rules.check_extension(rule, kind="denounce_member", deadline=deadline,
                                 extended_to=dt.date(2021, 9, 20)) == ""  # fmt: skip
    assert "30 ngày làm việc" in rules.check_extension(
        rule, kind="denounce_member", deadline=deadline, extended_to=dt.date(2021, 12, 1)
    )
    assert "tố cáo" in rules.check_extension(
        rule, kind="other", deadline=deadline, extended_to=dt.date(2021, 9, 20)
    )
