"""The rules of commendations, proposals and models: each refusal and each boundary."""

from __future__ import annotations

import datetime as dt

from dangbo.emulation import rules

DAY = dt.date(2021, 5, 18)
TODAY = dt.date(2026, 1, 1)


def test_decision_needs_a_number_and_a_past_date():
    errors = rules.check_decision(decision_number=" ", decided_on=TODAY, today=TODAY)
    assert errors == {"decision_number": "Phải nhập số quyết định khen thưởng."}
    errors = rules.check_decision(
        decision_number="1-QĐ/ĐUK", decided_on=TODAY + dt.timedelta(days=1), today=TODAY
    )
    assert "chưa đến" in errors["decided_on"]


def test_each_level_gives_its_own_forms_under_the_law_of_the_day():
    old, new = rules.rules_at(dt.date(2023, 12, 31)), rules.rules_at(dt.date(2024, 1, 1))
    assert "2003" in old.name and "06/2022/QH15" in new.source
    assert rules.check_form(new, "base_committee", "giay_khen") == ""
    message = rules.check_form(new, "base_committee", "bang_khen")
    assert "Đảng ủy, chi bộ cơ sở không tặng hình thức “Bằng khen”" in message
    assert "06/2022/QH15" in message
    assert rules.check_form(old, "prime_minister", "giay_khen").endswith(
        "(Luật Thi đua, khen thưởng 2003, sửa đổi 2013; Nghị định 91/2017/NĐ-CP)."
    )
    assert rules.check_form(new, "bloc_standing", "bang_khen") == ""
    assert rules.check_form(new, "other", "co_thi_dua") == ""


def test_the_level_matches_the_organization_it_belongs_to():
    assert rules.check_level_for_org("base_committee", "base_cell") == ""
    assert "tổ chức cơ sở đảng" in rules.check_level_for_org("base_committee", "bloc_committee")
    assert "Đảng bộ Khối" in rules.check_level_for_org("bloc_standing", "base_committee")
    assert rules.check_level_for_org("prime_minister", "base_committee") == ""


def test_other_theme_needs_its_text():
    assert "phải ghi nội dung" in rules.check_theme("other", " ")
    assert rules.check_theme("other", "Phong trào thi đua yêu nước") == ""
    assert rules.check_theme("ct05", "") == ""


def test_the_period_rewarded_is_ordered_and_not_after_the_decision():
    rule = rules.rules_at(DAY)
    assert rules.check_period(rule, 2016, 2021, DAY) == {}
    assert rules.check_period(rule, 2021, 2021, DAY) == {}
    assert "từ năm bắt đầu" in rules.check_period(rule, 2022, 2021, DAY)["year_to"]
    assert "không thể sau năm quyết định" in rules.check_period(rule, 2016, 2022, DAY)["year_to"]
    assert "year_from" in rules.check_period(rule, 2022, None, DAY)
    assert "year_from" in rules.check_period(rule, 1900, 2021, DAY)


def test_a_recipient_names_an_organization_or_a_person():
    ok = {"has_org": False, "host_unit_name": "", "has_member": False, "name": ""}
    assert "chọn tổ chức đảng" in rules.check_recipient(kind="collective", **ok)["org"]
    assert rules.check_recipient(kind="collective", **(ok | {"host_unit_name": "Sở Y tế"})) == {}
    assert "member" in rules.check_recipient(
        kind="collective", **(ok | {"has_org": True, "has_member": True})
    )
    assert "họ và tên" in rules.check_recipient(kind="individual", **ok)["name"]
    assert rules.check_recipient(kind="individual", **(ok | {"has_member": True})) == {}
    assert "kind" in rules.check_recipient(kind="", **ok)


def test_duplicates_ignore_case_and_diacritics():
    a = rules.recipient_key("individual", None, "", None, "Nguyễn Văn An")
    assert a == rules.recipient_key("individual", None, "", None, "nguyen van an ")
    assert rules.recipient_key("collective", 5, "", None, "") != rules.recipient_key(
        "collective", 6, "", None, ""
    )


def test_a_proposal_goes_up_and_counts_someone():
    kw = {"submitted_on": DAY, "collectives": 1, "individuals": 0, "today": TODAY}
    assert rules.check_proposal(org_kind="bloc_committee", to_level="province_chair", **kw) == {}
    errors = rules.check_proposal(org_kind="bloc_committee", to_level="bloc_standing", **kw)
    assert "không cao hơn" in errors["to_level"]
    errors = rules.check_proposal(org_kind="base_cell", to_level="base_committee", **kw)
    assert "to_level" in errors
    assert rules.check_proposal(org_kind="base_cell", to_level="bloc_standing", **kw) == {}
    errors = rules.check_proposal(
        org_kind="bloc_committee", to_level="prime_minister", **(kw | {"collectives": 0})
    )
    assert "ít nhất một" in errors["collectives"]
    errors = rules.check_proposal(
        org_kind="bloc_committee", to_level="prime_minister",
        **(kw | {"submitted_on": TODAY + dt.timedelta(days=1)}),
    )  # fmt: skip
    assert "chưa đến" in errors["submitted_on"]


def test_an_outcome_has_a_date_from_the_submission():
    kw = {"submitted_on": DAY, "today": TODAY}
    assert rules.check_outcome(outcome="approved", decided_on=DAY, **kw) == {}
    assert "outcome" in rules.check_outcome(outcome="pending", decided_on=DAY, **kw)
    assert "decided_on" in rules.check_outcome(outcome="rejected", decided_on=None, **kw)
    before = rules.check_outcome(outcome="approved", decided_on=DAY - dt.timedelta(days=1), **kw)
    assert "từ ngày trình (18/05/2021)" in before["decided_on"]


def test_model_status_and_dates_agree():
    kw = {"name": "Dân vận khéo", "registered_year": 2022, "recognized_on": None,
          "stopped_on": None, "today": TODAY}  # fmt: skip
    assert rules.check_model(status="implementing", **kw) == {}
    assert "ngày công nhận" in rules.check_model(status="recognized", **kw)["recognized_on"]
    assert "ngày dừng" in rules.check_model(status="stopped", **kw)["stopped_on"]
    assert (
        "chưa đến"
        in rules.check_model(status="registered", **(kw | {"registered_year": 2027}))[
            "registered_year"
        ]
    )
    early = rules.check_model(
        status="recognized", **(kw | {"recognized_on": dt.date(2021, 12, 31)})
    )
    assert "từ năm đăng ký (2022)" in early["recognized_on"]
    assert (
        rules.check_model(status="recognized", **(kw | {"recognized_on": dt.date(2022, 1, 1)}))
        == {}
    )
    assert "stopped_on" in rules.check_model(
        status="implementing", **(kw | {"stopped_on": dt.date(2023, 1, 1)})
    )
    assert "name" in rules.check_model(status="registered", **(kw | {"name": " "}))
