"""Template, export and import share one format: what is exported imports back unchanged."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
from django.urls import reverse
from excel_helpers import as_dicts, good_row, make_xlsx, read_xlsx

from dangbo.accounts.models import AuditAction, AuditEntry, Role
from dangbo.imports.columns import GUIDE_TITLE, HEADERS, LISTS_TITLE, SHEET_TITLE
from dangbo.imports.importing import check_file, import_file
from dangbo.members.choices import MemberStatus, PoliticalTheory, Religion
from dangbo.members.models import Member, MembershipEvent, Person
from dangbo.members.services import member_update


def test_template_downloads_with_the_headers_a_guide_and_the_cells(client, tree, board):
    client.force_login(board)
    response = client.get(reverse("imports:template"), {"org": tree["base"].pk})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    content = response.content
    assert read_xlsx(content)[0] == HEADERS
    assert HEADERS[:3] == ("Họ và tên", "Giới tính", "Ngày sinh")
    assert HEADERS[14:18] == ("Số căn cước", "Số lý lịch", "Số thẻ đảng viên", "Mã chi bộ")
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert book.sheetnames == [SHEET_TITLE, GUIDE_TITLE, LISTS_TITLE]
    guide = [row[0] for row in book[GUIDE_TITLE].iter_rows(values_only=True)]
    assert "Số căn cước" in guide and "Ngày chính thức" in guide
    lists = book[LISTS_TITLE]
    assert lists.sheet_state == "hidden"
    column = lists[openpyxl.utils.get_column_letter(lists.max_column - 1)]
    codes = [c.value for c in column if c.value is not None]
    assert codes == ["Mã chi bộ", "K-01-1", "K-01-2"]  # the base's cells, not K-02
    validations = {
        str(v.sqref).split(":")[0]: v for v in book[SHEET_TITLE].data_validations.dataValidation
    }
    assert "B2" in validations and "R2" in validations  # gender and cell code drop-downs
    # the citizen ID column is formatted as text
    assert book[SHEET_TITLE].column_dimensions["O"].number_format == "@"


def _members(tree, make_member):
    full = make_member(
        tree["cell_a"],
        name="Nguyễn Văn Đức",
        phone="0901000001",
        religion=Religion.BUDDHISM,
        ethnicity="02",
        political_theory=PoliticalTheory.ADVANCED,
        email="duc@example.vn",
        youth_union_on=dt.date(1996, 3, 26),
    )
    member_update(
        member=full,
        card_number="012345678901",
        background_number="0123456789",
        introducers="Lê Văn A, Phạm Thị B",
    )
    probationary = make_member(
        tree["cell_b"],
        name="Lê Thị Hoa",
        full=False,
        admitted=dt.date(2025, 1, 10),
        gender="female",
    )
    other = make_member(tree["base_cell"], name="Hoàng Minh", residence="Phường 1, TP Tân An")
    return full, probationary, other


def test_export_then_import_of_the_same_bytes_changes_nothing(client, tree, make_member, board):
    full, probationary, other = _members(tree, make_member)
    client.force_login(board)
    response = client.get(reverse("imports:member_export"), {"org": tree["bloc"].pk})
    assert response.status_code == 200
    rows = as_dicts(response.content)
    assert sorted(r["Họ và tên"] for r in rows) == ["Hoàng Minh", "Lê Thị Hoa", "Nguyễn Văn Đức"]
    duc = next(r for r in rows if r["Họ và tên"] == "Nguyễn Văn Đức")
    assert duc["Giới tính"] == "Nam" and duc["Tôn giáo"] == "Phật giáo" and duc["Dân tộc"] == "Tày"
    assert duc["Số căn cước"] == full.person.citizen_id and isinstance(duc["Số căn cước"], str)
    assert duc["Số thẻ đảng viên"] == "012345678901" and duc["Mã chi bộ"] == "K-01-1"
    assert duc["Ngày vào Đảng"].date() == full.admitted_on
    hoa = next(r for r in rows if r["Họ và tên"] == "Lê Thị Hoa")
    assert hoa["Ngày chính thức"] is None
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert "Xuất 3 đảng viên" in entry.description and entry.user == board

    before = (Person.objects.count(), MembershipEvent.objects.count())
    report = import_file(io.BytesIO(response.content), org=tree["bloc"], user=board)
    assert report.committed and report.issues == []
    assert (report.new, report.updated, report.unchanged) == (0, 0, 3)
    assert report.summary == "0 mới, 0 cập nhật, 3 không đổi"
    assert (Person.objects.count(), MembershipEvent.objects.count()) == before


def test_imported_rows_export_back_as_they_were_written(client, tree, board):
    rows = [
        good_row(
            "K-01-1",
            **{
                "Họ và tên": "Đặng Văn Bình",
                "Giới tính": "Nam",
                "Dân tộc": "Mường",
                "Số thẻ đảng viên": "098765432109",
                "Email": "binh@example.vn",
                "Ngày vào Đoàn": "26/03/2005",
                "Người giới thiệu": "Ngô Văn C",
            },
        ),
        good_row(
            "K-01-2",
            **{
                "Họ và tên": "Vũ Thị Lan",
                "Ngày chính thức": None,
                "Ngày vào Đảng": "01/02/2025",
                "Tôn giáo": "Công giáo",
            },
        ),
        good_row("K-02", **{"Họ và tên": "Phan Quốc Việt", "Giới tính": "Nam"}),
    ]
    report = import_file(io.BytesIO(make_xlsx(rows)), org=tree["bloc"], user=board)
    assert report.committed, [str(i) for i in report.issues]
    assert (report.new, report.updated, report.unchanged) == (3, 0, 0)
    lan = Member.objects.get(person__full_name="Vũ Thị Lan")
    assert lan.status == MemberStatus.PROBATIONARY and lan.cell == tree["cell_b"]
    binh = Member.objects.get(person__full_name="Đặng Văn Bình")
    assert binh.status == MemberStatus.FULL and binh.full_on == dt.date(2016, 5, 19)
    assert binh.cards.get().number == "098765432109" and binh.periods.count() == 2

    client.force_login(board)
    exported = as_dicts(client.get(reverse("imports:member_export")).content)
    by_name = {r["Họ và tên"]: r for r in exported}
    for row in rows:
        back = by_name[row["Họ và tên"]]
        for header, value in row.items():
            got = back[header]
            got = f"{got:%d/%m/%Y}" if isinstance(got, dt.datetime) else got
            assert got == value, header
    # and that export imports back unchanged
    again = check_file(io.BytesIO(make_xlsx(exported)), org=tree["bloc"], user=board)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 3)


def test_a_changed_cell_updates_only_that_member_and_a_second_import_changes_nothing(
    tree, make_member, board
):
    member = make_member(
        tree["cell_a"], name="Nguyễn Văn Đức", full=False, admitted=dt.date(2020, 3, 1)
    )
    row = good_row("K-01-1", **{
        "Họ và tên": "Nguyễn Văn Đức", "Giới tính": "nam", "Ngày sinh": "01/01/1980",
        "Số căn cước": member.person.citizen_id, "Ngày vào Đảng": "01/03/2020",
        "Ngày chính thức": "01/03/2021", "Điện thoại": "0988000111", "Dân tộc": "kinh",
        "Lý luận chính trị": "trung cap", "GDPT": "upper_secondary",
    })  # fmt: skip
    content = make_xlsx([row])
    first = import_file(io.BytesIO(content), org=tree["base"], user=board)
    assert first.committed and (first.new, first.updated, first.unchanged) == (0, 1, 0)
    member.refresh_from_db()
    assert member.person.phone == "0988000111"
    assert member.person.political_theory == PoliticalTheory.INTERMEDIATE
    assert member.status == MemberStatus.FULL and member.full_on == dt.date(2021, 3, 1)
    second = import_file(io.BytesIO(content), org=tree["base"], user=board)
    assert (second.new, second.updated, second.unchanged) == (0, 0, 1)
    assert member.events.count() == 2


def test_export_of_a_cell_secretary_holds_only_their_cell(client, tree, make_member, user_with):
    make_member(tree["cell_a"], name="Người Chi Bộ A")
    make_member(tree["cell_b"], name="Người Chi Bộ B")
    make_member(tree["base_cell"], name="Người Công Ty Điện")
    secretary = user_with(Role.CELL_SECRETARY, tree["cell_a"])
    client.force_login(secretary)
    response = client.get(reverse("imports:member_export"))
    assert [r["Họ và tên"] for r in as_dicts(response.content)] == ["Người Chi Bộ A"]
    # asking for the whole bloc does not widen it
    response = client.get(reverse("imports:member_export"), {"org": tree["bloc"].pk})
    assert as_dicts(response.content) == []


def test_export_follows_the_member_list_filters(client, tree, make_member, board):
    make_member(tree["cell_a"], name="Nguyễn Văn Đức")
    make_member(tree["cell_a"], name="Trần Thị Thu", gender="female")
    client.force_login(board)
    response = client.get(reverse("imports:member_export"), {"q": "thu", "org": tree["base"].pk})
    assert [r["Họ và tên"] for r in as_dicts(response.content)] == ["Trần Thị Thu"]
    response = client.get(reverse("imports:member_export"), {"gender": "male"})
    assert [r["Họ và tên"] for r in as_dicts(response.content)] == ["Nguyễn Văn Đức"]


def test_former_members_of_a_dissolved_cell_export_and_import_back(
    client, tree, make_member, board
):
    from dangbo.members.choices import EventKind
    from dangbo.members.services import member_record_event
    from dangbo.orgs.services import org_dissolve

    gone = make_member(tree["cell_b"], name="Đã Chuyển Đi")
    member_record_event(member=gone, kind=EventKind.TRANSFERRED_OUT, date=dt.date(2020, 1, 1),
                        external_org="Tỉnh bạn")  # fmt: skip
    org_dissolve(org=tree["cell_b"], date=dt.date(2021, 1, 1))
    client.force_login(board)
    content = client.get(reverse("imports:member_export"), {"include_left": "1"}).content
    assert [r["Mã chi bộ"] for r in as_dicts(content)] == ["K-01-2"]
    report = import_file(io.BytesIO(content), org=tree["bloc"], user=board)
    assert report.committed and report.unchanged == 1
    # but nobody new can be admitted into the dissolved cell
    report = import_file(io.BytesIO(make_xlsx([good_row("K-01-2")])), org=tree["bloc"], user=board)
    assert [str(i) for i in report.issues] == [
        "Dòng 2, cột R (Mã chi bộ): Chi bộ mã “K-01-2” đã giải thể ngày 01/01/2021."
    ]
