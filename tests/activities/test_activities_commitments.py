"""Commitments and the residence-comment figures."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from dangbo.activities import rules, services
from dangbo.activities.models import Commitment
from dangbo.indicators import registry
from dangbo.indicators.registry import Context
from dangbo.rating.services import residence_comment_save

TODAY = dt.date(2022, 2, 1)


def test_commitment_rules():
    assert (
        rules.check_commitment(
            year=2021, registered_on=dt.date(2021, 1, 5), content="x", today=TODAY
        )
        == {}
    )
    assert "registered_on" in rules.check_commitment(
        year=2021, registered_on=dt.date(2020, 6, 1), content="x", today=TODAY
    )
    assert "content" in rules.check_commitment(
        year=2021, registered_on=dt.date(2021, 1, 5), content=" ", today=TODAY
    )
    errors = rules.check_review(
        year=2021,
        registered_on=dt.date(2021, 1, 5),
        reviewed_on=dt.date(2021, 6, 1),
        review="",
        result="",
        today=TODAY,
    )
    assert set(errors) == {"reviewed_on", "review", "review_result"}
    assert "Kết luận 01-KL/TW" in rules.commitment_rules(2021).source


def test_registered_rate_and_review(tree, make_member, client, users):
    cell = tree["cell_a"]
    a = make_member(cell, name="Nguyễn Văn An")
    make_member(cell, name="Trần Văn Bình")
    context = Context(scope=tree["bloc"], at=dt.date(2021, 9, 30))
    c = services.commitment_save(
        by=None,
        member=a,
        year=2021,
        content="Hoàn thành tốt nhiệm vụ",
        registered_on=dt.date(2021, 2, 1),
        today=TODAY,
    )
    assert registry.compute("commitments.registered_rate", context).value == 50.0
    with pytest.raises(ValidationError):
        services.commitment_review(
            by=None,
            commitment=c,
            review="Tốt",
            result="done",
            reviewed_on=dt.date(2021, 5, 1),
            today=TODAY,
        )
    services.commitment_review(
        by=None,
        commitment=c,
        review="Tốt",
        result="done",
        reviewed_on=dt.date(2021, 12, 20),
        today=TODAY,
    )
    at_end = Context(scope=tree["bloc"], at=dt.date(2021, 12, 31))
    assert registry.compute("commitments.reviewed", at_end).value == 1
    client.force_login(users["cell_secretary"])
    page = client.get("/quan-ly/sinh-hoat/cam-ket/", {"year": 2021, "state": "missing"})
    assert "Trần Văn Bình" in page.content.decode() and "Nguyễn Văn An" not in page.content.decode()
    answer = client.post(
        f"/quan-ly/sinh-hoat/cam-ket/dang-vien/{a.pk}/?year=2021",
        {"registered_on": "01/02/2021", "content": ""},
    )
    assert 'data-field="content"' in answer.content.decode()
    assert Commitment.objects.get().content == "Hoàn thành tốt nhiệm vụ"
    assert client.get(f"/quan-ly/sinh-hoat/cam-ket/{c.pk}/").status_code == 200


def test_residence_figures_read_the_rating_comments(tree, make_member, users):
    cell = tree["cell_a"]
    a = make_member(cell, name="Nguyễn Văn An")
    b = make_member(cell, name="Trần Văn Bình")
    make_member(cell, name="Lê Văn Hưu", occupation="retired")
    context = Context(scope=tree["bloc"], at=dt.date(2021, 12, 31))
    assert registry.compute("residence.comments_required", context).value == 2
    residence_comment_save(
        by=users["superuser"],
        member=a,
        year=2021,
        requested_on=dt.date(2021, 11, 1),
        received_on=dt.date(2021, 11, 20),
        result="good",
    )
    assert registry.compute("residence.comments_rate", context).value == 50.0
    residence_comment_save(
        by=users["superuser"], member=b, year=2021, exempt=True, exempt_reason="student"
    )
    assert registry.compute("residence.comments_rate", context).value == 100.0
    assert registry.compute("residence.comments_received", context).value == 1
