"""A cell secretary opens a candidate's file and records the first step, in Chromium."""

import pytest
from browser_fixtures import BROWSER_MARKS
from django.contrib.auth import get_user_model
from menu_nav import open_menu

from dangbo.accounts.models import Role, RoleAssignment

pytestmark = BROWSER_MARKS


@pytest.fixture
def cell_secretary(transactional_db, tree, make_member):
    make_member(tree["cell_a"], name="Nguyễn Văn Đức")
    user = get_user_model().objects.create_user(username="bithu", password="mat-khau-123")
    RoleAssignment.objects.create(user=user, role=Role.CELL_SECRETARY, organization=tree["cell_a"])
    return user


def test_open_a_candidate_and_record_the_awareness_class(cell_secretary, live_server, page):
    from playwright.sync_api import expect

    page.goto(f"{live_server.url}/quan-ly/dang-nhap/")
    page.fill("#id_username", "bithu")
    page.fill("#id_password", "mat-khau-123")
    page.get_by_role("button", name="Đăng nhập").click()
    open_menu(page, "Tổ chức, đảng viên", "Kết nạp đảng viên")
    page.get_by_role("link", name="Lập hồ sơ đối tượng").click()
    page.fill("#id_full_name", "Hoàng Thị Lan")
    page.select_option("#id_gender", "female")
    page.fill("#id_birth_date", "1999-07-12")
    page.fill("#id_identified_on", "2026-03-02")
    page.get_by_role("button", name="Lập hồ sơ").click()
    expect(page.locator("h1")).to_have_text("Hoàng Thị Lan")
    page.locator("#next-steps").get_by_role(
        "link", name="Học lớp bồi dưỡng nhận thức về Đảng"
    ).click()
    # A date before the case was opened is refused next to the field.
    page.fill("#id_date", "2026-02-01")
    page.get_by_role("button", name="Ghi").click()
    expect(page.locator('.field-error[data-field="date"]')).to_contain_text("sớm hơn")
    page.fill("#id_date", "2026-04-10")
    page.fill("#id_certificate_number", "215/CN")
    page.get_by_role("button", name="Ghi").click()
    expect(page.locator("#steps")).to_contain_text(
        "Học lớp bồi dưỡng nhận thức về Đảng · 10/04/2026"
    )
    open_menu(page, "Tổ chức, đảng viên", "Kết nạp đảng viên")
    expect(page.locator("#case-table")).to_contain_text("Hoàng Thị Lan")
    expect(page.locator("#case-table")).to_contain_text("Học lớp bồi dưỡng nhận thức về Đảng")
