"""The rating cap read from the discipline records (366-QĐ/TW for 2026, 132 for 2021):
prefilled on the entry ("theo hồ sơ kỷ luật"), enforced whatever the row says, lifted when
the decision is annulled after a complaint."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from dangbo.discipline import services as discipline
from dangbo.discipline.models import BodyKind, ComplaintOutcome, Form, SubjectKind
from dangbo.rating import services
from dangbo.rating.models import Grade, MemberRating, OrgRating
from dangbo.rating.models import SubjectKind as RatedKind
from dangbo.rating.rules import rules_for_year

pytestmark = pytest.mark.django_db


def _reprimand(member, cell, day):
    return discipline.case_create(
        subject_kind=SubjectKind.MEMBER, member=member, violation="Vi phạm quy chế",
        violation_on=day - dt.timedelta(days=60), found_on=day - dt.timedelta(days=20),
        body_org=cell, body_kind=BodyKind.CELL, form=Form.REPRIMAND,
        decision_number="02-QĐ/CB", decision_date=day,
    )  # fmt: skip


def test_a_member_disciplined_in_2026_cannot_be_excellent_under_366(
    tree, users, make_member, comment
):
    member = make_member(tree["base_cell"], name="Lê Văn Kỷ")
    other = make_member(tree["base_cell"], name="Lê Văn Tốt")
    for m in (member, other):
        comment(m, 2026)
    case = _reprimand(member, tree["base_cell"], dt.date(2026, 3, 10))
    rnd = services.round_open(
        by=users["board"], scope=tree["bloc"], year=2026, opened_on=dt.date(2026, 12, 1)
    )
    assert "366-QĐ/TW" in rnd.rule_set
    entry = rnd.members.select_related("member__person", "cell", "round").get(member=member)
    # Prefilled from the record.
    assert entry.disciplined and entry.discipline_form == Form.REPRIMAND
    assert entry.discipline_decision == "02-QĐ/CB" and entry.discipline_on == case.decision_date
    # The row says "not disciplined": the record still caps the grade.
    with pytest.raises(ValidationError) as exc:
        services.member_ratings_propose(
            by=users["super"], rnd=rnd, on=dt.date(2026, 12, 5),
            rows=[services.MemberProposal(entry=entry, grade=Grade.EXCELLENT, score=95)],
        )  # fmt: skip
    message = exc.value.message_dict[f"{entry.pk}:grade"][0]
    assert "bị thi hành kỷ luật trong năm (Quy định 366-QĐ/TW" in message
    assert "Không hoàn thành nhiệm vụ" in message
    # The proposal page shows where the facts come from.
    client = Client()
    client.force_login(users["base_cell"])
    url = reverse("rating:round_propose", args=[rnd.pk]) + f"?cell={tree['base_cell'].pk}"
    page = client.get(url).content.decode()
    assert "theo hồ sơ kỷ luật" in page and "02-QĐ/CB" in page
    # Through the page: excellent refused next to the row, nothing saved.
    data = {f"m{e.pk}-grade": Grade.GOOD for e in MemberRating.objects.filter(round=rnd)}
    data.update({f"m{e.pk}-score": "80" for e in MemberRating.objects.filter(round=rnd)})
    data[f"m{entry.pk}-grade"] = Grade.EXCELLENT
    data[f"m{entry.pk}-score"] = "95"
    text = client.post(url, data).content.decode()
    assert "chỉ được xếp loại tối đa" in text
    assert not MemberRating.objects.filter(round=rnd).exclude(proposed_grade="").exists()
    # Annulled after a complaint: the cap is lifted (the prefilled facts cleared).
    discipline.case_record_complaint(
        case=case, received_on=dt.date(2026, 3, 20), outcome=ComplaintOutcome.ANNULLED,
        decided_on=dt.date(2026, 5, 1),
    )  # fmt: skip
    entry.refresh_from_db()
    assert not entry.disciplined
    services.member_ratings_propose(
        by=users["super"], rnd=rnd, on=dt.date(2026, 12, 5),
        rows=[services.MemberProposal(entry=entry, grade=Grade.GOOD, score=80)],
    )  # fmt: skip


def test_a_discipline_recorded_after_the_round_opened_fills_the_open_entry(
    tree, users, make_member, comment
):
    member = make_member(tree["cell_a"], name="Phạm Văn Muộn")
    comment(member, 2021)
    rnd = services.round_open(
        by=users["board"], scope=tree["bloc"], year=2021, opened_on=dt.date(2021, 12, 1)
    )
    entry = rnd.members.get(member=member)
    assert not entry.disciplined
    _reprimand(member, tree["cell_a"], dt.date(2021, 12, 3))
    entry.refresh_from_db()
    assert entry.disciplined and entry.discipline_form == Form.REPRIMAND
    entry = rnd.members.select_related("member__person", "cell", "round").get(member=member)
    with pytest.raises(ValidationError) as exc:
        services.member_ratings_propose(
            by=users["super"], rnd=rnd, on=dt.date(2021, 12, 5),
            rows=[services.MemberProposal(entry=entry, grade=Grade.COMPLETED)],
        )  # fmt: skip
    assert "132-QĐ/TW" in exc.value.message_dict[f"{entry.pk}:grade"][0]


def test_an_organization_disciplined_on_record_bounds_its_grade_under_366(tree, users):
    discipline.case_create(
        subject_kind=SubjectKind.ORGANIZATION, organization=tree["cell_b"],
        violation="Buông lỏng lãnh đạo", violation_on=dt.date(2026, 1, 5),
        found_on=dt.date(2026, 2, 1), body_org=tree["base"], body_kind=BodyKind.EXECUTIVE,
        form=Form.REPRIMAND, decision_number="9-QĐ/ĐU", decision_date=dt.date(2026, 3, 1),
    )  # fmt: skip
    rnd = services.round_open(
        by=users["board"], scope=tree["bloc"], year=2026, opened_on=dt.date(2026, 12, 1)
    )
    rating = OrgRating.objects.get(round=rnd, org=tree["cell_b"],
                                   subject=RatedKind.ORGANIZATION)  # fmt: skip
    facts = services.org_facts(rating)
    assert facts.org_disciplined
    base = OrgRating.objects.get(round=rnd, org=tree["base"], subject=RatedKind.ORGANIZATION)
    assert services.org_facts(base).units_disciplined == 1
    # 1 of 2 subordinate units disciplined: more than 20% (kept from 124 under 366).
    errors = services.org_rating_errors(rules_for_year(2026), base, Grade.EXCELLENT, 95)
    assert "1/2 tổ chức trực thuộc bị kỷ luật, quá 20%" in errors["grade"]
