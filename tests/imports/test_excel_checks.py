"""Every bad row is named (row, column, what is wrong) and a file with one writes nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from excel_helpers import citizen_id, good_row, make_xlsx

from dangbo.accounts.models import Role
from dangbo.imports.importing import check_file, import_file
from dangbo.jobs.models import Job
from dangbo.members.models import Member, MembershipEvent, Person
from dangbo.members.services import member_update


def texts(report):
    return [str(issue) for issue in report.issues]


def upload(content: bytes, name: str = "dang-vien.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.fixture
def three_bad_rows():
    rows = [good_row() for _ in range(8)]
    rows[1]["Ngày sinh"] = "31/02/1990"  # Excel row 3
    rows[3]["Mã chi bộ"] = "K-99"  # row 5
    rows[6]["Số căn cước"] = "12345678901"  # row 8, 11 digits
    return make_xlsx(rows)


def test_three_bad_rows_among_good_ones_write_nothing_and_are_each_named(
    tree, board, three_bad_rows
):
    report = import_file(io.BytesIO(three_bad_rows), org=tree["bloc"], user=board)
    assert not report.committed
    assert texts(report) == [
        "Dòng 3, cột C (Ngày sinh): Ngày không hợp lệ: “31/02/1990” (nhập theo dạng dd/mm/yyyy).",
        "Dòng 5, cột R (Mã chi bộ): Không có chi bộ mã “K-99”.",
        "Dòng 8, cột O (Số căn cước): Số căn cước phải gồm đúng 12 chữ số (đang là “12345678901”).",
    ]
    assert (report.rows, report.bad_rows, report.new) == (8, 3, 5)
    assert Person.objects.count() == 0 and Member.objects.count() == 0


def test_the_preview_page_lists_the_bad_rows_and_offers_no_commit(
    client, tree, board, three_bad_rows
):
    client.force_login(board)
    response = client.post(
        reverse("imports:member_import"), {"org": "K", "file": upload(three_bad_rows)}, follow=True
    )
    page = response.content.decode()
    job = Job.objects.get()
    assert response.redirect_chain[-1][0] == reverse("imports:job_detail", args=[job.pk])
    assert job.result["stage"] == "preview" and job.result["bad_rows"] == 3
    assert [issue["row"] for issue in job.result["issues"]] == [3, 5, 8]
    assert "Không có chi bộ mã “K-99”." in page and "Ghi vào hồ sơ" not in page
    client.post(reverse("imports:job_commit", args=[job.pk]))
    assert Person.objects.count() == 0


def test_the_same_citizen_id_twice_reports_both_rows(tree, board):
    same = citizen_id()
    rows = [
        good_row(),
        good_row(**{"Số căn cước": same}),
        good_row(),
        good_row(**{"Số căn cước": same}),
    ]
    report = check_file(io.BytesIO(make_xlsx(rows)), org=tree["bloc"], user=board)
    assert texts(report) == [
        f"Dòng 3, cột O (Số căn cước): Số căn cước {same} trùng với dòng 5.",
        f"Dòng 5, cột O (Số căn cước): Số căn cước {same} trùng với dòng 3.",
    ]
    assert (report.new, report.bad_rows) == (2, 2)


def test_rules_and_records_are_checked(tree, make_member, board):
    holder = make_member(tree["cell_b"], name="Chủ Thẻ")
    member_update(member=holder, card_number="111122223333")
    elsewhere = make_member(tree["cell_b"], name="Ở Chi Bộ Khác", admitted=dt.date(2010, 5, 19))
    rows = [
        good_row(**{"Số thẻ đảng viên": "111122223333"}),  # 2: someone else's card
        good_row("K-02"),  # 3: outside the base
        good_row("K-01"),  # 4: the base itself, not a cell
        good_row(**{"Họ và tên": None, "Giới tính": "Khác"}),  # 5
        good_row(**{"Ngày chính thức": "18/05/2016"}),  # 6: a day short of 12 months
        good_row(**{"Số căn cước": elsewhere.person.citizen_id, "Ngày vào Đảng": "19/05/2010",
                    "Ngày chính thức": "19/05/2011", "Họ và tên": "Ở Chi Bộ Khác"}),  # 7: transfer
        good_row(**{"Email": "khong-phai-email", "Dân tộc": "Sao Hỏa"}),  # 8
        good_row(**{"Ngày vào Đảng": "01/01/1985"}),  # 9: before birth
    ]  # fmt: skip
    report = check_file(io.BytesIO(make_xlsx(rows)), org=tree["base"], user=board)
    assert texts(report) == [
        "Dòng 2, cột Q (Số thẻ đảng viên): Số thẻ đảng viên 111122223333 đã cấp cho một đảng "
        "viên khác.",
        "Dòng 3, cột R (Mã chi bộ): Chi bộ mã “K-02” không thuộc Đảng bộ Sở Tài chính.",
        "Dòng 4, cột R (Mã chi bộ): Mã “K-01” là của Đảng bộ Sở Tài chính, không phải chi bộ.",
        "Dòng 5, cột A (Họ và tên): Thiếu “Họ và tên”.",
        "Dòng 5, cột B (Giới tính): “Khác” không có trong danh mục giới tính.",
        "Dòng 6, cột T (Ngày chính thức): Ngày chính thức 18/05/2016 chưa đủ 12 tháng dự bị kể "
        "từ ngày vào Đảng 19/05/2015 (sớm nhất là 19/05/2016).",
        "Dòng 7, cột R (Mã chi bộ): Đảng viên đang sinh hoạt ở chi bộ mã “K-01-2”; chuyển sinh "
        "hoạt phải ghi trong hồ sơ đảng viên.",
        "Dòng 8, cột G (Dân tộc): “Sao Hỏa” không có trong danh mục dân tộc.",
        "Dòng 8, cột X (Email): Địa chỉ email “khong-phai-email” không hợp lệ.",
        "Dòng 9, cột S (Ngày vào Đảng): Ngày vào Đảng phải sau ngày sinh.",
    ]


def test_a_member_outside_the_users_scope_is_not_matched_or_named(tree, make_member, user_with):
    other = make_member(tree["cell_b"], name="Người Chi Bộ B")
    secretary = user_with(Role.CELL_SECRETARY, tree["cell_a"])
    row = good_row("K-01-1", **{"Số căn cước": other.person.citizen_id})
    report = import_file(io.BytesIO(make_xlsx([row])), org=tree["cell_a"], user=secretary)
    assert texts(report) == [
        "Dòng 2, cột O (Số căn cước): Trùng với hồ sơ đảng viên ngoài phạm vi được nhập dữ liệu."
    ]
    assert "Người Chi Bộ B" not in str(report.as_json())
    assert MembershipEvent.objects.count() == 2


def test_a_file_that_is_not_a_member_sheet_is_refused(tree, board):
    report = check_file(io.BytesIO(b"not a workbook"), org=tree["bloc"], user=board)
    assert texts(report) == [
        "Tệp này không phải tệp Excel .xlsx (Excel 2007 trở lên). Hãy lưu lại dạng .xlsx."
    ]
    headers = ("Họ và tên", "Giới tính", "Mã chi bộ")
    report = check_file(io.BytesIO(make_xlsx([], headers=headers)), org=tree["bloc"], user=board)
    assert texts(report) == [
        "Dòng 1: thiếu cột “Ngày sinh”, “Ngày vào Đảng”. "
        "Hãy dùng tệp mẫu và giữ nguyên dòng tên cột."
    ]


def test_a_citizen_id_typed_as_a_number_is_explained(tree, board):
    row = good_row(**{"Số căn cước": 12345678901})  # Excel dropped the leading 0
    report = check_file(io.BytesIO(make_xlsx([row])), org=tree["bloc"], user=board)
    assert "mất số 0 ở đầu" in texts(report)[0]


@pytest.mark.parametrize("role", [Role.BLOC_OFFICE, Role.PROPAGANDA, Role.INSPECTION])
def test_a_user_without_import_scope_gets_403(client, tree, user_with, role):
    client.force_login(user_with(role, tree["bloc"]))
    assert client.get(reverse("imports:member_import")).status_code == 403
    content = make_xlsx([good_row()])
    response = client.post(reverse("imports:member_import"), {"org": "K", "file": upload(content)})
    assert response.status_code == 403
    assert Job.objects.count() == 0 and Person.objects.count() == 0


def test_an_organization_outside_the_import_scope_is_a_form_error(client, tree, user_with):
    client.force_login(user_with(Role.CELL_SECRETARY, tree["cell_a"]))
    content = make_xlsx([good_row()])
    response = client.post(reverse("imports:member_import"), {"org": "K", "file": upload(content)})
    assert response.status_code == 200
    assert (
        "Không có tổ chức đảng mã “K” trong phạm vi bạn được nhập dữ liệu."
        in response.content.decode()
    )
    assert Job.objects.count() == 0


def test_rows_without_citizen_id_or_card_match_by_name_and_birth_date_in_their_cell(tree, board):
    rows = [
        good_row(**{"Số căn cước": None, "Họ và tên": name})
        for name in ("Hà Văn Một", "Hà Văn Hai")
    ]
    content = make_xlsx(rows)
    assert import_file(io.BytesIO(content), org=tree["base"], user=board).new == 2
    again = import_file(io.BytesIO(content), org=tree["base"], user=board)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 2)
    assert Person.objects.count() == 2
    twice = make_xlsx([rows[0], good_row(), rows[0]])
    report = check_file(io.BytesIO(twice), org=tree["base"], user=board)
    assert [(i.row, i.column.header) for i in report.issues] == [(2, "Họ và tên"), (4, "Họ và tên")]
    assert "Trùng họ tên, ngày sinh và chi bộ với dòng 4" in texts(report)[0]
