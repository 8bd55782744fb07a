"""The Content-Security-Policy breaks nothing: key pages in headless Chromium record no
violation (a blocked inline script or style fails silently, so this is where it shows)."""

import pytest
from browser_fixtures import BROWSER_MARKS
from django.contrib.auth import get_user_model

from dangbo.accounts.models import Role, RoleAssignment

pytestmark = [
    *BROWSER_MARKS,
    pytest.mark.django_db(transaction=True, databases=["default", "portal"]),
]

RECORD = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile);
});
"""


@pytest.fixture
def board(transactional_db, tree, make_member):
    member = make_member(tree["cell_a"], name="Nguyễn Văn Đức")
    user = get_user_model().objects.create_user(username="thuky", password="mat-khau-123")
    RoleAssignment.objects.create(user=user, role=Role.ORG_BOARD, organization=tree["bloc"])
    return {"member": member, "bloc": tree["bloc"]}


def test_key_pages_record_no_csp_violation(board, live_server, page):
    from playwright.sync_api import expect

    console = []
    page.on("console", lambda m: console.append(m.text) if "Content Security" in m.text else None)
    page.add_init_script(RECORD)
    page.goto(f"{live_server.url}/quan-ly/dang-nhap/")
    page.fill("#id_username", "thuky")
    page.fill("#id_password", "mat-khau-123")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.locator("#topnav")).to_be_visible()
    member = board["member"]
    pages = {
        "/quan-ly/": "canvas",  # the membership chart
        "/quan-ly/dang-vien/": "a.member-link",
        f"/quan-ly/dang-vien/{member.pk}/": ".timeline",  # a nonced <style>
        "/quan-ly/to-chuc/": "#org-dissolved",
        "/quan-ly/dieu-hanh/": "canvas",
        "/": "#counter",
        "/api/docs": ".swagger-ui .info",
    }
    seen = {}
    for path, selector in pages.items():
        page.goto(f"{live_server.url}{path}")
        expect(page.locator(selector).first).to_be_attached()
        page.wait_for_load_state("networkidle")
        seen[path] = page.evaluate("window.__csp")
    assert all(not v for v in seen.values()), seen
    assert console == [], console
    # the charts drew (Chart.js ran from its static file under the policy)
    page.goto(f"{live_server.url}/quan-ly/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("!!(window.Chart && Chart.getChart(document.querySelector('canvas')))")
    # an inline handler replaced by data-autosubmit still submits its form
    page.goto(f"{live_server.url}/quan-ly/to-chuc/")
    page.locator("#org-dissolved").check()
    page.wait_for_url("**giai_the=1**")
