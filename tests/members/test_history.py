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
