"""Writes of commendations, proposals and models: all rows or none, audit rows, checks
that need the database."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from dangbo.accounts.models import AuditEntry
from dangbo.emulation import services
from dangbo.emulation.models import (
    Commendation,
    CommendationRecipient,
    DanVanModel,
    ProposalOutcome,
)
from dangbo.emulation.services import RecipientLine
from dangbo.indicators import registry
from dangbo.indicators.registry import Context

DAY = dt.date(2021, 5, 18)


def _save(tree, recipients, **kw):
    values = {
        "org": tree["bloc"], "decided_on": DAY, "decision_number": "215-QĐ/ĐUK",
        "level": "bloc_standing", "form": "giay_khen", "theme": "ct05", "year_from": 2016,
        "year_to": 2021, "recipients": recipients,
    }  # fmt: skip
    return services.commendation_save(**(values | kw))


def test_a_decision_and_its_recipients_are_saved_and_audited(tree, make_member):
    member = make_member(tree["cell_a"], name="Lê Thị Hạnh")
    c = _save(tree, [
        RecipientLine(kind="collective", org=tree["base"]),
        RecipientLine(kind="collective", host_unit_name="Công ty Điện lực"),
        RecipientLine(kind="individual", member=member, position="Chuyên viên"),
        RecipientLine(kind="individual", name="Trần Văn Bình"),
    ])  # fmt: skip
    assert c.recipients.count() == 4
    assert [r.display_name for r in c.recipients.all()] == [
        "Đảng bộ Sở Tài chính", "Công ty Điện lực", "Lê Thị Hạnh", "Trần Văn Bình",
    ]  # fmt: skip
    assert "le thi hanh" in c.search_text and "215-qd/duk" in c.search_text
    entry = AuditEntry.objects.get(object_type="commendation", object_id=str(c.pk))
    assert entry.action == "change" and "2 tập thể, 2 cá nhân" in entry.description


def test_one_bad_row_saves_nothing(tree):
    other_bloc_org = tree["province"]
    with pytest.raises(services.RecipientRowsError) as caught:
        _save(tree, [
            RecipientLine(kind="collective", org=tree["base"]),
            RecipientLine(kind="individual", name=""),
            RecipientLine(kind="collective", org=other_bloc_org),
        ])  # fmt: skip
    problems = dict(caught.value.problems)
    assert set(problems) == {1, 2}
    assert "họ và tên" in problems[1]["name"]
    assert "không thuộc Đảng bộ Khối" in problems[2]["org"]
    assert Commendation.objects.count() == 0 and CommendationRecipient.objects.count() == 0
    assert not AuditEntry.objects.filter(object_type="commendation").exists()


def test_a_duplicate_recipient_is_refused(tree):
    with pytest.raises(services.RecipientRowsError) as caught:
        _save(tree, [RecipientLine(kind="individual", name="Nguyễn Văn An"),
                     RecipientLine(kind="individual", name="nguyen van an")])  # fmt: skip
    assert caught.value.problems == [(1, {"name": "Trùng với dòng 1 của cùng quyết định."})]


def test_header_errors_name_their_fields(tree):
    with pytest.raises(ValidationError) as caught:
        _save(tree, [], level="base_committee", form="bang_khen", year_to=2022)
    errors = caught.value.message_dict
    assert set(errors) >= {"level", "form", "year_to", "__all__"}


def test_editing_replaces_all_recipients(tree):
    c = _save(tree, [RecipientLine(kind="individual", name="A"),
                     RecipientLine(kind="individual", name="B")])  # fmt: skip
    _save(tree, [RecipientLine(kind="collective", org=tree["base_cell"])], commendation=c,
          decision_number="216-QĐ/ĐUK")  # fmt: skip
    c.refresh_from_db()
    assert c.decision_number == "216-QĐ/ĐUK"
    assert list(c.recipients.values_list("kind", flat=True)) == ["collective"]
    assert AuditEntry.objects.filter(object_type="commendation", object_id=str(c.pk)).count() == 2


def test_a_failed_edit_keeps_the_old_rows(tree):
    c = _save(tree, [RecipientLine(kind="individual", name="A")])
    with pytest.raises(services.RecipientRowsError):
        _save(tree, [RecipientLine(kind="collective")], commendation=c)
    assert list(c.recipients.values_list("name", flat=True)) == ["A"]


def test_figures_follow_a_write(tree):
    period = (dt.date(2021, 1, 1), dt.date(2021, 9, 30))
    context = Context(scope=tree["bloc"], at=period[1], period=period)
    assert registry.value("commendation.collectives", context) == 0
    _save(tree, [RecipientLine(kind="collective", org=tree["base"]),
                 RecipientLine(kind="individual", name="A")])  # fmt: skip
    context = Context(scope=tree["bloc"], at=period[1], period=period)
    assert registry.value("commendation.collectives", context) == 1
    assert registry.value("commendation.individuals", context) == 1
    assert registry.value("commendation.by_level", context) == {"Ban Thường vụ Đảng ủy Khối": 2}
    base = Context(scope=tree["base"], at=period[1], period=period)
    assert registry.value("commendation.total", base) == 0  # the bloc's decision


def test_proposal_created_then_decided_with_its_decision(tree):
    proposal = services.proposal_create(
        org=tree["bloc"], to_level="province_chair", form="bang_khen", theme="ct05",
        submitted_on=dt.date(2021, 4, 1), collectives=1, individuals=1,
    )  # fmt: skip
    c = _save(tree, [RecipientLine(kind="individual", name="A")], level="province_chair",
              form="bang_khen")  # fmt: skip
    services.proposal_decide(proposal=proposal, outcome="approved", decided_on=DAY, commendation=c)
    proposal.refresh_from_db()
    assert proposal.outcome == ProposalOutcome.APPROVED and proposal.commendation == c
    with pytest.raises(ValidationError) as caught:
        services.proposal_decide(proposal=proposal, outcome="rejected", decided_on=DAY)
    assert "đã có kết quả" in caught.value.message_dict["outcome"][0]
    context = Context(scope=tree["bloc"], at=DAY, period=(dt.date(2021, 1, 1), DAY))
    assert registry.value("commendation.proposals", context) == 1
    assert registry.value("commendation.proposals_approved", context) == 1


def test_a_decision_of_another_level_cannot_answer_a_proposal(tree):
    proposal = services.proposal_create(
        org=tree["bloc"], to_level="prime_minister", form="bang_khen", theme="ct05",
        submitted_on=dt.date(2021, 4, 1), collectives=1, individuals=0,
    )  # fmt: skip
    c = _save(tree, [RecipientLine(kind="individual", name="A")])
    with pytest.raises(ValidationError) as caught:
        services.proposal_decide(proposal=proposal, outcome="approved", decided_on=DAY,
                                 commendation=c)  # fmt: skip
    assert "không phải cấp được đề nghị" in caught.value.message_dict["commendation"][0]


def test_models_count_by_the_date_and_stop(tree):
    m = services.model_save(unit=tree["base"], name="Một cửa thân thiện", field="political_system",
                            registered_year=2022, status="implementing")  # fmt: skip
    services.model_save(unit=tree["base"], name="Tủ sách pháp luật", field="culture_society",
                        registered_year=2023, status="registered")  # fmt: skip
    services.model_save(unit=tree["base_cell"], name="Tiết kiệm điện", field="economy",
                        registered_year=2023, status="recognized",
                        recognized_on=dt.date(2024, 3, 1))  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        services.model_save(unit=tree["base"], name="một cửa thân thiện", field="economy",
                            registered_year=2022, status="registered")  # fmt: skip
    assert "đã đăng ký mô hình này" in caught.value.message_dict["name"][0]

    def at(day, key):
        return registry.value(key, Context(scope=tree["bloc"], at=day))

    assert at(dt.date(2022, 12, 31), "models.count") == 1
    assert at(dt.date(2024, 12, 31), "models.count") == 3
    assert at(dt.date(2024, 12, 31), "models.units") == 2
    assert at(dt.date(2024, 12, 31), "models.recognized") == 1
    assert at(dt.date(2024, 12, 31), "models.by_field") == {
        "Kinh tế": 1, "Văn hóa - xã hội": 1, "Xây dựng hệ thống chính trị": 1,
    }  # fmt: skip
    services.model_save(model=m, unit=tree["base"], name=m.name, field=m.field,
                        registered_year=2022, status="stopped",
                        stopped_on=dt.date(2025, 6, 30))  # fmt: skip
    assert at(dt.date(2024, 12, 31), "models.count") == 3
    assert at(dt.date(2025, 12, 31), "models.count") == 2
    assert DanVanModel.objects.get(pk=m.pk).status == "stopped"
    entry = AuditEntry.objects.filter(object_type="danvan_model", object_id=str(m.pk)).first()
    assert "Đang thực hiện → Dừng thực hiện" in entry.description
