"""The rule sets and their checks, each bound tested just inside and just outside."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from dangbo.members.rules import add_months
from dangbo.rating import rules as R
from dangbo.rating.models import DisciplineForm, Grade, NotRatedReason

REF = dt.date(2021, 12, 31)


def facts(rules_year: int = 2021, **extra) -> R.MemberFacts:
    values = {
        "year": rules_year,
        "reference_on": dt.date(rules_year, 12, 31),
        "admitted_on": dt.date(2010, 1, 1),
        "needs_residence_comment": True,
        "has_residence_comment": True,
    }
    values.update(extra)
    return R.MemberFacts(**values)


def test_each_year_gets_the_rule_set_in_force_on_31_12():
    assert R.rules_for_year(2020) is R.R132
    assert R.rules_for_year(2022) is R.R132
    assert R.rules_for_year(2023) is R.R124
    assert R.rules_for_year(2024) is R.R124
    assert R.rules_for_year(2025) is R.R366
    assert R.rules_for_year(2026) is R.R366


def test_overrides_change_a_field(settings):
    settings.DANGBO_RULE_OVERRIDES = {"rating": {"quota_excellent_of_good_pct": 25}}
    assert R.rules_for_year(2021).quota_excellent_of_good_pct == 25
    assert R.rules_for_year(2021).name == R.R132.name


def test_new_member_six_months_bound():
    six_months = add_months(REF, -6)
    inside = facts(admitted_on=six_months)
    outside = facts(admitted_on=six_months + dt.timedelta(days=1))
    assert R.not_rated_reason(R.R132, inside) == ""
    # HD 21-HD/BTCTW: reviewed but not rated; 124: not reviewed either.
    assert R.not_rated_reason(R.R132, outside) == NotRatedReason.NEW_MEMBER_REVIEWED
    outside_2024 = dataclasses.replace(outside, year=2024)
    assert R.not_rated_reason(R.R124, outside_2024) == NotRatedReason.NEW_MEMBER


def test_suspended_members_are_rated_under_132_not_under_124():
    assert R.not_rated_reason(R.R132, facts(suspended=True)) == ""
    assert R.not_rated_reason(R.R124, facts(2024, suspended=True)) == NotRatedReason.SUSPENDED
    assert R.not_rated_reason(R.R132, facts(exempted=True)) == NotRatedReason.EXEMPTED


def test_a_not_rated_member_gets_no_grade():
    errors = R.member_grade_errors(R.R132, facts(exempted=True), Grade.GOOD, None)
    assert "không xếp loại" in errors["grade"]
    assert R.member_grade_errors(R.R132, facts(exempted=True), "", None) == {}


def test_score_bands_of_366():
    rules = R.R366
    assert R.grade_for_score(rules, 90) == Grade.EXCELLENT
    assert R.grade_for_score(rules, 89) == Grade.GOOD
    assert R.grade_for_score(rules, 70) == Grade.GOOD
    assert R.grade_for_score(rules, 69) == Grade.COMPLETED
    assert R.grade_for_score(rules, 50) == Grade.COMPLETED
    assert R.grade_for_score(rules, 49) == Grade.NOT_COMPLETED
    f = facts(2026)
    assert R.member_grade_errors(rules, f, Grade.EXCELLENT, 90) == {}
    message = R.member_grade_errors(rules, f, Grade.EXCELLENT, 89)["grade"]
    assert "366-QĐ/TW" in message and "89 điểm" in message
    assert "thang 100" in R.member_grade_errors(rules, f, Grade.GOOD, None)["score"]
    assert R.member_grade_errors(rules, f, Grade.GOOD, 101)["score"] == "Điểm phải từ 0 đến 100."


def test_132_takes_no_score():
    assert R.member_grade_errors(R.R132, facts(), Grade.GOOD, None) == {}
    assert "không chấm điểm" in R.member_grade_errors(R.R132, facts(), Grade.GOOD, 80)["score"]


def test_discipline_caps_at_not_completed_unless_self_remedied_under_124():
    disciplined = facts(disciplined=True, discipline_form=DisciplineForm.REPRIMAND)
    assert R.member_grade_errors(R.R132, disciplined, Grade.NOT_COMPLETED, None) == {}
    assert "kỷ luật" in R.member_grade_errors(R.R132, disciplined, Grade.COMPLETED, None)["grade"]
    remedied = dataclasses.replace(disciplined, year=2024, self_remedied=True)
    assert R.member_grade_errors(R.R132, remedied, Grade.GOOD, None)  # no exception in 132
    assert R.member_grade_errors(R.R124, remedied, Grade.GOOD, None) == {}
    missing_form = facts(disciplined=True)
    assert "discipline_form" in R.member_grade_errors(R.R132, missing_form, "", None)


def test_sick_leave_cap_of_hd21():
    assert R.member_grade_errors(R.R132, facts(sick_leave_months=2), Grade.GOOD, None) == {}
    three = facts(sick_leave_months=3)
    assert "nghỉ ốm" in R.member_grade_errors(R.R132, three, Grade.GOOD, None)["grade"]
    assert R.member_grade_errors(R.R132, three, Grade.COMPLETED, None) == {}
    assert (
        R.member_grade_errors(R.R124, dataclasses.replace(three, year=2024), Grade.GOOD, None) == {}
    )


def test_residence_comment_required_for_working_members():
    missing = facts(has_residence_comment=False)
    message = R.member_grade_errors(R.R132, missing, Grade.GOOD, None)["grade"]
    assert "213-QĐ/TW" in message
    retired = facts(needs_residence_comment=False, has_residence_comment=False)
    assert R.member_grade_errors(R.R132, retired, Grade.GOOD, None) == {}


def test_quota_just_inside_and_outside():
    assert R.quota_error(R.R132, 4, 20, "Đảng bộ A") == ""
    message = R.quota_error(R.R132, 5, 20, "Đảng bộ A")
    assert "5 đảng viên hoàn thành xuất sắc nhiệm vụ vượt 20% của 20" in message
    assert "(tối đa 4)" in message and "132-QĐ/TW" in message
    assert R.quota_error(R.R132, 0, 0, "X") == ""
    assert R.quota_error(R.R132, 1, 4, "X")  # 20% of 4 is 0 excellent


def test_org_bounds():
    clean = R.OrgFacts(members_rated=10, units=5)
    assert R.org_grade_cap(R.R124, clean) == (Grade.EXCELLENT, "")
    # 124: more than 20% of subordinate units disciplined -> not completed.
    one = dataclasses.replace(clean, units_disciplined=1)
    two = dataclasses.replace(clean, units_disciplined=2)
    assert R.org_grade_cap(R.R124, one)[0] == Grade.EXCELLENT
    assert R.org_grade_cap(R.R124, two)[0] == Grade.NOT_COMPLETED
    # 366: any discipline below -> not excellent.
    assert R.org_grade_cap(R.R366, one)[0] == Grade.GOOD
    assert R.org_grade_cap(R.R124, R.OrgFacts(leadership_disciplined=True))[0] == (
        Grade.NOT_COMPLETED
    )
    warned = R.OrgFacts(leadership_member_discipline=DisciplineForm.WARNING)
    reprimanded = R.OrgFacts(leadership_member_discipline=DisciplineForm.REPRIMAND)
    assert R.org_grade_cap(R.R132, warned)[0] == Grade.NOT_COMPLETED
    assert R.org_grade_cap(R.R132, reprimanded)[0] == Grade.EXCELLENT
    # Members: any not completed blocks excellent; more than half -> not completed.
    some = R.OrgFacts(members_rated=10, members_not_completed=1)
    half = R.OrgFacts(members_rated=10, members_not_completed=5)
    over = R.OrgFacts(members_rated=10, members_not_completed=6)
    assert R.org_grade_cap(R.R132, some)[0] == Grade.GOOD
    assert R.org_grade_cap(R.R132, half)[0] == Grade.GOOD
    assert R.org_grade_cap(R.R132, over)[0] == Grade.NOT_COMPLETED
    third = R.OrgFacts(units=3, units_not_completed=1)
    more = R.OrgFacts(units=3, units_not_completed=2)
    assert R.org_grade_cap(R.R132, third)[0] == Grade.EXCELLENT
    assert R.org_grade_cap(R.R132, more)[0] == Grade.NOT_COMPLETED
    assert "tối đa" in R.org_grade_errors(R.R132, more, Grade.COMPLETED, None)["grade"]


@pytest.mark.parametrize("org_grade", [Grade.GOOD])
def test_head_not_above_the_organization(org_grade):
    assert R.head_grade_errors(R.R132, org_grade, Grade.GOOD, None) == {}
    assert R.head_grade_errors(R.R132, org_grade, Grade.EXCELLENT, None)
