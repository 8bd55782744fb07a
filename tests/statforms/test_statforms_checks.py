"""The consistency checks: where a transfer went (the ordered rule of facts.origin_of),
the cells they read named by the version ("checks"), and the history check judged with the
tree as it stood on the reference date."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from dangbo.members.choices import EventKind
from dangbo.members.models import MemberPeriod, MembershipEvent
from dangbo.members.services import member_record_event
from dangbo.orgs.services import org_move, org_rename
from dangbo.statforms import checks, definitions, facts
from dangbo.statforms.evaluate import Evaluation

AT = dt.date(2021, 12, 31)
RESIDENCE = "Chi bộ nơi cư trú (nghỉ hưu)"
DISTRICT_ELSEWHERE = "Huyện ủy Nam Đàn, tỉnh Nghệ An"


@pytest.mark.parametrize(
    ("external_org", "province", "origin"),
    [
        (RESIDENCE, "", "within_province"),
        ("Chi bộ khu dân cư nơi cư trú", "", "within_province"),
        ("Chi bộ nơi cư trú (nghỉ hưu), tỉnh Hà Tĩnh", "nghe an", "other_province"),
        (DISTRICT_ELSEWHERE, "", "other_province"),  # province unnamed: any named is another
        (DISTRICT_ELSEWHERE, "ha tinh", "other_province"),
        (DISTRICT_ELSEWHERE, "nghe an", "within_province"),
        ("Đảng bộ huyện trong tỉnh", "", "within_province"),
        ("Đảng bộ ngoài tỉnh", "", "other_province"),
        ("Huyện ủy Gia Lâm, tỉnh khác", "", "other_province"),
        ("Thành ủy Hồ Chí Minh", "nghe an", "other_province"),
        ("Tỉnh ủy Bà Rịa - Vũng Tàu", "", "other_province"),
        ("Đảng bộ ngoài khối", "", "within_province"),
        ("Đảng bộ Tỉnh đoàn", "", "unknown"),  # "tỉnh" not followed by a province
        ("Thành ủy Vinh", "", "unknown"),  # a city of a province, not a province
        ("", "", "unknown"),
    ],
)
def test_origin_rule_in_its_order(external_org, province, origin):
    assert facts.origin_of(external_org, province) == origin


def test_the_province_is_read_from_the_provincial_committee(tree):
    assert facts.province_of(tree["cell_a"], AT) == ""  # "Đảng bộ tỉnh"
    org_rename(org=tree["province"], date=dt.date(2021, 1, 1), name="Đảng bộ tỉnh Nghệ An")
    assert facts.province_of(tree["cell_a"], AT) == "nghe an"
    assert facts.province_of(tree["cell_a"], dt.date(2020, 12, 31)) == ""


def _form(number, scope, at=AT):
    return Evaluation(definitions.pick(number, at), scope, at)


@pytest.fixture
def leavers(tree, make_member):
    retired = make_member(tree["cell_a"], name="Nguyễn Văn Hưu")
    elsewhere = make_member(tree["cell_b"], name="Trần Văn Xa")
    member_record_event(member=retired, kind=EventKind.TRANSFERRED_OUT,
                        date=dt.date(2021, 5, 1), external_org=RESIDENCE)  # fmt: skip
    member_record_event(member=elsewhere, kind=EventKind.TRANSFERRED_OUT,
                        date=dt.date(2021, 6, 1), external_org=DISTRICT_ELSEWHERE)  # fmt: skip
    return retired, elsewhere


def test_residence_cell_is_within_and_another_provinces_district_is_not(tree, leavers):
    form = _form("1", tree["bloc"])
    assert (form.value("C.5", "2"), form.value("C.5.a", "2"), form.value("C.5.b", "2")) == (
        2,
        1,
        1,
    )
    transfers = next(f for f in checks.run(tree["bloc"], AT) if "tỉnh khác" in f.label)
    assert transfers.ok, transfers.records
    # Once the province is named Nghệ An, a district of Nghệ An is within it.
    org_rename(org=tree["province"], date=dt.date(2021, 1, 1), name="Đảng bộ tỉnh Nghệ An")
    form = _form("1", tree["bloc"])
    assert (form.value("C.5.a", "2"), form.value("C.5.b", "2")) == (0, 2)


def test_the_form_notes_state_the_rule():
    notes = " ".join(definitions.pick("1", AT).notes)
    assert "nơi cư trú" in notes and "Huyện ủy X, tỉnh Y" in notes


# --- the cells the checks read come from the version ------------------------------------

RENAMED_1 = {"A": "I", "B": "II", "C": "III", "D": "IV"}


def _write_version(root, number, edit):
    data = json.loads((definitions.SHIPPED / number / "2021-12-13.json").read_text("utf-8"))
    data["valid_from"] = "2025-07-01"
    data["reference"] = "Phiên bản thử nghiệm đổi mã dòng"
    edit(data)
    folder = root / number
    folder.mkdir(exist_ok=True)
    (folder / "2025-07-01.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")


def _rename_1(data):
    for row in data["rows"]:
        row["code"] = RENAMED_1.get(row["code"], row["code"])
    data["checks"] = {"start": "I", "gains": "II", "losses": "III", "end": "IV", "column": "2"}


def _rename_3(data):
    for row in data["rows"]:
        if row["code"] == "I":
            row["code"] = "TONG"
    data["checks"] = {"total": "TONG", "column": "2"}


def test_a_version_with_renamed_rows_is_checked_by_its_references(tmp_path, settings, tree,
                                                                    leavers):  # fmt: skip
    _write_version(tmp_path, "1", _rename_1)
    _write_version(tmp_path, "3", _rename_3)
    settings.DANGBO_STATFORM_DIRS = str(tmp_path)
    at = dt.date(2025, 12, 31)
    findings = checks.run(tree["bloc"], at)
    assert findings[0].label.startswith("Dòng IV Biểu 1 = dòng TONG Biểu 3")
    assert findings[0].ok and "Biểu 1 (IV): 0" in findings[0].detail
    assert "(I + II − III = IV)" in findings[1].label and findings[1].ok
    # The shipped version before it still reads A–D and I.
    assert checks.run(tree["bloc"], AT)[0].label.startswith("Dòng D Biểu 1 = dòng I Biểu 3")


def test_a_version_without_references_gets_a_finding_not_a_crash(tmp_path, settings, tree):
    def drop(data):
        _rename_1(data)
        del data["checks"]

    _write_version(tmp_path, "1", drop)
    settings.DANGBO_STATFORM_DIRS = str(tmp_path)
    findings = checks.run(tree["bloc"], dt.date(2025, 12, 31))
    assert not findings[0].ok
    assert '"checks": start, gains, losses, end, column' in findings[0].detail
    assert not any("A + B" in f.label or "IV" in f.label for f in findings)


@pytest.mark.parametrize(
    ("checks_value", "message"),
    [
        ({"start": "A", "gains": "B", "losses": "C", "end": "Z", "column": "2"}, "end"),
        ({"start": "A", "gains": "B", "losses": "C", "end": "D", "column": "9"}, "cột"),
        ({"start": "A", "column": "4"}, "cột"),  # column 4 is computed (a percent)
        ({"start": "A", "finish": "D", "column": "2"}, "finish"),
        ({"start": "A"}, "column"),
    ],
)
def test_wrong_references_are_refused_at_load(tmp_path, settings, checks_value, message):
    _write_version(tmp_path, "1", lambda data: data.update(checks=checks_value))
    settings.DANGBO_STATFORM_DIRS = str(tmp_path)
    with pytest.raises(definitions.DefinitionError, match=rf"2025-07-01.json.*{message}"):
        definitions.pick("1", dt.date(2025, 12, 31))


# --- the history check on the tree of the date -----------------------------------------


def _history(scope, at=AT):
    return next(f for f in checks.run(scope, at) if f.label.startswith("Quá trình"))


def test_history_check_reads_the_tree_of_the_date(tree, make_member):
    bloc = tree["bloc"]
    gone = make_member(tree["base_cell"], name="Không Quá Trình")
    MemberPeriod.objects.filter(member=gone).delete()
    # The cell leaves the bloc after the reference date: the member's path today is
    # outside it, but on 31/12/2021 the member was the bloc's.
    org_move(org=tree["base_cell"], new_parent=tree["province"], date=dt.date(2022, 3, 1))
    found = _history(bloc)
    assert [pk for pk, _, _ in found.records] == [gone.pk]
    assert "không có quá trình sinh hoạt" in found.records[0][2]
    # And it is not the bloc's on a date after the move.
    assert _history(bloc, dt.date(2022, 12, 31)).ok


def test_history_check_covers_the_members_in_the_list_not_only_the_movers(tree, make_member):
    steady = make_member(tree["cell_a"], name="Sai Thứ Tự")
    # A second admission while already a member: an order the history refuses. No entry
    # or exit in 2021, so only the list on the date brings the member into the check.
    MembershipEvent.objects.create(
        member=steady, kind=EventKind.ADMITTED, date=dt.date(2015, 1, 1), org=tree["cell_a"]
    )
    found = _history(tree["bloc"])
    assert [pk for pk, _, _ in found.records] == [steady.pk]
