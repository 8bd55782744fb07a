import datetime as dt
import re

import pytest
from django.urls import reverse

from dangbo.orgs.models import CommitteeSeat, Organization, OrgEvent, OrgKind, Position
from dangbo.orgs.services import org_create, org_dissolve, org_rename, seat_create, term_create


def version_of(row):
    """The hidden version field of an edit form of `row` (core.locking)."""
    return {"expected_version": type(row).objects.get(pk=row.pk).version}


def figure(html: str, key: str) -> str:
    match = re.search(rf'data-key="{re.escape(key)}">([^<]*)<', html)
    assert match, f"no figure {key}"
    return match.group(1)


def get(client, name, *args, **params):
    return client.get(reverse(f"backoffice:{name}", args=args), params)


# --- tree and search ----------------------------------------------------------


def test_tree_starts_at_the_users_scope(client, tree, users, make_member):
    make_member(tree["cell_a"])
    make_member(tree["cell_b"])
    client.force_login(users["base_secretary"])

    html = get(client, "org_tree").content.decode()

    assert "Đảng bộ Sở Tài chính" in html
    assert "2 đảng viên" in html
    assert reverse("backoffice:org_children", args=[tree["base"].pk]) in html
    assert "Chi bộ Công ty Điện" not in html
    assert "Đảng bộ Khối" not in html


def test_children_load_with_their_member_counts(client, tree, users, make_member):
    make_member(tree["cell_a"])
    make_member(tree["cell_a"])
    make_member(tree["base_cell"])
    client.force_login(users["org_board"])

    html = get(client, "org_children", tree["base"].pk).content.decode()

    assert re.search(r"Chi bộ Văn phòng</a>.*?2 đảng viên", html, re.S)
    assert re.search(r"Chi bộ Ngân sách</a>.*?0 đảng viên", html, re.S)
    assert "Chi bộ Công ty Điện" not in html


def test_children_of_an_org_outside_scope_are_not_found(client, tree, users):
    client.force_login(users["cell_secretary"])

    assert get(client, "org_children", tree["base"].pk).status_code == 404
    assert get(client, "org_children", tree["base_cell"].pk).status_code == 404


def test_dissolved_orgs_are_hidden_unless_asked_for(client, tree, users):
    org_dissolve(org=tree["cell_b"], date=dt.date(2023, 7, 1))
    client.force_login(users["org_board"])

    hidden = get(client, "org_children", tree["base"].pk).content.decode()
    shown = get(client, "org_children", tree["base"].pk, giai_the="1").content.decode()

    assert "Chi bộ Ngân sách" not in hidden
    assert "Chi bộ Ngân sách" in shown
    assert "đã giải thể ngày 01/07/2023" in shown


def test_search_ignores_diacritics_and_shows_ancestors(client, tree, users):
    client.force_login(users["org_board"])

    html = get(client, "org_tree", q="chi bo van phong").content.decode()

    results = html.split("Kết quả tìm", 1)[1].split('class="tree"', 1)[0]
    assert "Chi bộ Văn phòng" in results
    assert "Đảng bộ Khối › Đảng bộ Sở Tài chính" in results
    assert "Chi bộ Ngân sách" not in results


def test_search_finds_by_code(client, tree, users):
    client.force_login(users["org_board"])

    html = get(client, "org_tree", q="K-02").content.decode()

    assert "Chi bộ Công ty Điện" in html.split("Kết quả tìm", 1)[1]


def test_search_does_not_reach_outside_scope(client, tree, users):
    client.force_login(users["base_secretary"])

    html = get(client, "org_tree", q="cong ty dien").content.decode()

    assert "Không tìm thấy tổ chức nào" in html
    assert "Chi bộ Công ty Điện" not in html


def test_tree_and_children_do_not_query_per_node(
    client, tree, users, make_member, django_assert_max_num_queries
):
    for i in range(30):
        cell = org_create(
            parent=tree["base"], code=f"K-01-X{i}", name=f"Chi bộ phòng {i}",
            kind=OrgKind.SUB_CELL, founded_on=dt.date(2001, 1, 1),
        )  # fmt: skip
        if i % 10 == 0:
            make_member(cell)
    client.force_login(users["org_board"])

    with django_assert_max_num_queries(8):
        response = get(client, "org_children", tree["base"].pk)
    assert response.content.decode().count("data-org=") == 32
    with django_assert_max_num_queries(8):
        get(client, "org_tree")


# --- organization page ---------------------------------------------------------


def test_org_page_shows_the_organization(client, tree, users, make_member):
    make_member(tree["cell_a"])
    make_member(tree["cell_b"], full=False, admitted=dt.date(2025, 1, 10))
    client.force_login(users["org_board"])

    response = get(client, "org_detail", tree["base"].pk)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Đảng bộ Sở Tài chính" in html
    assert "K-01" in html
    assert "Cơ quan nhà nước" in html
    assert "01/01/2000" in html
    assert figure(html, "members.total") == "2"
    assert f"{reverse('backoffice:member_list')}?org={tree['base'].pk}" in html
    assert "Chi bộ Văn phòng" in html
    assert reverse("backoffice:org_rename", args=[tree["base"].pk]) in html


def test_org_page_figures_as_of_a_date(client, tree, users, make_member):
    make_member(tree["cell_a"], admitted=dt.date(2010, 5, 19))
    make_member(tree["cell_a"], admitted=dt.date(2022, 5, 19))
    client.force_login(users["base_secretary"])

    html = get(client, "org_detail", tree["base"].pk, at="31/12/2015").content.decode()

    assert "Số liệu tính đến ngày 31/12/2015" in html
    assert figure(html, "members.total") == "1"


def test_org_page_reports_an_unreadable_date(client, tree, users):
    client.force_login(users["base_secretary"])

    html = get(client, "org_detail", tree["base"].pk, at="31/13/2015").content.decode()

    assert "Ngày không hợp lệ" in html


def test_org_page_of_another_base_org_is_not_found(client, tree, users):
    client.force_login(users["base_secretary"])

    assert get(client, "org_detail", tree["base_cell"].pk).status_code == 404
    assert get(client, "org_detail", tree["bloc"].pk).status_code == 404
    assert get(client, "org_detail", 999999).status_code == 404


def test_org_page_shows_the_committee(client, tree, users, make_member):
    secretary = make_member(tree["cell_a"], name="Hoàng Văn Em")
    term = term_create(org=tree["base"], name="2020–2025", starts_on=dt.date(2020, 8, 1))
    seat_create(
        term=term, member=secretary, position=Position.SECRETARY,
        starts_on=dt.date(2020, 8, 1), is_unit_head=True,
    )  # fmt: skip
    client.force_login(users["base_secretary"])

    html = get(client, "org_detail", tree["base"].pk).content.decode()

    assert "nhiệm kỳ 2020–2025" in html
    assert "Hoàng Văn Em" in html
    assert reverse("backoffice:member_detail", args=[secretary.pk]) in html
    assert "Bí thư đồng thời là thủ trưởng cơ quan, đơn vị" in html
    assert "01/08/2020" in html
    # No MANAGE_ORGS for a base secretary: no change buttons.
    assert reverse("backoffice:org_rename", args=[tree["base"].pk]) not in html


def test_org_page_shows_history_and_former_names(client, tree, users):
    org_rename(
        org=tree["base"], date=dt.date(2021, 3, 1), name="Đảng bộ Sở Tài chính - Kế hoạch",
        code="K-01B", decision_number="12-QĐ/ĐUK",
    )  # fmt: skip
    client.force_login(users["org_board"])

    html = get(client, "org_detail", tree["base"].pk).content.decode()

    assert "Đổi tên" in html
    assert "12-QĐ/ĐUK" in html
    assert "trước đây là “Đảng bộ Sở Tài chính” (mã K-01)" in html
    assert "01/03/2021" in html
    assert "Tên, mã và nơi trực thuộc qua các thời kỳ" in html


def test_org_page_does_not_query_per_unit(
    client, tree, users, make_member, django_assert_max_num_queries
):
    for i in range(30):
        org_create(
            parent=tree["base"], code=f"K-01-Y{i}", name=f"Chi bộ tổ {i}",
            kind=OrgKind.SUB_CELL, founded_on=dt.date(2001, 1, 1),
        )  # fmt: skip
    make_member(tree["cell_a"])
    client.force_login(users["org_board"])

    # About 25 queries are the 10 figures; the rest must not grow with the units.
    with django_assert_max_num_queries(36):
        response = get(client, "org_detail", tree["base"].pk)
    assert response.content.decode().count("Chi bộ tổ") == 30


# --- forms ---------------------------------------------------------------------


def test_rename_with_a_used_code_shows_the_error_and_changes_nothing(client, tree, users):
    client.force_login(users["org_board"])
    events_before = OrgEvent.objects.count()

    response = client.post(
        reverse("backoffice:org_rename", args=[tree["base"].pk]),
        {
            "name": "Tên mới",
            "code": "K-02",
            "date": "01/02/2024",
            "decision_number": "",
            **version_of(tree["base"]),
        },  # fmt: skip
    )

    assert response.status_code == 200
    assert "Mã “K-02” đã được dùng." in response.content.decode()
    base = Organization.objects.get(pk=tree["base"].pk)
    assert (base.name, base.code) == ("Đảng bộ Sở Tài chính", "K-01")
    assert OrgEvent.objects.count() == events_before


def test_rename_form_checks_the_date(client, tree, users):
    client.force_login(users["org_board"])

    response = client.post(
        reverse("backoffice:org_rename", args=[tree["base"].pk]),
        {"name": "Tên mới", "code": "K-01", "date": "32/01/2024", **version_of(tree["base"])},
    )

    assert "Ngày không hợp lệ" in response.content.decode()
    assert Organization.objects.get(pk=tree["base"].pk).name == "Đảng bộ Sở Tài chính"


def test_rename_works(client, tree, users):
    client.force_login(users["org_board"])

    response = client.post(
        reverse("backoffice:org_rename", args=[tree["base"].pk]),
        {
            "name": "Đảng bộ Sở Tài chính mới",
            "code": "K-01",
            "date": "01/02/2024",
            **version_of(tree["base"]),
        },  # fmt: skip
    )

    assert response.status_code == 302
    assert Organization.objects.get(pk=tree["base"].pk).name == "Đảng bộ Sở Tài chính mới"


@pytest.mark.parametrize("role", ["base_secretary", "cell_secretary", "bloc_office"])
def test_forms_are_forbidden_without_manage_orgs(client, tree, users, role):
    client.force_login(users[role])
    url = reverse("backoffice:org_rename", args=[tree["cell_a"].pk])

    assert client.get(url).status_code == 403
    response = client.post(url, {"name": "X", "code": "K-01-1", "date": "01/02/2024"})
    assert response.status_code == 403
    assert Organization.objects.get(pk=tree["cell_a"].pk).name == "Chi bộ Văn phòng"


def test_forms_outside_scope_are_not_found(client, tree, users):
    client.force_login(users["org_board"])

    url = reverse("backoffice:org_rename", args=[tree["province"].pk])
    assert client.post(url, {"name": "X", "code": "T", "date": "01/02/2024"}).status_code == 404


def test_move_keeps_the_figures_of_earlier_dates(client, tree, users, make_member):
    make_member(tree["cell_a"])
    make_member(tree["cell_a"])
    make_member(tree["cell_b"])
    other = org_create(
        parent=tree["bloc"], code="K-03", name="Đảng bộ Sở Xây dựng",
        kind=OrgKind.BASE_COMMITTEE, founded_on=dt.date(2005, 1, 1),
    )  # fmt: skip
    client.force_login(users["org_board"])

    form_html = get(client, "org_move", tree["cell_a"].pk).content.decode()
    assert "Đảng bộ Sở Xây dựng" in form_html
    response = client.post(
        reverse("backoffice:org_move", args=[tree["cell_a"].pk]),
        {
            "new_parent": other.pk,
            "date": "01/06/2024",
            "decision_number": "30-QĐ/ĐUK",
            **version_of(tree["cell_a"]),
        },  # fmt: skip
    )

    assert response.status_code == 302
    before = get(client, "org_detail", tree["base"].pk, at="31/12/2023").content.decode()
    after = get(client, "org_detail", tree["base"].pk).content.decode()
    moved_to = get(client, "org_detail", other.pk).content.decode()
    assert figure(before, "members.total") == "3"
    assert figure(after, "members.total") == "1"
    assert figure(moved_to, "members.total") == "2"
    assert "30-QĐ/ĐUK" in moved_to


def test_move_offers_only_orgs_in_the_managers_scope(client, tree, users):
    outside = org_create(
        parent=tree["province"], code="X", name="Đảng bộ Khối khác",
        kind=OrgKind.BLOC_COMMITTEE, founded_on=dt.date(2000, 1, 1),
    )  # fmt: skip
    client.force_login(users["org_board"])

    response = client.post(
        reverse("backoffice:org_move", args=[tree["base"].pk]),
        {"new_parent": outside.pk, "date": "01/06/2024", **version_of(tree["base"])},
    )

    assert "Hãy chọn một tổ chức trong danh sách." in response.content.decode()
    assert Organization.objects.get(pk=tree["base"].pk).path.startswith(tree["bloc"].path)


def test_create_child(client, tree, users):
    client.force_login(users["org_board"])

    response = client.post(
        reverse("backoffice:org_create_child", args=[tree["base"].pk]),
        {
            "name": "Chi bộ Thanh tra", "code": "K-01-3", "kind": OrgKind.SUB_CELL,
            "founded_on": "15/03/2024", "decision_number": "5-QĐ/ĐU",
        },
    )  # fmt: skip

    created = Organization.objects.get(code="K-01-3")
    assert response["Location"] == reverse("backoffice:org_detail", args=[created.pk])
    assert created.path.startswith(tree["base"].path)
    assert created.founded_on == dt.date(2024, 3, 15)


def test_dissolve_refused_while_members_remain(client, tree, users, make_member):
    make_member(tree["cell_b"])
    client.force_login(users["org_board"])

    response = client.post(
        reverse("backoffice:org_dissolve", args=[tree["cell_b"].pk]),
        {"date": "01/06/2024", **version_of(tree["cell_b"])},
    )

    assert "Tổ chức còn đảng viên sinh hoạt" in response.content.decode()
    assert Organization.objects.get(pk=tree["cell_b"].pk).dissolved_on is None


def test_merge_moves_members_and_dissolves_the_source(client, tree, users, make_member):
    make_member(tree["cell_b"])
    client.force_login(users["org_board"])

    response = client.post(
        reverse("backoffice:org_merge", args=[tree["cell_b"].pk]),
        {"target": tree["cell_a"].pk, "date": "01/06/2024"},
    )

    assert response["Location"] == reverse("backoffice:org_detail", args=[tree["cell_a"].pk])
    assert Organization.objects.get(pk=tree["cell_b"].pk).dissolved_on == dt.date(2024, 6, 1)
    html = get(client, "org_detail", tree["cell_a"].pk).content.decode()
    assert figure(html, "members.total") == "1"


def test_term_and_seat_forms(client, tree, users, make_member):
    member = make_member(tree["cell_a"], name="Vũ Thị Giang")
    client.force_login(users["org_board"])

    client.post(
        reverse("backoffice:term_create", args=[tree["base"].pk]),
        {"name": "2025–2030", "starts_on": "01/07/2025"},
    )
    term = tree["base"].terms.get()
    bad = client.post(
        reverse("backoffice:seat_create", args=[term.pk]),
        {"member": member.pk, "position": Position.MEMBER, "starts_on": "01/07/2025",
         "is_unit_head": "on"},
    )  # fmt: skip
    assert "Chỉ Bí thư mới ghi" in bad.content.decode()
    client.post(
        reverse("backoffice:seat_create", args=[term.pk]),
        {"member": member.pk, "position": Position.SECRETARY, "starts_on": "01/07/2025"},
    )
    seat = CommitteeSeat.objects.get()
    client.post(
        reverse("backoffice:seat_end", args=[seat.pk]),
        {"ends_on": "01/01/2026", **version_of(seat)},
    )

    seat.refresh_from_db()
    assert (seat.term, seat.member, seat.ends_on) == (term, member, dt.date(2026, 1, 1))


def test_seat_form_offers_only_members_of_the_org(client, tree, users, make_member):
    outsider = make_member(tree["base_cell"], name="Đỗ Văn Hải")
    term = term_create(org=tree["base"], name="2025–2030", starts_on=dt.date(2025, 7, 1))
    client.force_login(users["org_board"])

    response = client.post(
        reverse("backoffice:seat_create", args=[term.pk]),
        {"member": outsider.pk, "position": Position.MEMBER, "starts_on": "01/07/2025"},
    )

    assert "Hãy chọn một đảng viên trong danh sách." in response.content.decode()
    assert not CommitteeSeat.objects.exists()
