"""A cell secretary records a regular cell meeting with its attendance grid, in Chromium."""

import datetime as dt

import pytest
from browser_fixtures import BROWSER_MARKS
from django.contrib.auth import get_user_model
from menu_nav import open_menu

from dangbo.accounts.models import Role, RoleAssignment

pytestmark = BROWSER_MARKS

MEMBERS = ("Trần Văn Bình", "Lê Thị Hoa", "Phạm Minh Tuấn")


@pytest.fixture
def cell_secretary(transactional_db, tree, make_member):
    for name in MEMBERS:
        make_member(tree["cell_a"], name=name)  # admitted in 2010
    user = get_user_model().objects.create_user(username="bithu", password="mat-khau-123")
    RoleAssignment.objects.create(user=user, role=Role.CELL_SECRETARY, organization=tree["cell_a"])
    return user


def _meeting_day() -> dt.date:
    """The 15th of last month: not in the future, and its month is over, so the missed
    meetings grid counts it."""
    from dangbo.backoffice.views.orgs_common import today

    last_month = today().replace(day=1) - dt.timedelta(days=1)
    return last_month.replace(day=15)


def test_record_a_regular_meeting_with_one_absentee(cell_secretary, tree, live_server, page):
    from playwright.sync_api import expect

    from dangbo.backoffice.views.orgs_common import today

    day = _meeting_day()
    page.goto(f"{live_server.url}/quan-ly/dang-nhap/")
    page.fill("#id_username", "bithu")
    page.fill("#id_password", "mat-khau-123")
    page.get_by_role("button", name="Đăng nhập").click()
    open_menu(page, "Sinh hoạt", "Sinh hoạt đảng")
    expect(page.locator("h1")).to_have_text("Sinh hoạt đảng, cam kết")
    page.get_by_role("link", name="Ghi cuộc sinh hoạt").click()
    page.locator("#orgs").get_by_role("link", name="Chi bộ Văn phòng").click()
    expect(page.locator("h1")).to_have_text("Ghi cuộc sinh hoạt")
    grid = page.locator("#attendance-grid tbody tr")
    expect(grid).to_have_count(3)

    page.select_option("#id_kind", label="Sinh hoạt chi bộ thường kỳ")
    page.select_option("#id_status", label="Đã họp")
    page.fill("#id_held_on", f"{day:%d/%m/%Y}")
    page.fill("#id_starts_at", "14:00")
    page.fill("#id_duration_minutes", "120")
    page.fill("#id_place", "Phòng họp tầng 2")
    page.fill("#id_agenda", "Đánh giá công tác tháng; phương hướng tháng tới.")
    page.fill("#id_resolution", "Chi bộ thống nhất phương hướng tháng tới.")
    page.select_option("#id_chaired_by", label="Trần Văn Bình")
    page.select_option("#id_minutes_by", label="Phạm Minh Tuấn")
    absentee = grid.filter(has_text="Lê Thị Hoa")
    absentee.locator("select").select_option(label="Vắng có lý do")
    absentee.locator('input[name$="-reason"]').fill("Đi công tác")
    page.get_by_role("button", name="Lưu").click()

    expect(page.locator("h1")).to_have_text("BIÊN BẢN SINH HOẠT CHI BỘ THƯỜNG KỲ")
    expect(page.locator("#present-count")).to_have_text("2/3 đảng viên")
    expect(page.locator("#absentees")).to_have_text("Lê Thị Hoa: vắng có lý do (Đi công tác)")
    expect(page.locator("#chair")).to_have_text("Trần Văn Bình")
    expect(page.locator("#minutes")).to_contain_text(f"ngày {day:%d/%m/%Y}")

    # The missed meetings grid of that year shows the cell as having met that month.
    open_menu(page, "Sinh hoạt", "Sinh hoạt đảng")
    page.get_by_role("link", name="Bỏ sinh hoạt").click()
    if day.year != today().year:  # in January, last month is in last year
        page.fill("#id_year", str(day.year))
        page.get_by_role("button", name="Lọc").click()
    expect(page.locator("h1")).to_contain_text(f"Chi bộ bỏ sinh hoạt năm {day.year}")
    row = page.locator(f'#missed-grid tr[data-cell="{tree["cell_a"].pk}"]')
    expect(row.locator("td").first).to_have_text("Chi bộ Văn phòng")
    month_cell = row.locator("td").nth(day.month)  # the first cell is the name
    expect(month_cell).to_have_attribute("title", "Đã sinh hoạt")
    expect(month_cell).to_have_text("✓")
    expect(page.locator("#missed-months")).not_to_contain_text(
        f"Chi bộ Văn phòng: tháng {day.month}/{day.year}"
    )
