import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from dangbo.indicators.registry import Context, compute
from dangbo.members.choices import EventKind, MemberStatus
from dangbo.members.services import member_record_event


def total(org, day, key="members.total"):
    return compute(key, Context(scope=org, at=day)).value


def test_admission_makes_a_probationary_member_then_full(tree, make_member):
    m = make_member(tree["cell_a"], admitted=dt.date(2020, 3, 1), full=False)
    assert m.status == MemberStatus.PROBATIONARY
    assert total(tree["bloc"], dt.date(2020, 6, 1), "members.probationary") == 1
    member_record_event(member=m, kind=EventKind.RECOGNIZED, date=dt.date(2021, 3, 1))
    m.refresh_from_db()
    assert m.status == MemberStatus.FULL
    assert total(tree["bloc"], dt.date(2020, 6, 1), "members.probationary") == 1
    assert total(tree["bloc"], dt.date(2021, 6, 1), "members.full") == 1


def test_recognition_before_probation_ends_is_refused_and_changes_nothing(tree, make_member):
    m = make_member(tree["cell_a"], admitted=dt.date(2020, 3, 1), full=False)
    with pytest.raises(ValidationError, match="Chưa hết thời gian dự bị"):
        member_record_event(member=m, kind=EventKind.RECOGNIZED, date=dt.date(2020, 12, 1))
    m.refresh_from_db()
    assert m.status == MemberStatus.PROBATIONARY
    assert m.events.count() == 1


def test_no_transfer_out_after_death(tree, make_member):
    m = make_member(tree["cell_a"])
    member_record_event(member=m, kind=EventKind.DECEASED, date=dt.date(2019, 1, 1))
    with pytest.raises(ValidationError, match="từ trần"):
        member_record_event(member=m, kind=EventKind.TRANSFERRED_OUT, date=dt.date(2020, 1, 1))


def test_counts_as_of_past_dates_follow_transfers_and_exits(tree, make_member):
    m = make_member(tree["cell_a"], admitted=dt.date(2010, 1, 1))
    make_member(tree["base_cell"], admitted=dt.date(2012, 1, 1))
    member_record_event(
        member=m, kind=EventKind.TRANSFERRED, date=dt.date(2015, 1, 1), org=tree["base_cell"]
    )
    member_record_event(
        member=m, kind=EventKind.TRANSFERRED_OUT, date=dt.date(2018, 1, 1), external_org="Tỉnh khác"
    )
    assert total(tree["base"], dt.date(2014, 12, 31)) == 1
    assert total(tree["base"], dt.date(2015, 1, 1)) == 0
    assert total(tree["base_cell"], dt.date(2016, 1, 1)) == 2
    assert total(tree["bloc"], dt.date(2018, 1, 1)) == 1
    assert total(tree["bloc"], dt.date(2009, 1, 1)) == 0


def test_party_age_skips_the_time_out_of_the_party(tree, make_member):
    """24-QĐ/TW 4.5.1: Party age counts from the first admission minus the time out."""
    m = make_member(tree["cell_a"], admitted=dt.date(1990, 3, 1), birth_date=dt.date(1965, 4, 2))
    member_record_event(member=m, kind=EventKind.STRUCK_OFF, date=dt.date(2000, 1, 1))
    member_record_event(
        member=m, kind=EventKind.ADMITTED, date=dt.date(2003, 1, 1), org=tree["cell_a"]
    )
    m.refresh_from_db()
    assert m.admitted_on == dt.date(1990, 3, 1)
    assert m.party_age_from == dt.date(1990, 3, 1) + (dt.date(2003, 1, 1) - dt.date(2000, 1, 1))
    # 30 years of Party age fall in 2023, not in 2020 as the admission date alone says.
    badges_2020 = compute("members.badge_due", Context(scope=tree["bloc"], at=dt.date(2020, 6, 1)))
    badges_2023 = compute("members.badge_due", Context(scope=tree["bloc"], at=dt.date(2023, 6, 1)))
    assert badges_2020.value == {}
    assert badges_2023.value == {"30 năm": 1}
    assert list(badges_2023.records) == [m]
