"""Cached indicator values: computed once per data version, recomputed after every write."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangbo.imports.importing import import_file
from dangbo.indicators import registry
from dangbo.indicators.registry import Context
from dangbo.members.choices import EventKind, Gender
from dangbo.members.services import (
    member_delete_event,
    member_record_event,
    member_transfer,
    member_update,
    person_save,
    person_work_history_save,
)
from dangbo.orgs.models import OrgKind
from dangbo.orgs.services import org_create, org_move, org_rename
from imports.excel_helpers import good_row, make_xlsx

AT = dt.date(2022, 12, 31)


@pytest.fixture
def counting(monkeypatch):
    """counting(key) -> a list that grows by one each time `key`'s function runs."""

    def wrap(key):
        calls = []
        original = registry.get(key)

        def compute(context):
            calls.append(context)
            return original.compute(context)

        monkeypatch.setitem(registry._REGISTRY, key, dataclasses.replace(original, compute=compute))
        return calls

    return wrap


def fresh(org, at=AT):
    """A new context, as a new request would make: it reads the data version again."""
    return Context(scope=org, at=at)


def test_the_same_data_is_computed_once(tree, make_member, counting, django_assert_num_queries):
    make_member(tree["cell_a"])
    calls = counting("members.by_gender")

    first = registry.value("members.by_gender", fresh(tree["base"]))
    assert first == {"Nam": 1}
    assert len(calls) == 1
    # A new context reads the version (one query) and finds the value.
    with django_assert_num_queries(1):
        assert registry.value("members.by_gender", fresh(tree["base"])) == first
    assert len(calls) == 1
    # Another scope, date or period is another value.
    registry.value("members.by_gender", fresh(tree["bloc"]))
    registry.value("members.by_gender", fresh(tree["base"], dt.date(2021, 1, 1)))
    period = (dt.date(2022, 1, 1), AT)
    registry.value("members.by_gender", Context(scope=tree["base"], at=AT, period=period))
    assert len(calls) == 4


def test_the_version_is_read_once_per_context(tree, make_member, django_assert_num_queries):
    make_member(tree["cell_a"])
    keys = ["members.total", "members.full", "orgs.base", "members.by_sector"]
    warm = fresh(tree["bloc"])
    for key in keys:
        registry.value(key, warm)
    context = fresh(tree["bloc"])
    with django_assert_num_queries(1):
        values = [registry.value(key, context) for key in keys]
        # Another date of the same context shares the version read.
        assert registry.value("members.total", warm.on(AT)) == values[0]
    assert values[0] == 1 and values[2] == 2
    with django_assert_num_queries(0):
        assert [registry.value(key, context) for key in keys] == values


def test_compute_stays_uncached_and_keeps_its_records(tree, make_member, counting):
    member = make_member(tree["cell_a"])
    calls = counting("members.total")
    context = fresh(tree["base"])
    registry.value("members.total", context)
    result = registry.compute("members.total", context)
    assert len(calls) == 2
    assert list(result.records) == [member]


def test_compute_all_is_the_cached_values(tree, make_member, counting):
    make_member(tree["cell_a"])
    calls = counting("members.total")
    first = registry.compute_all(fresh(tree["base"]))
    assert registry.compute_all(fresh(tree["base"])) == first
    assert first["members.total"]["value"] == 1 and len(calls) == 1


# --- each family of writes invalidates ----------------------------------------------


def assert_recomputed(key, org, calls, expected=None):
    """After a write, a new context runs the function again and agrees with compute()."""
    before = len(calls)
    got = registry.value(key, fresh(org))
    assert len(calls) == before + 1
    assert got == registry.compute(key, fresh(org)).value
    if expected is not None:
        assert got == expected


def test_recording_an_event_invalidates(tree, make_member, counting):
    member = make_member(tree["cell_a"])
    calls = counting("members.total")
    assert registry.value("members.total", fresh(tree["cell_a"])) == 1
    member_record_event(member=member, kind=EventKind.DECEASED, date=dt.date(2022, 3, 1))
    assert_recomputed("members.total", tree["cell_a"], calls, 0)


def test_a_transfer_invalidates_both_cells(tree, make_member, counting):
    member = make_member(tree["cell_a"])
    calls = counting("members.total")
    registry.value("members.total", fresh(tree["cell_a"]))
    registry.value("members.total", fresh(tree["cell_b"]))
    member_transfer(member=member, to_cell=tree["cell_b"], date=dt.date(2022, 3, 1))
    assert_recomputed("members.total", tree["cell_a"], calls, 0)
    assert_recomputed("members.total", tree["cell_b"], calls, 1)


def test_deleting_an_event_invalidates(tree, make_member, counting):
    member = make_member(tree["cell_a"])
    event = member_record_event(member=member, kind=EventKind.DECEASED, date=dt.date(2022, 3, 1))
    calls = counting("members.total")
    assert registry.value("members.total", fresh(tree["cell_a"])) == 0
    member_delete_event(event=event)
    assert_recomputed("members.total", tree["cell_a"], calls, 1)


def test_member_update_of_gender_invalidates_the_breakdown(tree, make_member, counting):
    member = make_member(tree["cell_a"])
    calls = counting("members.by_gender")
    assert registry.value("members.by_gender", fresh(tree["base"])) == {"Nam": 1}
    member_update(member=member, gender=Gender.FEMALE)
    assert_recomputed("members.by_gender", tree["base"], calls, {"Nữ": 1})


def test_person_save_of_an_existing_person_invalidates(tree, make_member, counting):
    member = make_member(tree["cell_a"])
    calls = counting("members.female")
    assert registry.value("members.female", fresh(tree["base"])) == 0
    person_save(person=member.person, gender=Gender.FEMALE)
    assert_recomputed("members.female", tree["base"], calls, 1)


def test_person_history_save_invalidates(tree, make_member, counting):
    member = make_member(tree["cell_a"])
    calls = counting("members.total")
    registry.value("members.total", fresh(tree["base"]))
    rows = [{"starts_on": dt.date(2005, 1, 1), "position": "Chuyên viên", "unit": "Sở Tài chính"}]
    person_work_history_save(person=member.person, rows=rows)
    assert_recomputed("members.total", tree["base"], calls, 1)


def test_org_move_invalidates_the_old_and_the_new_parent(tree, counting):
    bloc_2 = org_create(
        parent=tree["province"], code="K2", name="Đảng bộ Khối 2",
        kind=OrgKind.BLOC_COMMITTEE, founded_on=dt.date(2000, 1, 1),
    )  # fmt: skip
    calls = counting("orgs.base")
    assert registry.value("orgs.base", fresh(tree["bloc"])) == 2
    assert registry.value("orgs.base", fresh(bloc_2)) == 0
    org_move(org=tree["base_cell"], new_parent=bloc_2, date=dt.date(2022, 6, 1))
    assert_recomputed("orgs.base", tree["bloc"], calls, 1)
    assert_recomputed("orgs.base", bloc_2, calls, 1)
    # The tree as it stood before the move is unchanged, and agrees with compute().
    assert registry.value("orgs.base", fresh(tree["bloc"], dt.date(2021, 12, 31))) == 2


def test_org_rename_invalidates(tree, counting):
    calls = counting("orgs.base")
    registry.value("orgs.base", fresh(tree["bloc"]))
    org_rename(org=tree["base_cell"], date=dt.date(2022, 6, 1), name="Chi bộ Công ty Nước")
    assert_recomputed("orgs.base", tree["bloc"], calls, 2)


def test_an_import_commit_invalidates(tree, counting, django_user_model):
    user = django_user_model.objects.create_superuser(username="root", password="x")
    calls = counting("members.total")
    assert registry.value("members.total", fresh(tree["base"])) == 0
    content = make_xlsx([good_row("K-01-1"), good_row("K-01-2")])
    report = import_file(io.BytesIO(content), org=tree["base"], user=user)
    assert report.committed, [str(i) for i in report.issues]
    assert_recomputed("members.total", tree["base"], calls, 2)


# --- the cached value always equals compute() --------------------------------------

CHECKED_KEYS = ["members.total", "members.by_gender", "members.by_sector"]
OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(["gender", "transfer", "exit", "delete_last", "rename"]),
        st.integers(min_value=0, max_value=2),
    ),
    min_size=1,
    max_size=5,
)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(operations=OPERATIONS)
def test_cached_values_always_equal_compute(tree, make_member, operations):
    cells = [tree["cell_a"], tree["cell_b"], tree["base_cell"]]
    members = [make_member(cell) for cell in cells]
    day = dt.date(2015, 1, 1)

    def check():
        for org in (tree["bloc"], tree["cell_a"], tree["base_cell"]):
            context = fresh(org)
            for key in CHECKED_KEYS:
                assert registry.value(key, context) == registry.compute(key, context).value

    check()
    for step, (operation, i) in enumerate(operations):
        day += dt.timedelta(days=30)
        member = members[i]
        try:
            if operation == "gender":
                flipped = Gender.FEMALE if member.person.gender == Gender.MALE else Gender.MALE
                member_update(member=member, gender=flipped)
            elif operation == "transfer":
                member_transfer(member=member, to_cell=cells[(i + step + 1) % 3], date=day)
            elif operation == "exit":
                member_record_event(member=member, kind=EventKind.DECEASED, date=day)
            elif operation == "delete_last":
                member_delete_event(event=member.events.order_by("date", "pk").last())
            else:
                org_rename(org=cells[i], date=day, name=f"Chi bộ {step}")
        except ValidationError:
            pass  # a write the history refuses changes nothing; the values must still agree
        member.refresh_from_db()
        check()


def test_reads_and_exports_do_not_expire_the_cache(tree, make_member):
    """Viewing a profile writes an audit row; only changes may move the version."""
    from dangbo.accounts.audit import audit_log
    from dangbo.accounts.models import AuditAction

    member = make_member(tree["cell_a"])
    before = registry.data_version()
    audit_log(user=None, action=AuditAction.VIEW, object_type="member", description="Xem hồ sơ")
    audit_log(user=None, action=AuditAction.EXPORT, object_type="member", description="Xuất")
    assert registry.data_version() == before
    audit_log(user=None, action=AuditAction.CHANGE, object_type="member", description="Sửa",
              object_id=member.pk)  # fmt: skip
    assert registry.data_version() != before
