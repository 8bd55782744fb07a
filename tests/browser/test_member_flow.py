"""A secretary's everyday path through the member pages, in headless Chromium."""

import pytest
from browser_fixtures import BROWSER_MARKS
from django.contrib.auth import get_user_model
from menu_nav import open_menu

from dangbo.accounts.models import Role, RoleAssignment

pytestmark = BROWSER_MARKS


@pytest.fixture
def secretary(transactional_db, tree, make_member):
    # Records are written before Playwright starts: a connection opened while its
    # event loop runs lives in another context and would stay open on PostgreSQL.
    make_member(tree["cell_a"], name="Nguyễn Văn Đức")
    make_member(tree["cell_a"], name="Trần Thị Mai")
    user = get_user_model().objects.create_user(username="thuky", password="mat-khau-123")
    RoleAssignment.objects.create(user=user, role=Role.ORG_BOARD, organization=tree["bloc"])
    return user


def test_search_open_profile_and_record_a_transfer(secretary, live_server, page):
    from playwright.sync_api import expect

    page.goto(f"{live_server.url}/quan-ly/dang-nhap/")
    page.fill("#id_username", "thuky")
    page.fill("#id_password", "mat-khau-123")
    page.get_by_role("button", name="Đăng nhập").click()

    open_menu(page, "Tổ chức, đảng viên", "Đảng viên")
    links = page.locator("a.member-link")
    expect(links).to_have_count(2)
    # Typing refreshes only the table (htmx), without diacritics.
    page.locator("#id_q").press_sequentially("nguyen van duc", delay=20)
    expect(links).to_have_count(1)
    expect(links).to_have_text("Nguyễn Văn Đức")
    assert "q=nguyen" in page.url

    links.click()
    expect(page.locator("h1")).to_have_text("Nguyễn Văn Đức")
    page.get_by_role("button", name="Ghi sự kiện đảng tịch").click()
    page.get_by_role("link", name="Chuyển sinh hoạt trong Đảng bộ").click()

    page.select_option("#id_org", label="Chi bộ Công ty Điện (K-02)")
    page.fill("#id_date", "15/06/2024")
    page.fill("#id_decision_number", "07-QĐ/ĐU")
    page.get_by_role("button", name="Ghi sự kiện").click()

    transfer = page.locator('#timeline li[data-kind="transferred"]')
    expect(transfer).to_contain_text("15/06/2024")
    expect(transfer).to_contain_text("Từ Chi bộ Văn phòng đến Chi bộ Công ty Điện")
    expect(transfer).to_contain_text("07-QĐ/ĐU")
    expect(page.locator("#member-cell")).to_have_text("Chi bộ Công ty Điện")


def test_pick_organizations_by_typing(secretary, live_server, page, monkeypatch):
    """With many organizations the filters and the transfer form search as one types."""
    from playwright.sync_api import expect

    from dangbo.backoffice import widgets

    monkeypatch.setattr(widgets, "SELECT_LIMIT", 0)
    page.goto(f"{live_server.url}/quan-ly/dang-nhap/")
    page.fill("#id_username", "thuky")
    page.fill("#id_password", "mat-khau-123")
    page.get_by_role("button", name="Đăng nhập").click()

    open_menu(page, "Tổ chức, đảng viên", "Đảng viên")
    links = page.locator("a.member-link")
    expect(links).to_have_count(2)
    page.locator("#id_org_q").press_sequentially("ngan sach", delay=20)
    options = page.locator("[data-org-option]")
    expect(options).to_have_count(1)
    expect(options).to_contain_text("Đảng bộ Sở Tài chính")
    options.click()
    expect(links).to_have_count(0)
    expect(page.locator("#id_org_q")).to_have_value("Chi bộ Ngân sách (K-01-2)")
    page.locator("#id_org_q").fill("")
    page.locator("#id_org_q").press_sequentially("van phong", delay=20)
    page.locator("#id_org_q").press("Enter")
    expect(links).to_have_count(2)

    links.first.click()
    page.get_by_role("button", name="Ghi sự kiện đảng tịch").click()
    page.get_by_role("link", name="Chuyển sinh hoạt trong Đảng bộ").click()
    page.locator("#id_org_q").press_sequentially("cong ty dien", delay=20)
    expect(page.locator("[data-org-option]")).to_have_count(1)
    page.locator("#id_org_q").press("Enter")
    page.fill("#id_date", "15/06/2024")
    page.get_by_role("button", name="Ghi sự kiện").click()
    expect(page.locator("#member-cell")).to_have_text("Chi bộ Công ty Điện")


def test_add_rows_to_the_work_history(secretary, live_server, page):
    from playwright.sync_api import expect

    page.goto(f"{live_server.url}/quan-ly/dang-nhap/")
    page.fill("#id_username", "thuky")
    page.fill("#id_password", "mat-khau-123")
    page.get_by_role("button", name="Đăng nhập").click()
    open_menu(page, "Tổ chức, đảng viên", "Đảng viên")
    page.locator("a.member-link", has_text="Trần Thị Mai").click()

    page.locator("#edit-work").click()
    page.get_by_role("button", name="Thêm dòng").click()
    page.fill("#id_work_history-0-starts_on", "01/09/2002")
    page.fill("#id_work_history-0-position", "Chuyên viên")
    page.fill("#id_work_history-0-unit", "Sở Tài chính")
    page.fill("#id_work_history-1-starts_on", "01/01/2011")
    page.fill("#id_work_history-1-position", "Trưởng phòng")
    page.fill("#id_work_history-1-unit", "Sở Tài chính")
    page.get_by_role("button", name="Lưu").click()

    expect(page.locator("h1")).to_have_text("Trần Thị Mai")
    expect(page.get_by_text("Trưởng phòng")).to_be_visible()
    expect(page.get_by_text("01/09/2002")).to_be_visible()
