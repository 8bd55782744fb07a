import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction, AuditEntry


def figure(html: str, key: str) -> str:
    match = re.search(rf'data-key="{re.escape(key)}">([^<]*)<', html)
    assert match, f"no figure {key}"
    return match.group(1)


def records(client, key, org, **params):
    url = reverse("backoffice:indicator_records", args=[key])
    return client.get(url, {"org": org.pk, **params})


# --- indicators ----------------------------------------------------------------


def test_indicator_page_defaults_to_the_users_first_root(client, tree, users, make_member):
    make_member(tree["cell_a"], birth_date=dt.date(1995, 6, 1), admitted=dt.date(2018, 1, 5))
    make_member(tree["cell_b"], birth_date=dt.date(1960, 6, 1))
    client.force_login(users["base_secretary"])

    html = client.get(reverse("backoffice:indicator_list")).content.decode()

    assert "Đảng bộ Sở Tài chính, tính đến ngày" in html
    assert figure(html, "members.total") == "2"
    # Breakdowns are small tables; age bands also a chart fed by json_script.
    assert 'data-key="members.by_gender"' in html
    assert '<canvas data-chart="chart-members-by_age_band"' in html
    assert 'id="chart-members-by_age_band" type="application/json"' in html
    assert "backoffice/charts.js" in html


def test_indicator_page_for_a_chosen_org_and_date(client, tree, users, make_member):
    make_member(tree["base_cell"], admitted=dt.date(2010, 1, 5))
    make_member(tree["base_cell"], admitted=dt.date(2019, 1, 5))
    client.force_login(users["org_board"])

    html = client.get(
        reverse("backoffice:indicator_list"), {"org": tree["base_cell"].pk, "at": "31/12/2015"}
    ).content.decode()

    assert "Chi bộ Công ty Điện, tính đến ngày 31/12/2015" in html
    assert figure(html, "members.total") == "1"
    link = reverse("backoffice:indicator_records", args=["members.total"])
    assert f"{link}?org={tree['base_cell'].pk}&amp;at=31%2F12%2F2015" in html


def test_indicator_page_of_an_org_outside_scope_is_not_found(client, tree, users):
    client.force_login(users["base_secretary"])

    response = client.get(reverse("backoffice:indicator_list"), {"org": tree["base_cell"].pk})

    assert response.status_code == 404


def test_records_list_the_members_behind_a_figure(client, tree, users, make_member):
    ann = make_member(tree["cell_a"], name="Nguyễn Thị Ánh", birth_date=dt.date(1990, 2, 3))
    make_member(tree["base_cell"], name="Lê Văn Bảo")
    client.force_login(users["base_secretary"])

    response = records(client, "members.total", tree["base"])

    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="h4">Tổng số đảng viên</h1>' in html
    assert "Nguyễn Thị Ánh" in html
    assert reverse("backoffice:member_detail", args=[ann.pk]) in html
    assert "03/02/1990" in html
    assert "Lê Văn Bảo" not in html
    assert AuditEntry.objects.filter(
        user=users["base_secretary"], action=AuditAction.VIEW, object_type="member_list"
    ).exists()


def test_records_are_filtered_through_scope(client, tree, users, make_member):
    me = make_member(tree["cell_a"], name="Phạm Văn Tôi")
    make_member(tree["cell_a"], name="Trịnh Thị Khác")
    me.person.user = users["member"]
    me.person.save()
    client.force_login(users["member"])

    html = records(client, "members.total", tree["cell_a"]).content.decode()

    # The figure is the cell's, the names only those the member may see.
    assert figure(html, "members.total") == "2"
    assert "Phạm Văn Tôi" in html
    assert "Trịnh Thị Khác" not in html


def test_records_of_orgs_link_to_their_pages(client, tree, users):
    client.force_login(users["org_board"])

    html = records(client, "orgs.base", tree["bloc"]).content.decode()

    assert reverse("backoffice:org_detail", args=[tree["base"].pk]) in html
    assert reverse("backoffice:org_detail", args=[tree["base_cell"].pk]) in html
    assert "Chi bộ Văn phòng" not in html


def test_records_are_paged(client, tree, users, make_member):
    for i in range(55):
        make_member(tree["cell_b"], name=f"Đảng viên {i:02d}")
    client.force_login(users["base_secretary"])

    first = records(client, "members.total", tree["base"]).content.decode()
    second = records(client, "members.total", tree["base"], page=2).content.decode()

    assert "Trang 1/2" in first
    assert "Đảng viên 49" in first and "Đảng viên 50" not in first
    assert "Đảng viên 54" in second
    assert "55 bản ghi" in first


def test_records_of_an_unknown_indicator_or_foreign_org_are_not_found(client, tree, users):
    client.force_login(users["base_secretary"])

    assert records(client, "no.such", tree["base"]).status_code == 404
    assert records(client, "members.total", tree["base_cell"]).status_code == 404


# --- audit log -----------------------------------------------------------------


def test_audit_log_is_forbidden_to_a_cell_secretary(client, tree, users):
    client.force_login(users["cell_secretary"])

    assert client.get(reverse("backoffice:audit_log")).status_code == 403


def test_audit_log_lists_and_filters_entries(client, tree, users):
    audit_log(user=users["cell_secretary"], action=AuditAction.EXPORT, object_type="member_list",
              description="Xuất danh sách Chi bộ Văn phòng")  # fmt: skip
    audit_log(user=users["org_board"], action=AuditAction.VIEW, object_type="member",
              description="Xem hồ sơ đảng viên A")  # fmt: skip
    client.force_login(users["admin"])
    url = reverse("backoffice:audit_log")

    everything = client.get(url).content.decode()
    exports = client.get(url, {"action": "export"}).content.decode()
    by_user = client.get(url, {"user": "org_board"}).content.decode()
    today = timezone.localdate()
    other_day = client.get(url, {"day": "01/01/2001"}).content.decode()
    same_day = client.get(url, {"day": today.strftime("%d/%m/%Y")}).content.decode()

    assert "Xuất danh sách Chi bộ Văn phòng" in everything
    assert "Xem hồ sơ đảng viên A" in everything
    assert "Xem hồ sơ đảng viên A" not in exports
    assert "Xuất danh sách Chi bộ Văn phòng" not in by_user
    assert "Không có dòng nào." in other_day
    assert "Xem hồ sơ đảng viên A" in same_day
    assert today.strftime("%d/%m/%Y") in everything


def test_audit_log_appears_in_the_menu_only_for_auditors(client, tree, users):
    url = reverse("backoffice:audit_log")
    client.force_login(users["admin"])
    assert url in client.get(reverse("backoffice:home")).content.decode()
    client.force_login(users["base_secretary"])
    assert url not in client.get(reverse("backoffice:home")).content.decode()
