"""The demo's ratings obey every rule the services enforce."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from dangbo.demo.ratings import build_ratings
from dangbo.members.choices import EventKind
from dangbo.members.services import member_record_event
from dangbo.rating import rules as R
from dangbo.rating import selectors, services
from dangbo.rating.models import (
    Grade,
    MemberRating,
    OrgRating,
    RatingRound,
    ResidenceComment,
    RoundStatus,
)


def assert_round_obeys_the_rules(rnd: RatingRound) -> None:
    rules = R.rules_for_year(rnd.year)
    entries = list(rnd.members.select_related("member__person", "round"))
    comments = selectors.comments_by_member([e.member_id for e in entries], rnd.year)
    for entry in entries:
        facts = services.member_facts(rules, entry, comments)
        assert R.not_rated_reason(rules, facts) == entry.not_rated_reason
        for grade, score in (
            (entry.proposed_grade, entry.proposed_score),
            (entry.decided_grade, entry.decided_score),
        ):
            if grade:
                assert R.member_grade_errors(rules, facts, grade, score) == {}, entry
    bases = {e.base_org_id for e in entries}
    assert services.quota_errors(rnd, rules, list(bases)) == []
    for rating in rnd.orgs.select_related("org").exclude(decided_grade=""):
        errors = services.org_rating_errors(
            rules, rating, rating.decided_grade, rating.decided_score
        )
        assert errors == {}, (rating, errors)


def test_demo_ratings_on_a_small_tree(tree, make_member):
    rng = random.Random(5)
    cells = [tree["cell_a"], tree["cell_b"], tree["base_cell"]]
    members = [
        make_member(cells[i % 3], name=f"Đảng viên {i}", admitted=dt.date(2005 + i % 15, 3, 1))
        for i in range(45)
    ]
    member_record_event(member=members[0], kind=EventKind.EXEMPTED, date=dt.date(2021, 3, 1))
    late = make_member(tree["cell_a"], name="Mới", admitted=dt.date(2023, 9, 1), full=False)
    written = build_ratings(rng, dt.date(2026, 12, 1))
    rounds = list(RatingRound.objects.order_by("year"))
    assert [r.year for r in rounds] == [2020, 2021, 2022, 2023, 2024, 2025, 2026]
    assert written == MemberRating.objects.count()
    assert {r.status for r in rounds[:-1]} == {RoundStatus.DECIDED}
    assert rounds[-1].status in (RoundStatus.OPEN, RoundStatus.PROPOSED)
    assert not rounds[-1].members.exclude(decided_grade="").exists()
    assert rounds[-1].members.exclude(proposed_grade="").exists()
    for rnd in rounds:
        assert_round_obeys_the_rules(rnd)
    assert MemberRating.objects.get(year=2021, member=members[0]).not_rated_reason == "exempted"
    assert MemberRating.objects.get(year=2023, member=late).not_rated_reason == "new_member"
    assert MemberRating.objects.filter(year=2025).exclude(decided_score=None).exists()
    assert not MemberRating.objects.filter(year=2021).exclude(decided_score=None).exists()
    assert ResidenceComment.objects.filter(year=2021).count() >= 44
    assert OrgRating.objects.filter(year=2021, decided_grade="").count() == 0


def test_demo_is_deterministic(tree, make_member):
    for i in range(12):
        make_member(tree["cell_a"], name=f"Đảng viên {i}")
    build_ratings(random.Random("x"), dt.date(2022, 12, 31))
    first = list(
        MemberRating.objects.order_by("member_id", "year").values_list(
            "member_id", "year", "decided_grade"
        )
    )
    MemberRating.objects.all().delete()
    OrgRating.objects.all().delete()
    ResidenceComment.objects.all().delete()
    RatingRound.objects.all().delete()
    build_ratings(random.Random("x"), dt.date(2022, 12, 31))
    again = list(
        MemberRating.objects.order_by("member_id", "year").values_list(
            "member_id", "year", "decided_grade"
        )
    )
    assert first == again


@pytest.mark.slow
@pytest.mark.django_db(databases=["default", "portal"])
def test_the_full_demo_obeys_the_rules(demo_media):
    from dangbo.demo.generator import build_demo

    build_demo(scale="bloc", seed=7, today=dt.date(2026, 12, 1))
    rounds = list(RatingRound.objects.all())
    assert {r.year for r in rounds} == {2020, 2021, 2022, 2023, 2024, 2025, 2026}
    assert RatingRound.objects.filter(year=2020, scope__code="DBK", status="decided").exists()
    for rnd in rounds:
        assert_round_obeys_the_rules(rnd)
    rated = MemberRating.objects.filter(year=2020).exclude(decided_grade="")
    share = rated.filter(decided_grade=Grade.EXCELLENT).count() / rated.count()
    assert 0.10 < share < 0.17
