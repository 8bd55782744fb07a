"""The dues pages through Django's test client."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from dangbo.dues import importer
from dangbo.dues.models import BasisKind, Channel, DuesBasis, DuesMonth
from dangbo.dues.services import dues_basis_set, dues_month_prepare, dues_payment_record

MONTH = dt.date(2026, 3, 1)


@pytest.fixture
def month_list(tree, salaried, make_member):
    other = make_member(tree["cell_b"], name="Đỗ Văn Nam")
    dues_basis_set(
        member=other, from_month=dt.date(2025, 1, 1), kind=BasisKind.WAGE, amount=7_500_000
    )
    dues_month_prepare(org=tree["bloc"], month=MONTH)
    dues_payment_record(
        member=salaried,
        month=MONTH,
        amount_paid=100_000,
        paid_on=dt.date(2026, 3, 12),
        channel=Channel.PORTAL,
    )
    return {"salaried": salaried, "other": other}


def test_month_view_lists_organizations_with_figures(client, users, tree, month_list):
    client.force_login(users["org_board"])
    page = client.get("/quan-ly/dang-phi/", {"org": tree["bloc"].pk, "month": "03/2026"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Đảng bộ Sở Tài chính" in text
    assert "175.000" in text  # due: 100.000 + 75.000
    assert "57,14%" in text  # collected 100.000 of 175.000
    assert "01-QĐ/TW" in text


def test_a_cell_lists_its_members(client, users, tree, month_list):
    client.force_login(users["cell_secretary"])
    page = client.get("/quan-ly/dang-phi/", {"month": "03/2026"})
    text = page.content.decode()
    assert "Lê Thị Thu" in text and "Đỗ Văn Nam" not in text  # cell_b is not theirs
    assert "Cổng Dịch vụ công Quốc gia" in text


def test_member_history_and_flag(client, users, tree, month_list):
    other = month_list["other"]
    for month in (dt.date(2026, 1, 1), dt.date(2026, 2, 1)):
        dues_month_prepare(org=tree["bloc"], month=month)
    client.force_login(users["base_secretary"])
    text = client.get(f"/quan-ly/dang-phi/dang-vien/{other.pk}/", {"year": 2026}).content.decode()
    assert "03/2026" in text and "75.000" in text
    assert 'id="unpaid-flag"' in text and "Điều lệ Đảng, Điều 8" in text
    unpaid = client.get("/quan-ly/dang-phi/chua-dong/", {"org": tree["base"].pk, "year": 2026})
    assert "Đỗ Văn Nam" in unpaid.content.decode() and "Lê Thị Thu" not in unpaid.content.decode()


def test_payment_form_records_and_shows_errors_next_to_the_field(client, users, tree, month_list):
    other = month_list["other"]
    client.force_login(users["base_secretary"])
    url = f"/quan-ly/dang-phi/dang-vien/{other.pk}/dong/"
    assert client.get(url, {"month": "03/2026"}).status_code == 200
    bad = client.post(
        url, {"month": "03/2026", "amount_paid": "75000", "paid_on": "", "channel": "cash"}
    )
    assert 'data-field="paid_on"' in bad.content.decode()
    assert "Nhập ngày đóng" in bad.content.decode()
    bad_month = client.post(url, {"month": "15/2026", "amount_paid": "1"})
    assert 'data-field="month"' in bad_month.content.decode()
    assert not DuesMonth.objects.filter(member=other, amount_paid__gt=0).exists()
    ok = client.post(
        url,
        {"month": "03/2026", "amount_paid": "75000", "paid_on": "20/03/2026", "channel": "cash"},
    )
    assert ok.status_code == 302
    assert DuesMonth.objects.get(member=other, month=MONTH).amount_paid == 75_000


def test_basis_and_relief_forms(client, users, tree, month_list):
    other = month_list["other"]
    client.force_login(users["cell_secretary"])
    # cell_b is outside the cell secretary's cells: not visible at all.
    assert client.get(f"/quan-ly/dang-phi/dang-vien/{other.pk}/can-cu/").status_code == 404
    client.force_login(users["base_secretary"])
    url = f"/quan-ly/dang-phi/dang-vien/{other.pk}/can-cu/"
    bad = client.post(url, {"from_month": "06/2025", "kind": BasisKind.OTHER, "amount": "50000"})
    assert 'data-field="amount"' in bad.content.decode() and "342-QĐ/TW" in bad.content.decode()
    ok = client.post(url, {"from_month": "04/2026", "kind": BasisKind.WAGE, "amount": "9000000"})
    assert ok.status_code == 302 and DuesBasis.objects.filter(member=other).count() == 2
    relief = f"/quan-ly/dang-phi/dang-vien/{other.pk}/mien-giam/"
    bad = client.post(
        relief,
        {
            "kind": "hardship",
            "percent": "60",
            "from_month": "03/2026",
            "to_month": "05/2026",
            "reason": "Khó khăn",
        },
    )
    assert 'data-field="percent"' in bad.content.decode()
    ok = client.post(
        relief,
        {
            "kind": "hardship",
            "percent": "50",
            "from_month": "03/2026",
            "to_month": "05/2026",
            "reason": "Khó khăn",
        },
    )
    assert ok.status_code == 302
    assert DuesMonth.objects.get(member=other, month=MONTH).amount_due == 37_500


def test_read_only_roles_get_403_on_writes(client, users, tree, month_list):
    client.force_login(users["propaganda"])
    member = month_list["salaried"]
    assert client.get(f"/quan-ly/dang-phi/dang-vien/{member.pk}/").status_code == 200
    assert client.get(f"/quan-ly/dang-phi/dang-vien/{member.pk}/dong/").status_code == 403
    response = client.post(
        "/quan-ly/dang-phi/lap-danh-sach/", {"org": tree["bloc"].pk, "month": "04/2026"}
    )
    assert response.status_code == 403


def test_member_role_sees_only_their_own(client, users, tree, month_list):
    member = month_list["salaried"]
    member.person.user = users["member"]
    member.person.save()
    client.force_login(users["member"])
    home = client.get("/quan-ly/dang-phi/")
    assert home.status_code == 302 and f"/dang-vien/{member.pk}/" in home["Location"]
    assert client.get(f"/quan-ly/dang-phi/dang-vien/{month_list['other'].pk}/").status_code == 404


def test_prepare_page_button(client, users, tree, month_list):
    client.force_login(users["base_secretary"])
    response = client.post(
        "/quan-ly/dang-phi/lap-danh-sach/", {"org": tree["base"].pk, "month": "04/2026"}
    )
    assert response.status_code == 302
    assert DuesMonth.objects.filter(month=dt.date(2026, 4, 1)).count() == 2


def test_export_reads_back_in_the_import_layout(client, users, tree, month_list):
    client.force_login(users["org_board"])
    response = client.get("/quan-ly/dang-phi/xuat/", {"org": tree["bloc"].pk, "month": "03/2026"})
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book.active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == importer.HEADINGS
    by_name = {r[3]: r for r in rows[1:]}
    assert by_name["Lê Thị Thu"][9] == 100_000 and by_name["Lê Thị Thu"][5] == "03/2026"
    assert by_name["Đỗ Văn Nam"][8] == 75_000 and by_name["Đỗ Văn Nam"][9] is None


def test_month_view_follows_the_tree_of_the_month(client, users, tree, month_list):
    from dangbo.orgs.services import org_move

    org_move(org=tree["base"], new_parent=tree["province"], date=dt.date(2026, 5, 10))
    dues_month_prepare(org=tree["province"], month=dt.date(2026, 6, 1))
    client.force_login(users["superuser"])
    march = client.get("/quan-ly/dang-phi/", {"org": tree["bloc"].pk, "month": "03/2026"})
    assert "Đảng bộ Sở Tài chính" in march.content.decode()
    june = client.get("/quan-ly/dang-phi/", {"org": tree["bloc"].pk, "month": "06/2026"})
    assert "Đảng bộ Sở Tài chính" not in june.content.decode()
    june_province = client.get(
        "/quan-ly/dang-phi/", {"org": tree["province"].pk, "month": "06/2026"}
    )
    assert "Đảng bộ Sở Tài chính" in june_province.content.decode()
