import datetime as dt

import pytest

from dangbo.demo.generator import build_demo
from dangbo.indicators.registry import Context, compute
from dangbo.members.models import Member, PartyCard
from dangbo.members.selectors import periods_at
from dangbo.orgs.models import Organization


@pytest.mark.django_db(databases=["default", "portal"])
def test_2026_figures_follow_the_records_and_cards_keep_history(demo_media):
    build_demo(scale="bloc", seed=7, today=dt.date(2026, 6, 30))
    day = dt.date(2026, 6, 30)
    province = Organization.objects.get(code="DBT")
    new = Organization.objects.filter(code__in=["DCQD", "DUBND", "DBP-01", "DBP-02", "DBP-03"])
    per_committee = [compute("members.total", Context(scope=o, at=day)).value for o in new]
    # Everything of the former bloc now sits under the new committees.
    assert sum(per_committee) == compute("members.total", Context(scope=province, at=day)).value
    # The figure equals the members whose history places them there on that day.
    current = Member.objects.exclude(status="left").count()
    assert sum(per_committee) == current
    assert periods_at(province, day).count() == current
    snapshot = compute(
        "members.total",
        Context(scope=Organization.objects.get(code="DBK"), at=dt.date(2021, 9, 30)),
    )
    assert snapshot.value == 3407
    # Cards were re-issued in 2025; the first card stays in the history.
    reissued = PartyCard.objects.filter(reason=PartyCard.Reason.REISSUE_2025).select_related(
        "member"
    )
    assert reissued.count() > 3000
    card = reissued.first()
    assert card.member.card_number == card.number
    assert card.member.cards.filter(reason=PartyCard.Reason.FIRST).exists()
