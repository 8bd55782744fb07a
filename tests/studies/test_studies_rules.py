"""The rules of studies, each refusal and its boundary."""

from __future__ import annotations

import datetime as dt

from dangbo.studies import rules
from dangbo.studies.models import ClassKind, Result, SessionKind

D = dt.date(2023, 2, 21)


def test_rate_has_two_decimals_and_zero_without_expected():
    assert rules.rate(2, 3) == 66.67
    assert rules.rate(0, 0) == 0.0
    assert rules.rate(95, 100) == 95.0


def test_session_needs_title_subject_and_theme_year_of_a_yearly_theme():
    errors = rules.check_session(
        kind=SessionKind.YEARLY_THEME, title=" ", subject="", held_on=D, theme_year=None
    )
    assert set(errors) == {"title", "subject", "theme_year"}
    assert "Chỉ thị 05-CT/TW" in errors["theme_year"]


def test_theme_year_of_this_year_or_last_year_only():
    ok = {"kind": SessionKind.YEARLY_THEME, "title": "t", "subject": "s", "held_on": D}
    assert rules.check_session(theme_year=2023, **ok) == {}
    assert rules.check_session(theme_year=2022, **ok) == {}
    assert "năm 2021" in rules.check_session(theme_year=2021, **ok)["theme_year"]
    assert "theme_year" in rules.check_session(theme_year=2024, **ok)
    assert "2016" in rules.check_session(theme_year=2015, **ok)["theme_year"]


def test_attendance_refusals():
    common = {"held_on": D, "today": D, "strangers": []}
    assert rules.check_attendance(present=5, expected=5, **common) == {}
    assert "vượt" in rules.check_attendance(present=6, expected=5, **common)["members"]
    future = rules.check_attendance(held_on=D, today=D - dt.timedelta(days=1), present=0,
                                    expected=5, strangers=[])  # fmt: skip
    assert "chưa diễn ra" in future["members"]
    strangers = rules.check_attendance(held_on=D, today=D, present=1, expected=5,
                                       strangers=["Lê Văn Lạ"])  # fmt: skip
    assert "Lê Văn Lạ" in strangers["members"]


def test_bridge_point_outside_the_organizer_is_refused():
    errors = rules.check_bridge_point(
        members_expected=None, non_members_present=0, in_organizer_tree=False
    )
    assert "thuộc tổ chức" in errors["org"]


def test_class_dates_and_level():
    assert rules.check_class(kind=ClassKind.POLITICAL_THEORY, level="elementary", title="L",
                             starts_on=D, ends_on=D) == {}  # fmt: skip
    errors = rules.check_class(kind=ClassKind.AWARENESS, level="elementary", title="",
                               starts_on=D, ends_on=D - dt.timedelta(days=1))  # fmt: skip
    assert set(errors) == {"title", "ends_on", "level"}


def test_who_learns_in_which_class():
    assert "đã là đảng viên" in rules.check_learner_kind(
        kind=ClassKind.AWARENESS, is_member=True, name="A"
    )
    assert "chưa là đảng viên" in rules.check_learner_kind(
        kind=ClassKind.NEW_MEMBERS, is_member=False, name="A"
    )
    assert (
        rules.check_learner_kind(kind=ClassKind.POLITICAL_THEORY, is_member=False, name="A") == ""
    )


def test_certificates():
    ends = D
    ok = {"ends_on": ends, "today": ends + dt.timedelta(days=30)}
    assert rules.check_result(result=Result.GOOD, certificate_number="1/CN", certificate_date=ends,
                              **ok) == {}  # fmt: skip
    early = rules.check_result(result=Result.GOOD, certificate_number="1/CN",
                               certificate_date=ends - dt.timedelta(days=1), **ok)  # fmt: skip
    assert "bế giảng" in early["certificate_date"]
    failed = rules.check_result(result=Result.FAILED, certificate_number="1/CN",
                                certificate_date=ends, **ok)  # fmt: skip
    assert "certificate_number" in failed
    no_date = rules.check_result(result=Result.GOOD, certificate_number="1/CN",
                                 certificate_date=None, **ok)  # fmt: skip
    assert "certificate_date" in no_date
    not_ended = rules.check_result(result=Result.GOOD, certificate_number="", certificate_date=None,
                                   ends_on=ends, today=ends - dt.timedelta(days=1))  # fmt: skip
    assert "chưa có kết quả" in not_ended["result"]


def test_entrants_and_contests():
    assert "title" in rules.check_contest(title=" ")
    assert "full_name" in rules.check_entrant(full_name="", duplicate=False)
    assert "đã có" in rules.check_entrant(full_name="A", duplicate=True)["full_name"]
