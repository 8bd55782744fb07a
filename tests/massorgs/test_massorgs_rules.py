"""Rules of mass organizations: each refusal and each boundary."""

from __future__ import annotations

import datetime as dt

from dangbo.massorgs import rules

TODAY = dt.date(2026, 1, 1)
RULE = rules.rules_at(TODAY)


def test_a_massorg_works_under_the_bloc_or_a_base_organization():
    assert rules.check_massorg(name="Công đoàn Sở Y tế", party_org_kind="base_cell") == {}
    assert rules.check_massorg(name="Đoàn Khối", party_org_kind="bloc_committee") == {}
    assert "party_org" in rules.check_massorg(name="X", party_org_kind="sub_cell")
    assert "name" in rules.check_massorg(name=" ", party_org_kind="base_cell")


def test_term_names_and_lengths():
    ok = {"congress_on": dt.date(2022, 5, 10), "today": TODAY}
    assert rules.check_term(RULE, name="2022–2027", **ok) == {}
    assert rules.check_term(RULE, name="2022-2027", **ok) == {}
    assert "dạng “2022–2027”" in rules.check_term(RULE, name="khóa XII", **ok)["name"]
    assert "dài từ 1 đến 5 năm" in rules.check_term(RULE, name="2022–2028", **ok)["name"]
    assert "name" in rules.check_term(RULE, name="2022–2022", **ok)
    late = rules.check_term(RULE, name="2020–2025", **ok)
    assert "phải họp trong năm 2020" in late["congress_on"]
    assert rules.check_term(RULE, name="2023–2028", **ok) == {}  # late in the year before
    future = rules.check_term(RULE, name="2026–2031", congress_on=dt.date(2026, 3, 1), today=TODAY)
    assert "chưa đến" in future["congress_on"]


def test_membership_counts():
    assert rules.check_membership(as_of=TODAY, members=0, today=TODAY) == {}
    assert "as_of" in rules.check_membership(as_of=dt.date(2026, 1, 2), members=5, today=TODAY)
    assert "members" in rules.check_membership(as_of=TODAY, members=-1, today=TODAY)


def _activity(**kw):
    values = {
        "kind": "support",
        "title": "Hỗ trợ",
        "date": TODAY,
        "purpose": "member_support",
        "amount_vnd": 1_000_000,
        "houses": 0,
        "blood_units": 0,
        "beneficiaries": 1,
        "today": TODAY,
    }
    return rules.check_activity(**(values | kw))


def test_activities_carry_what_their_kind_needs():
    assert _activity() == {}
    assert "số tiền" in _activity(amount_vnd=0, purpose="")["amount_vnd"]
    assert "số nhà" in _activity(kind="house_building", purpose="houses")["houses"]
    assert _activity(kind="house_building", purpose="houses", houses=1) == {}
    assert "đơn vị máu" in _activity(kind="blood_donation", amount_vnd=0, purpose="")["blood_units"]
    assert _activity(kind="blood_donation", amount_vnd=0, purpose="", blood_units=1) == {}
    assert "mục đích" in _activity(purpose="")["purpose"]
    assert "amount_vnd" in _activity(kind="campaign", amount_vnd=0)
    assert _activity(kind="campaign", amount_vnd=0, purpose="") == {}
    assert "chưa đến" in _activity(date=dt.date(2026, 1, 2))["date"]
    assert "số âm" in _activity(beneficiaries=-1)["beneficiaries"]
    assert "title" in _activity(title="")
