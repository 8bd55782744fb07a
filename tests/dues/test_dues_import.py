"""Import of a month's dues list: preview, per-row errors, all or nothing, idempotent."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dangbo.accounts.models import AuditEntry
from dangbo.dues import importer
from dangbo.dues.models import BasisKind, DuesMonth
from dangbo.dues.services import dues_basis_set, dues_month_prepare

MONTH = dt.date(2026, 3, 1)


@pytest.fixture
def two(tree, salaried, make_member):
    other = make_member(tree["cell_b"], name="Đỗ Văn Nam")
    dues_basis_set(
        member=other, from_month=dt.date(2025, 1, 1), kind=BasisKind.WAGE, amount=7_500_000
    )
    dues_month_prepare(org=tree["bloc"], month=MONTH)
    return salaried, other


def exported(client, tree) -> openpyxl.Workbook:
    response = client.get("/quan-ly/dang-phi/xuat/", {"org": tree["bloc"].pk, "month": "03/2026"})
    return openpyxl.load_workbook(io.BytesIO(response.content))


def upload(book: openpyxl.Workbook, name: str = "dang-phi.xlsx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def fill(book, paid="", day="", channel="Cổng Dịch vụ công Quốc gia", row=2):
    sheet = book.active
    sheet.cell(row=row, column=10, value=paid)
    sheet.cell(row=row, column=11, value=day)
    sheet.cell(row=row, column=12, value=channel)


def test_round_trip_preview_then_confirm_then_again(client, users, tree, two):
    client.force_login(users["org_board"])
    book = exported(client, tree)
    fill(book, 100_000, "12/03/2026", row=2)
    fill(book, 75_000, dt.datetime(2026, 3, 15), "Nộp trực tiếp cho chi bộ", row=3)
    preview = client.post("/quan-ly/dang-phi/nhap/", {"file": upload(book)})
    text = preview.content.decode()
    assert "2 thêm mới" not in text and "2 cập nhật" in text
    assert not DuesMonth.objects.filter(amount_paid__gt=0).exists()  # the preview wrote nothing
    token = preview.context["token"]
    before = AuditEntry.objects.filter(action="import").count()
    done = client.post("/quan-ly/dang-phi/nhap/", {"confirm": token})
    assert done.status_code == 302
    assert sorted(DuesMonth.objects.values_list("amount_paid", flat=True)) == [75_000, 100_000]
    assert AuditEntry.objects.filter(action="import").count() == before + 1
    again = client.post("/quan-ly/dang-phi/nhap/", {"file": upload(book)})
    assert "2 không đổi" in again.content.decode()
    client.post("/quan-ly/dang-phi/nhap/", {"confirm": again.context["token"]})
    assert sorted(DuesMonth.objects.values_list("amount_paid", flat=True)) == [75_000, 100_000]


def test_bad_rows_are_reported_and_nothing_is_written(client, users, tree, two):
    client.force_login(users["org_board"])
    book = exported(client, tree)
    fill(book, 100_000, "12/03/2026", row=2)  # a good row
    fill(book, "bảy mươi", "31/02/2026", "chuyển khoản", row=3)
    sheet = book.active
    sheet.append([3, 999999, "", "Không có", "", "13/2026", "", "", "", 5000, "01/03/2026", ""])
    response = client.post("/quan-ly/dang-phi/nhap/", {"file": upload(book)})
    errors = response.context["plan"].errors
    assert any(e.startswith("Dòng 3, cột J:") for e in errors), errors
    assert any(e.startswith("Dòng 3, cột K:") for e in errors), errors
    assert any(e.startswith("Dòng 3, cột L:") for e in errors), errors
    assert any(e.startswith("Dòng 4, cột B:") and "không tìm thấy" in e for e in errors), errors
    assert any(e.startswith("Dòng 4, cột F:") for e in errors), errors
    assert "token" not in response.context
    assert 'class="import-error"' in response.content.decode()
    assert not DuesMonth.objects.filter(amount_paid__gt=0).exists()


def test_rows_outside_the_users_scope_are_not_found(client, users, tree, two):
    client.force_login(users["cell_secretary"])  # cell_a only
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(importer.HEADINGS)
    salaried, other = two
    sheet.append([1, other.pk, "", "", "", "03/2026", "", "", "", 75000, "10/03/2026", ""])
    sheet.append([2, salaried.pk, "", "", "", "03/2026", "", "", "", 100000, "10/03/2026", ""])
    response = client.post("/quan-ly/dang-phi/nhap/", {"file": upload(book)})
    errors = response.context["plan"].errors
    assert errors == [
        f"Dòng 2, cột B: không tìm thấy đảng viên “{other.pk}” trong phạm vi được giao."
    ]
    assert "Đỗ Văn Nam" not in response.content.decode()


def test_a_paid_amount_without_date_and_a_duplicate(client, users, tree, two):
    client.force_login(users["org_board"])
    salaried, _other = two
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(importer.HEADINGS)
    sheet.append([1, salaried.pk, "", "", "", "03/2026", "", "", "", 100000, "", ""])
    sheet.append([2, salaried.pk, "", "", "", "03/2026", "", "", "", 100000, "10/03/2026", ""])
    errors = client.post("/quan-ly/dang-phi/nhap/", {"file": upload(book)}).context["plan"].errors
    assert "Dòng 2, cột K: Nhập ngày đóng đảng phí." in errors
    assert "Dòng 3: trùng đảng viên và tháng với dòng 2." in errors


def test_not_an_xlsx_and_missing_columns(client, users, tree, two):
    client.force_login(users["org_board"])
    response = client.post(
        "/quan-ly/dang-phi/nhap/", {"file": SimpleUploadedFile("a.xlsx", b"not a workbook")}
    )
    assert "không phải tệp Excel .xlsx" in response.context["plan"].errors[0]
    book = openpyxl.Workbook()
    book.active.append(["Họ và tên", "Tháng"])
    book.active.append(["A", "03/2026"])
    errors = client.post("/quan-ly/dang-phi/nhap/", {"file": upload(book)}).context["plan"].errors
    assert errors[0].startswith("Dòng 1: thiếu cột") and "Đã đóng (đồng)" in errors[0]


def test_import_needs_the_import_action(client, users):
    client.force_login(users["propaganda"])
    assert client.get("/quan-ly/dang-phi/nhap/").status_code == 403
