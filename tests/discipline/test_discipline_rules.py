"""The discipline rules as plain functions: every refusal message and boundary."""

from __future__ import annotations

import datetime as dt

import pytest

from dangbo.discipline import rules
from dangbo.discipline.models import BodyKind, Form, SubjectKind
from dangbo.discipline.rules import Relation
from dangbo.orgs.models import OrgKind

M, ORG = SubjectKind.MEMBER, SubjectKind.ORGANIZATION
A22 = rules.authority_at(dt.date(2022, 1, 1))


def test_rule_sets_are_chosen_by_date():
    assert rules.authority_at(dt.date(2020, 1, 1)).name.endswith("30-QĐ/TW")
    assert "22-QĐ/TW" in rules.authority_at(dt.date(2021, 7, 28)).cite
    assert "296-QĐ/TW" in rules.authority_at(dt.date(2025, 6, 1)).cite
    assert rules.limitation_at(dt.date(2018, 1, 1)).cite == "Quy định 102-QĐ/TW Điều 3"
    assert rules.limitation_at(dt.date(2022, 7, 6)).cite == "Quy định 69-QĐ/TW Điều 4"


@pytest.mark.parametrize(
    ("subject", "probationary", "form", "refused"),
    [
        (M, False, Form.REPRIMAND, False),
        (M, False, Form.EXPULSION, False),
        (M, False, Form.STRUCK_OFF, True),
        (M, False, Form.DISSOLUTION, True),
        (M, True, Form.WARNING, False),
        (M, True, Form.STRUCK_OFF, False),
        (M, True, Form.EXPULSION, True),
        (M, True, Form.DISMISSAL, True),
        (ORG, False, Form.DISSOLUTION, False),
        (ORG, False, Form.EXPULSION, True),
    ],
)
def test_forms_by_subject(subject, probationary, form, refused):
    message = rules.forms_error(subject, probationary, form)
    assert bool(message) is refused
    if refused:
        assert "Điều lệ Đảng Điều 35" in message


def test_probationary_message():
    message = rules.forms_error(M, True, Form.EXPULSION)
    assert message.startswith("Đảng viên dự bị chỉ bị kỷ luật khiển trách, cảnh cáo")


@pytest.mark.parametrize(
    ("subject_path", "body_path", "kind", "subject", "expected"),
    [
        ("0001000100010001", "0001000100010001", OrgKind.SUB_CELL, M, Relation.OWN_CELL),
        ("0001000100010001", "000100010001", OrgKind.BASE_COMMITTEE, M, Relation.OWN_BASE),
        ("0001000100010001", "00010001", OrgKind.BLOC_COMMITTEE, M, Relation.SUPERIOR),
        ("00010001000100010001", "000100010001", OrgKind.SUB_COMMITTEE, M,
         Relation.SUB_COMMITTEE),
        ("0001000100010001", "0001000100010002", OrgKind.SUB_CELL, M, Relation.OUTSIDE),
        ("000100010001", "000100010001", OrgKind.BASE_COMMITTEE, ORG, Relation.SELF),
    ],
)  # fmt: skip
def test_relation(subject_path, body_path, kind, subject, expected):
    got = rules.relation(
        subject_kind=subject, subject_path=subject_path, body_path=body_path, body_org_kind=kind
    )
    assert got == expected


def _auth(subject, rel, body, form):
    return rules.authority_error(A22, subject_kind=subject, rel=rel, body_kind=body, form=form)


def test_cell_decides_reprimand_and_warning_only():
    assert _auth(M, Relation.OWN_CELL, BodyKind.CELL, Form.REPRIMAND) == ""
    assert _auth(M, Relation.OWN_CELL, BodyKind.CELL, Form.WARNING) == ""
    message = _auth(M, Relation.OWN_CELL, BodyKind.CELL, Form.EXPULSION)
    assert message.startswith("Chi bộ chỉ được quyết định khiển trách, cảnh cáo")
    assert "không được quyết định khai trừ" in message
    assert "Điều lệ Đảng Điều 36; Quy định 22-QĐ/TW Điều 11" in message
    assert _auth(M, Relation.OWN_CELL, BodyKind.CELL, Form.DISMISSAL)


def test_base_committee_bodies():
    for form in (Form.REPRIMAND, Form.WARNING, Form.DISMISSAL, Form.EXPULSION):
        assert _auth(M, Relation.OWN_BASE, BodyKind.EXECUTIVE, form) == ""
    assert _auth(M, Relation.OWN_BASE, BodyKind.INSPECTION, Form.WARNING) == ""
    assert "Ủy ban Kiểm tra không có thẩm quyền quyết định khai trừ" in _auth(
        M, Relation.OWN_BASE, BodyKind.INSPECTION, Form.EXPULSION
    )
    assert _auth(M, Relation.OWN_BASE, BodyKind.STANDING, Form.REPRIMAND).startswith(
        "Ban Thường vụ đảng ủy cơ sở không có thẩm quyền"
    )
    assert _auth(M, Relation.SUB_COMMITTEE, BodyKind.EXECUTIVE, Form.REPRIMAND).startswith(
        "Đảng ủy bộ phận không có thẩm quyền"
    )
    assert "không thuộc tổ chức đảng của đảng viên" in _auth(
        M, Relation.OUTSIDE, BodyKind.CELL, Form.REPRIMAND
    )


def test_superior_bodies_and_organizations():
    assert _auth(M, Relation.SUPERIOR, BodyKind.INSPECTION, Form.EXPULSION) == ""
    assert _auth(M, Relation.SUPERIOR, BodyKind.STANDING, Form.DISMISSAL) == ""
    assert _auth(ORG, Relation.SUPERIOR, BodyKind.EXECUTIVE, Form.DISSOLUTION) == ""
    assert _auth(ORG, Relation.SUPERIOR, BodyKind.INSPECTION, Form.WARNING) == ""
    assert _auth(ORG, Relation.SUPERIOR, BodyKind.STANDING, Form.DISSOLUTION).startswith(
        "Giải tán tổ chức đảng chỉ do Ban Chấp hành (cấp ủy) cấp trên quyết định"
    )
    assert _auth(ORG, Relation.OWN_BASE, BodyKind.INSPECTION, Form.REPRIMAND)
    assert _auth(ORG, Relation.SELF, BodyKind.EXECUTIVE, Form.REPRIMAND).startswith(
        "Tổ chức đảng do cấp ủy, ủy ban kiểm tra cấp trên thi hành kỷ luật"
    )


def test_body_kind_must_fit_the_organization():
    assert rules.body_kind_error(BodyKind.CELL, OrgKind.SUB_CELL) == ""
    assert rules.body_kind_error(BodyKind.CELL, OrgKind.BASE_COMMITTEE)
    assert rules.body_kind_error(BodyKind.INSPECTION, OrgKind.BASE_CELL)
    assert rules.body_kind_error(BodyKind.INSPECTION, OrgKind.BLOC_COMMITTEE) == ""


@pytest.mark.parametrize(
    ("votes", "total", "ok"), [(4, 6, True), (3, 6, False), (6, 6, True), (2, 3, True),
                               (1, 2, False), (7, 6, False)],
)  # fmt: skip
def test_expulsion_vote_two_thirds(votes, total, ok):
    assert (rules.vote_error(A22, votes, total) == "") is ok


def test_expulsion_needs_a_vote():
    assert rules.vote_error(A22, None, 6).startswith("Khai trừ đảng viên phải có biểu quyết")
    assert "3/6" in rules.vote_error(A22, 3, 6)


def test_reprimand_limitation_five_years_boundary():
    found = dt.date(2021, 4, 3)
    assert rules.limitation_error(Form.REPRIMAND, dt.date(2016, 4, 3), found) == ""
    message = rules.limitation_error(Form.REPRIMAND, dt.date(2016, 4, 2), found)
    assert message == (
        "Đã hết thời hiệu xử lý kỷ luật khiển trách (5 năm, Quy định 102-QĐ/TW Điều 3): vi phạm "
        "ngày 02/04/2016, phát hiện ngày 03/04/2021."
    )


def test_limitation_message_of_69():
    message = rules.limitation_error(Form.REPRIMAND, dt.date(2022, 8, 1), dt.date(2027, 8, 2))
    assert message.startswith("Đã hết thời hiệu xử lý kỷ luật khiển trách (5 năm, Quy định "
                              "69-QĐ/TW Điều 4)")  # fmt: skip


def test_warning_and_dismissal_ten_years_expulsion_none():
    found = dt.date(2021, 4, 3)
    assert rules.limitation_error(Form.WARNING, dt.date(2011, 4, 3), found) == ""
    assert "cảnh cáo (10 năm" in rules.limitation_error(Form.WARNING, dt.date(2011, 4, 2), found)
    assert "cách chức (10 năm" in rules.limitation_error(Form.DISMISSAL, dt.date(2011, 4, 2), found)
    assert rules.limitation_error(Form.EXPULSION, dt.date(1990, 1, 1), found) == ""
    assert rules.limitation_error(Form.DISSOLUTION, dt.date(1990, 1, 1), found) == ""


def test_a_later_violation_restarts_the_count():
    old, found = dt.date(2015, 2, 1), dt.date(2021, 4, 3)
    assert rules.limitation_error(Form.REPRIMAND, old, found)
    assert rules.limitation_error(Form.REPRIMAND, old, found, [dt.date(2019, 1, 1)]) == ""
    # A violation after the finding does not count.
    assert rules.limitation_error(Form.REPRIMAND, old, found, [dt.date(2022, 1, 1)])


def test_dates_and_notice():
    day = dt.date(2021, 5, 1)
    assert rules.dates_errors(day, day - dt.timedelta(days=1), day, None)["found_on"]
    assert rules.dates_errors(day, day, day - dt.timedelta(days=1), None)["decision_date"]
    assert rules.dates_errors(day, day, day, day - dt.timedelta(days=1))["decision_date"]
    assert rules.notice_deadline(day) == dt.date(2021, 5, 6)
    assert not rules.notice_late(day, dt.date(2021, 5, 6))
    assert rules.notice_late(day, dt.date(2021, 5, 7))
    assert not rules.notice_late(day, None)


def test_levels():
    assert rules.is_base_level(OrgKind.SUB_CELL)
    assert rules.is_base_level(OrgKind.BASE_COMMITTEE)
    assert not rules.is_base_level(OrgKind.BLOC_COMMITTEE)
