"""The admission rules, each just inside and just outside its bound."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from dangbo.admission import rules
from dangbo.admission.models import CaseStatus, ExitReason, Stage
from dangbo.core.workdays import add_working_days
from dangbo.members.rules import add_months

MEETING = dt.date(2021, 6, 15)


def step(kind, date, **extra):
    values = {"votes_for": None, "votes_total": None, "late_reason": ""} | extra
    return SimpleNamespace(kind=kind, date=date, **values)


def prepared(until: dt.date) -> list[SimpleNamespace]:
    start = until - dt.timedelta(days=120)
    return [
        step(Stage.IDENTIFIED, start),
        step(Stage.TRAINED, start + dt.timedelta(days=10)),
        step(Stage.APPLIED, start + dt.timedelta(days=20)),
        step(Stage.INTRODUCED, start + dt.timedelta(days=30)),
        step(Stage.VERIFIED, start + dt.timedelta(days=60)),
        step(Stage.CONCLUDED, start + dt.timedelta(days=90)),
    ]


def derive(steps, birth=dt.date(1995, 1, 1), **kw):
    kw.setdefault("needs_higher_resolution", False)
    return rules.derive_case(steps, birth_date=birth, **kw)


def test_age_17_years_11_months_at_the_cell_meeting_is_refused():
    birth = add_months(MEETING, -(18 * 12 - 1))  # 17 years 11 months on the meeting day
    with pytest.raises(rules.StepError, match=r"phải đủ 18 tuổi.*17 tuổi 11 tháng.*Điều lệ Đảng"):
        rules.check_age(birth, MEETING)
    # One day older: exactly 18 years is accepted.
    rules.check_age(add_months(MEETING, -18 * 12), MEETING)
    assert rules.age_in_months(birth, MEETING) == 18 * 12 - 1


def test_over_60_needs_the_approval_of_a_committee_under_the_central_committee():
    rules.check_age(add_months(MEETING, -60 * 12), MEETING)  # exactly 60: accepted
    older = add_months(MEETING, -(60 * 12 + 1))
    with pytest.raises(rules.StepError) as exc:
        rules.check_age(older, MEETING)
    assert exc.value.field == "over_age_approval"
    rules.check_age(older, MEETING, over_age_approval="15-CV/TU")


def test_two_thirds_of_full_members():
    rules.check_vote(10, 15, MEETING)  # 10/15 = 2/3 exactly
    with pytest.raises(rules.StepError, match=r"9/15.*ít nhất 2/3 \(10 đồng chí\)"):
        rules.check_vote(9, 15, MEETING)
    with pytest.raises(rules.StepError, match="không thể lớn hơn"):
        rules.check_vote(16, 15, MEETING)


def test_introducer_must_have_worked_a_year_with_the_candidate():
    rules.check_introducer(
        is_full_member=True, worked_with_since=add_months(MEETING, -12), on=MEETING
    )
    with pytest.raises(rules.StepError, match="ít nhất 12 tháng"):
        rules.check_introducer(
            is_full_member=True,
            worked_with_since=add_months(MEETING, -12) + dt.timedelta(days=1),
            on=MEETING,
        )
    with pytest.raises(rules.StepError, match="đảng viên chính thức"):
        rules.check_introducer(
            is_full_member=False, worked_with_since=dt.date(2010, 1, 1), on=MEETING
        )


def test_a_whole_case_derives_stage_status_and_deadlines():
    steps = prepared(MEETING) + [step(Stage.CELL_RESOLUTION, MEETING, votes_for=8, votes_total=9)]
    state = derive(steps)
    assert state.stage == Stage.CELL_RESOLUTION
    assert state.due_on == add_working_days(MEETING, 60)
    decided = add_working_days(MEETING, 60)  # the last day allowed
    steps.append(step(Stage.DECISION, decided))
    ceremony = add_working_days(decided, 30)
    steps.append(step(Stage.CEREMONY, ceremony))
    state = derive(steps)
    assert state.status == CaseStatus.PROBATION
    assert state.probation_ends_on == add_months(ceremony, 12)


def test_decision_one_working_day_late_needs_an_extension_and_never_more_than_30():
    base = prepared(MEETING) + [step(Stage.CELL_RESOLUTION, MEETING, votes_for=8, votes_total=9)]
    late = add_working_days(MEETING, 61)
    with pytest.raises(rules.StepError, match="Quá thời hạn 60 ngày làm việc") as exc:
        derive([*base, step(Stage.DECISION, late)])
    assert exc.value.field == "late_reason"
    derive([*base, step(Stage.DECISION, late, late_reason="12-QĐ/ĐUK gia hạn")])
    too_late = add_working_days(MEETING, 91)
    with pytest.raises(rules.StepError, match="Quá cả thời hạn đã gia hạn"):
        derive([*base, step(Stage.DECISION, too_late, late_reason="gia hạn")])
    derive([*base, step(Stage.DECISION, add_working_days(MEETING, 90), late_reason="gia hạn")])


def test_working_days_skip_tet():
    # Tết Tân Sửu 2021: 10–12/02 and 15–16/02 are days off, so the 5 working days after
    # Friday 05/02 are 08, 09, 17, 18 and 19/02 (without Tết it would be 12/02).
    assert add_working_days(dt.date(2021, 2, 5), 5) == dt.date(2021, 2, 19)
    assert add_working_days(dt.date(2021, 3, 5), 5) == dt.date(2021, 3, 12)


def test_recognition_before_12_months_of_probation_is_refused():
    cell = MEETING
    ceremony = dt.date(2021, 8, 2)
    steps = prepared(cell) + [
        step(Stage.CELL_RESOLUTION, cell, votes_for=9, votes_total=9),
        step(Stage.DECISION, dt.date(2021, 7, 20)),
        step(Stage.CEREMONY, ceremony),
    ]
    early = add_months(ceremony, 12) - dt.timedelta(days=1)
    with pytest.raises(rules.StepError, match=r"Chưa hết 12 tháng dự bị.*Điều lệ Đảng Điều 5"):
        derive([*steps, step(Stage.RECOGNITION_RESOLUTION, early, votes_for=9, votes_total=9)])
    state = derive(
        [*steps, step(Stage.RECOGNITION_RESOLUTION, add_months(ceremony, 12), votes_for=9,
                      votes_total=9)]
    )  # fmt: skip
    assert state.stage == Stage.RECOGNITION_RESOLUTION


def test_steps_out_of_order_are_refused():
    with pytest.raises(rules.StepError, match="Chưa đủ các bước trước khi chi bộ xét"):
        derive(
            [
                step(Stage.IDENTIFIED, MEETING),
                step(Stage.CELL_RESOLUTION, MEETING, votes_for=1, votes_total=1),
            ]
        )
    with pytest.raises(rules.StepError, match="Chưa tổ chức lễ kết nạp"):
        derive(prepared(MEETING) + [
            step(Stage.CELL_RESOLUTION, MEETING, votes_for=1, votes_total=1),
            step(Stage.DECISION, MEETING),
            step(Stage.RECOGNITION_RESOLUTION, dt.date(2022, 8, 1)),
        ])  # fmt: skip
    with pytest.raises(rules.StepError, match="đảng ủy cơ sở"):
        derive(
            prepared(MEETING) + [
                step(Stage.CELL_RESOLUTION, MEETING, votes_for=1, votes_total=1),
                step(Stage.DECISION, MEETING),
            ],
            needs_higher_resolution=True,
        )  # fmt: skip


def test_expired_awareness_certificate_is_refused_at_the_cell_meeting():
    steps = prepared(MEETING)
    trained = steps[1].date
    valid_until = add_months(trained, 60)
    ok_day = valid_until - dt.timedelta(days=1)
    steps_ok = [*steps, step(Stage.CELL_RESOLUTION, ok_day, votes_for=1, votes_total=1)]
    derive(steps_ok)
    with pytest.raises(rules.StepError, match="hết giá trị"):
        derive([*steps, step(Stage.CELL_RESOLUTION, valid_until, votes_for=1, votes_total=1)])


def test_readmission_conditions():
    left = dt.date(2017, 6, 15)
    ok = rules.Readmission(left_on=left, times_readmitted=0, exit_reason=ExitReason.OTHER)
    rules.check_readmission(ok, add_months(left, 36))
    with pytest.raises(rules.StepError, match="ít nhất 36 tháng"):
        rules.check_readmission(ok, add_months(left, 36) - dt.timedelta(days=1))
    with pytest.raises(rules.StepError, match="một lần"):
        rules.check_readmission(
            rules.Readmission(left_on=left, times_readmitted=1, exit_reason=ExitReason.OTHER),
            dt.date(2024, 1, 1),
        )
    with pytest.raises(rules.StepError, match="Xin ra Đảng"):
        rules.check_readmission(
            rules.Readmission(left_on=left, times_readmitted=0, exit_reason=ExitReason.RESIGNED),
            dt.date(2024, 1, 1),
        )


def test_the_rule_set_is_chosen_by_the_date_and_can_be_overridden(settings):
    assert rules.rules_on(dt.date(2021, 7, 29)).name == "Quy định 29-QĐ/TW"
    assert rules.rules_on(dt.date(2021, 7, 30)).name == "Quy định 24-QĐ/TW"
    assert rules.rules_on(dt.date(2025, 7, 1)).name == "Quy định 294-QĐ/TW"
    settings.DANGBO_RULE_OVERRIDES = {"admission": {"certificate_valid_months": 48}}
    assert rules.rules_on(dt.date(2026, 1, 1)).certificate_valid_months == 48
    settings.DANGBO_RULE_OVERRIDES = {"admission": {"no_such_rule": 1}}
    with pytest.raises(ValueError, match="no_such_rule"):
        rules.rules_on(dt.date(2026, 1, 1))
