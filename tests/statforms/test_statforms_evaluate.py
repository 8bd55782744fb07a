"""The generic evaluator: the filter vocabulary, unavailable fields, and the figures it
counts agreeing with the membership indicators on a small tree."""

from __future__ import annotations

import datetime as dt

import pytest

from dangbo.indicators import registry
from dangbo.members.choices import EventKind, Gender
from dangbo.members.services import member_record_event, person_save
from dangbo.orgs.services import org_move
from dangbo.statforms import checks, definitions
from dangbo.statforms.evaluate import Evaluation, ExpressionError, compile_filter, validate

AT = dt.date(2021, 12, 31)


def test_filter_operators():
    fact = {"age": 35, "gender": "female", "admitted_on": dt.date(1976, 1, 1), "religion": ""}
    assert compile_filter({"field": "age", "between": [31, 35]}, "members")[0](fact)
    assert not compile_filter({"field": "age", "gte": 36}, "members")[0](fact)
    assert compile_filter({"field": "admitted_on", "gte": "1975-05-01"}, "members")[0](fact)
    assert not compile_filter({"field": "religion", "set": True}, "members")[0](fact)
    both = {"all": [{"field": "gender", "eq": "female"}, {"not": {"field": "age", "lt": 30}}]}
    assert compile_filter(both, "members")[0](fact)
    either = {"any": [{"field": "gender", "in": ["male"]}, {"field": "age", "lte": 20}]}
    assert not compile_filter(either, "members")[0](fact)


def test_unknown_field_is_refused_and_unavailable_field_is_named():
    with pytest.raises(ExpressionError):
        compile_filter({"field": "shoe_size", "eq": 40}, "members")
    with pytest.raises(ExpressionError):
        compile_filter({"field": "years", "eq": 30}, "members")  # a badge field
    _, missing = compile_filter({"field": "foreign_marriage", "eq": True}, "members")
    assert missing == {"foreign_marriage"}


def test_every_shipped_definition_is_valid():
    found = definitions.load_all()
    assert {d.number for d in found} >= {"1", "2", "3", "4", "5", "6A", "6B", "7"}
    for definition in found:
        assert validate(definition) == [], definition.source


def test_form_4_lists_the_54_groups_in_the_form_order():
    definition = definitions.pick("4", AT)
    labels = [r.label for r in definition.rows if r.code.startswith("I.")]
    assert len(labels) == 56
    assert labels[:3] == ["1. Kinh", "2. Tày", "3. Thái"]
    assert labels[10:12] == ["11. Ê-đê", "12. Ngái"]
    assert labels[53] == "54. Rơ-măm"


@pytest.fixture
def world(tree, make_member):
    cell_a, cell_b = tree["cell_a"], tree["cell_b"]
    young = make_member(cell_a, name="Trần Thị Mai", gender=Gender.FEMALE,
                        birth_date=dt.date(1991, 7, 1))  # fmt: skip
    old = make_member(cell_b, name="Lê Văn Bình", birth_date=dt.date(1960, 3, 3))
    mover = make_member(cell_a, name="Phạm Văn Chuyển", birth_date=dt.date(1980, 5, 5))
    leaver = make_member(tree["base_cell"], name="Đỗ Văn Mất", birth_date=dt.date(1950, 1, 1))
    return {"young": young, "old": old, "mover": mover, "leaver": leaver}


def _form(number, scope, at=AT, period=None):
    return Evaluation(definitions.pick(number, at), scope, at, period)


def test_moving_a_birth_date_moves_one_unit_between_age_bands(tree, world):
    before = _form("3", tree["bloc"])
    bands = {r.code: before.value(r.code, "2") for r in before.definition.rows
             if r.code.startswith("II.2.") and r.measure == "count"}  # fmt: skip
    # Born 01/07/1991: 30 on 31/12/2021 (18–30); born one year earlier: 31 (31–35).
    person = world["young"].person
    person_save(person=person, birth_date=dt.date(1990, 7, 1))
    after = _form("3", tree["bloc"])
    moved = {code: after.value(code, "2") - n for code, n in bands.items()}
    assert moved["II.2.1"] == -1
    assert moved["II.2.2"] == 1
    assert sum(abs(v) for v in moved.values()) == 2
    assert after.value("I", "2") == before.value("I", "2") == 4


def test_form_1_counts_gains_and_losses_and_agrees_with_the_indicators(tree, world):
    bloc = tree["bloc"]
    member_record_event(member=world["leaver"], kind=EventKind.DECEASED, date=dt.date(2021, 3, 1))
    member_record_event(member=world["mover"], kind=EventKind.TRANSFERRED_OUT,
                        date=dt.date(2021, 4, 1), external_org="Đảng bộ ngoài tỉnh")  # fmt: skip
    form = _form("1", bloc)
    assert form.value("A", "2") == 4
    assert form.value("C.1", "2") == 1
    assert form.value("C.5", "2") == 1
    assert form.value("C.5.a", "2") == 1
    assert form.value("C", "2") == 2
    assert form.value("D", "2") == 2
    assert form.value("A", "2") + form.value("B", "2") - form.value("C", "2") == 2
    context = registry.Context(scope=bloc, at=AT)
    assert form.value("D", "2") == registry.get("members.total").value(context)
    assert form.value("C.1", "2") == registry.get("members.deceased").value(context)
    assert form.value("C.5", "2") == registry.get("members.transferred_out").value(context)
    assert form.value("B.1", "2") == registry.get("members.admitted").value(context)
    assert _form("3", bloc).value("I", "2") == 2
    assert all(f.ok for f in checks.run(bloc, AT)[:2])


def test_a_transfer_between_base_organizations_is_a_gain_and_a_loss_below(tree, world):
    member_record_event(member=world["mover"], kind=EventKind.TRANSFERRED,
                        date=dt.date(2021, 6, 1), org=tree["base_cell"])  # fmt: skip
    base, bloc = _form("1", tree["base"]), _form("1", tree["bloc"])
    assert (base.value("C.5", "2"), base.value("C.5.b", "2"), base.value("D", "2")) == (1, 1, 2)
    assert _form("1", tree["base_cell"]).value("B.2.b", "2") == 1
    assert (bloc.value("B", "2"), bloc.value("C", "2"), bloc.value("D", "2")) == (0, 0, 4)


def test_an_organization_moved_out_is_listed_by_the_check(tree, world):
    org_move(org=tree["base_cell"], new_parent=tree["province"], date=dt.date(2021, 5, 1))
    findings = checks.run(tree["bloc"], AT)
    identity = findings[1]
    assert not identity.ok
    assert [pk for pk, _, _ in identity.records] == [world["leaver"].pk]
    assert "chuyển ra khỏi" in identity.records[0][2]


def test_last_year_column_and_percent(tree, world, make_member):
    make_member(tree["cell_a"], name="Mới Kết Nạp", admitted=dt.date(2021, 2, 1), full=False,
                birth_date=dt.date(1999, 1, 1))  # fmt: skip
    form = _form("3", tree["bloc"])
    assert (form.value("I", "2"), form.value("I", "3")) == (5, 4)
    assert form.value("I", "4") == 125.0
    assert form.value("I.2", "2") == 1  # probationary
    admissions = _form("2", tree["bloc"])
    assert admissions.value("I", "2") == 1
    assert admissions.value("II.2.1", "2") == 1  # 22 at admission
    assert admissions.value("I.7", "2") is None  # no field: "không có dữ liệu"
    kind, ids = admissions.cell_records("I", "2")
    assert kind == "member" and len(ids) == 1


def test_form_5_counts_organizations_and_members_by_base_sector(tree, world):
    form = _form("5", tree["bloc"])
    assert form.value("5", "2") == 1  # the state-agency base committee
    assert form.value("5", "5") == 2  # its two sub cells
    assert form.value("5", "6") == 3  # its members
    assert form.value("9.a", "3") == 1  # the state-enterprise base cell
    assert form.value("9.a", "6") == 1
    assert form.value("9.a.1", "1") is None  # state capital share: no field
    assert form.cell_records("5", "5") == ("org", sorted([tree["cell_a"].pk, tree["cell_b"].pk]))
