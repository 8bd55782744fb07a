"""A cell secretary records a discipline of a member of the cell, in Chromium: the cell may
not expel (it only votes to propose it), it may reprimand."""

import datetime as dt

import pytest
from browser_fixtures import BROWSER_MARKS
from django.contrib.auth import get_user_model
from menu_nav import open_menu

from dangbo.accounts.models import Role, RoleAssignment

pytestmark = BROWSER_MARKS


@pytest.fixture
def cell_secretary(transactional_db, tree, make_member):
    make_member(tree["cell_a"], name="Võ Văn Kiên")
    make_member(tree["cell_a"], name="Nguyễn Thị Mai")
    user = get_user_model().objects.create_user(username="bithu", password="mat-khau-123")
    RoleAssignment.objects.create(user=user, role=Role.CELL_SECRETARY, organization=tree["cell_a"])
    return user


def test_cell_cannot_expel_but_reprimands(cell_secretary, live_server, page):
    from playwright.sync_api import expect

    from dangbo.backoffice.views.orgs_common import today

    now = today()
    violation_on = now - dt.timedelta(days=60)
    found_on = now - dt.timedelta(days=20)
    vote_on = now - dt.timedelta(days=6)
    decision_date = now - dt.timedelta(days=5)

    page.goto(f"{live_server.url}/quan-ly/dang-nhap/")
    page.fill("#id_username", "bithu")
    page.fill("#id_password", "mat-khau-123")
    page.get_by_role("button", name="Đăng nhập").click()
    open_menu(page, "Kiểm tra", "Kỷ luật đảng")
    expect(page.locator("h1")).to_have_text("Kỷ luật đảng")
    page.get_by_role("link", name="Kỷ luật đảng viên").click()
    page.fill("#id_q", "vo van kien")
    page.get_by_role("button", name="Tìm").click()
    expect(page.locator("#found li")).to_have_count(1)
    page.locator("#found").get_by_role("link", name="Võ Văn Kiên").click()
    expect(page.locator("h1")).to_have_text("Ghi quyết định kỷ luật đảng viên")
    expect(page.locator("#subject")).to_contain_text("Võ Văn Kiên · Chi bộ Văn phòng")

    # Expulsion decided by the cell: refused, the cell only votes to propose it.
    page.fill("#id_violation", "Vi phạm quy định về những điều đảng viên không được làm.")
    page.fill("#id_violation_on", f"{violation_on:%d/%m/%Y}")
    page.fill("#id_found_on", f"{found_on:%d/%m/%Y}")
    page.select_option("#id_body_org", label="Chi bộ Văn phòng (K-01-1)")
    page.select_option("#id_body_kind", label="Chi bộ")
    page.select_option("#id_form", label="Khai trừ")
    page.fill("#id_vote_on", f"{vote_on:%d/%m/%Y}")
    page.fill("#id_votes_for", "2")
    page.fill("#id_decision_number", "05-QĐ/CB")
    page.fill("#id_decision_date", f"{decision_date:%d/%m/%Y}")
    page.get_by_role("button", name="Ghi", exact=True).click()
    error = page.locator('.field-error[data-field="form"]')
    expect(error).to_contain_text(
        "Chi bộ chỉ được quyết định khiển trách, cảnh cáo đảng viên trong chi bộ; "
        "không được quyết định khai trừ"
    )
    expect(page.locator("h1")).to_have_text("Ghi quyết định kỷ luật đảng viên")

    # A reprimand by the cell: saved, and shown on the case page.
    page.select_option("#id_form", label="Khiển trách")
    page.fill("#id_vote_on", "")
    page.fill("#id_votes_for", "")
    page.get_by_role("button", name="Ghi", exact=True).click()
    expect(page.locator("h1")).to_have_text("Khiển trách: Võ Văn Kiên")
    expect(page.get_by_role("alert")).to_contain_text(
        "Đã ghi quyết định kỷ luật Khiển trách Võ Văn Kiên (05-QĐ/CB)."
    )
    expect(page.locator("#status")).to_have_text("Có hiệu lực")
    case = page.locator("#case")
    expect(case).to_contain_text("Chi bộ Văn phòng")
    expect(case).not_to_contain_text("Chi bộ Chi bộ")
    expect(case).to_contain_text(f"Số 05-QĐ/CB ngày {decision_date:%d/%m/%Y}")
    expect(case).to_contain_text(f"{violation_on:%d/%m/%Y}")
    expect(page.locator("#vote")).to_have_count(0)

    page.get_by_role("link", name="Danh sách", exact=True).click()
    expect(page.locator("#case-count")).to_have_text("1")
    expect(page.locator("#case-rows")).to_contain_text("Võ Văn Kiên")
    expect(page.locator("#case-rows")).to_contain_text("Khiển trách")
