"""The organization picker: its scoped search endpoint and the forms that use it."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from dangbo.backoffice import widgets
from dangbo.members.choices import EventKind
from dangbo.orgs.models import Organization, OrgKind
from dangbo.orgs.services import org_create


def pick(client, **params):
    return client.get(reverse("backoffice:org_picker"), params)


def picked(response):
    """(id, label) of each option of a picker answer."""
    assert response.status_code == 200
    html = response.content.decode()
    return re.findall(r'data-value="(\d+)" data-label="([^"]+)"', html)


def labels(response):
    return [label for _, label in picked(response)]


@pytest.fixture
def many_choices(monkeypatch):
    """Make every organization field use the search box, as it does for a province."""
    monkeypatch.setattr(widgets, "SELECT_LIMIT", 0)


# --- the endpoint -----------------------------------------------------------------


def test_search_stays_within_the_scope_of_the_action(client, tree, users):
    client.force_login(users["base_secretary"])  # views and changes the base committee

    seen = labels(pick(client, q="chi bo", action="view"))
    assert "Chi bộ Văn phòng (K-01-1)" in seen and "Chi bộ Ngân sách (K-01-2)" in seen
    assert "Chi bộ Công ty Điện (K-02)" not in seen
    assert labels(pick(client, q="chi bo", action="change")) == labels(
        pick(client, q="chi bo", action="view")
    )
    assert labels(pick(client, q="", action="manage_orgs")) == []
    assert (
        "Không tìm thấy tổ chức phù hợp."
        in pick(client, q="chi bo", action="manage_orgs").content.decode()
    )

    client.force_login(users["org_board"])
    found = labels(pick(client, q="chi bo", action="manage_orgs", kinds="base_cell,sub_cell"))
    assert sorted(found) == [
        "Chi bộ Công ty Điện (K-02)",
        "Chi bộ Ngân sách (K-01-2)",
        "Chi bộ Văn phòng (K-01-1)",
    ]
    assert "Đảng bộ tỉnh (T)" not in labels(pick(client, q="dang bo"))


def test_search_ignores_diacritics_and_case_and_finds_codes(client, tree, users):
    client.force_login(users["org_board"])

    assert labels(pick(client, q="ngan sach")) == ["Chi bộ Ngân sách (K-01-2)"]
    assert labels(pick(client, q="NGÂN SÁCH")) == ["Chi bộ Ngân sách (K-01-2)"]
    assert labels(pick(client, q="dien cong ty")) == ["Chi bộ Công ty Điện (K-02)"]
    # An exact code comes first, before the units whose codes start with it.
    assert labels(pick(client, q="k-01"))[0] == "Đảng bộ Sở Tài chính (K-01)"


def test_results_name_their_ancestors_and_can_leave_a_subtree_out(client, tree, users):
    client.force_login(users["org_board"])

    html = pick(client, q="van phong").content.decode()
    assert "Đảng bộ Khối › Đảng bộ Sở Tài chính" in html
    left_out = labels(pick(client, q="chi bo", exclude=tree["base"].pk))
    assert left_out == ["Chi bộ Công ty Điện (K-02)"]


def test_dissolved_orgs_are_not_offered(client, tree, users):
    from dangbo.orgs.services import org_dissolve

    org_dissolve(org=tree["cell_b"], date=dt.date(2023, 1, 1))
    client.force_login(users["org_board"])

    assert labels(pick(client, q="ngan sach")) == []


def test_at_most_twenty_results(client, tree, users):
    for i in range(25):
        org_create(
            parent=tree["base"], code=f"K-01-T{i:02d}", name=f"Chi bộ Tổ {i:02d}",
            kind=OrgKind.SUB_CELL, founded_on=dt.date(2001, 1, 1),
        )  # fmt: skip
    client.force_login(users["org_board"])

    response = pick(client, q="to")

    assert len(picked(response)) == 20
    assert "Chỉ hiện 20 kết quả đầu" in response.content.decode()


def test_unknown_action_or_kind_is_a_bad_request(client, tree, users):
    client.force_login(users["org_board"])

    assert pick(client, q="chi", action="delete").status_code == 400
    assert pick(client, q="chi", action="view_audit").status_code == 400
    assert pick(client, q="chi", kinds="sub_cell,secret").status_code == 400


def test_anonymous_users_are_sent_to_login(client, tree):
    response = pick(client, q="chi")

    assert response.status_code == 302
    assert reverse("backoffice:login") in response["Location"]


# --- the field and its widget -----------------------------------------------------


def event_url(member, kind):
    return reverse("backoffice:member_event", args=[member.pk, kind])


def test_few_choices_keep_the_select(client, tree, users, make_member):
    member = make_member(tree["cell_a"])
    client.force_login(users["org_board"])

    html = client.get(event_url(member, EventKind.TRANSFERRED)).content.decode()

    assert '<select name="org"' in html
    assert reverse("backoffice:org_picker") not in html


def test_many_choices_give_the_search_box(client, tree, users, make_member, many_choices):
    member = make_member(tree["cell_a"])
    client.force_login(users["org_board"])

    html = client.get(event_url(member, EventKind.TRANSFERRED)).content.decode()

    assert '<select name="org"' not in html
    assert 'hx-trigger="keyup changed delay:250ms"' in html
    box = re.search(r'<input type="text" name="org_q"[^>]*>', html, re.S).group(0)
    url = re.search(r'hx-get="([^"]+)"', box).group(1).replace("&amp;", "&")
    assert url.startswith(reverse("backoffice:org_picker"))
    assert "action=change" in url and "kinds=base_cell%2Csub_cell" in url
    # The search the box makes offers the cells the member may go to, not their own.
    params = dict(p.split("=") for p in url.split("?")[1].split("&"))
    params["kinds"] = params["kinds"].replace("%2C", ",")
    assert f"exclude={tree['cell_a'].pk}" in url
    offered = labels(pick(client, q="chi bo", **params))
    assert "Chi bộ Văn phòng (K-01-1)" not in offered
    assert "Chi bộ Ngân sách (K-01-2)" in offered
    assert '<script src="/static/backoffice/org_picker.js"' in html


@pytest.mark.parametrize("mode", ["select", "picker"])
def test_an_org_outside_scope_is_refused_in_vietnamese(
    client, tree, users, make_member, mode, monkeypatch
):
    if mode == "picker":
        monkeypatch.setattr(widgets, "SELECT_LIMIT", 0)
    member = make_member(tree["cell_a"])
    client.force_login(users["base_secretary"])  # changes the base committee only

    response = client.post(
        event_url(member, EventKind.TRANSFERRED),
        {"org": tree["base_cell"].pk, "date": "15/06/2024"},
    )

    assert response.status_code == 200
    assert "Hãy chọn một tổ chức trong danh sách được phép." in response.content.decode()
    member.refresh_from_db()
    assert member.cell == tree["cell_a"]


def test_typed_text_is_resolved_without_javascript(client, tree, users, make_member, many_choices):
    member = make_member(tree["cell_a"])
    client.force_login(users["org_board"])
    url = event_url(member, EventKind.TRANSFERRED)

    vague = client.post(url, {"org": "", "org_q": "chi bo", "date": "15/06/2024"})
    unknown = client.post(url, {"org": "", "org_q": "chi bo hai duong", "date": "15/06/2024"})
    member.refresh_from_db()
    assert member.cell == tree["cell_a"]
    assert "Có nhiều tổ chức khớp “chi bo”" in vague.content.decode()
    assert "Không tìm thấy tổ chức “chi bo hai duong”" in unknown.content.decode()
    # What was typed stays in the box.
    assert 'value="chi bo hai duong"' in unknown.content.decode()

    done = client.post(url, {"org": "", "org_q": "ngan sach", "date": "15/06/2024"})
    assert done.status_code == 302
    member.refresh_from_db()
    assert member.cell == tree["cell_b"]


def test_an_id_picked_then_text_changed_uses_the_text(client, tree, users, many_choices):
    field = widgets.OrgPickerField()
    field.setup(Organization.objects.order_by("path"), action=widgets.Action.VIEW)
    widget = field.widget
    shown = "Chi bộ Văn phòng (K-01-1)"
    a, b = tree["cell_a"], tree["cell_b"]

    def value(**data):
        return field.clean(widget.value_from_datadict(data, {}, "org"))

    assert value(org=str(a.pk), org_q=shown, org_shown=shown) == a
    assert value(org=str(a.pk), org_q="K-01-2", org_shown=shown) == b
    assert value(org=str(a.pk)) == a
    assert value(org="", org_q="Chi bộ Ngân sách (K-01-2)", org_shown="") == b


def test_move_and_merge_use_the_picker_with_manage_orgs(client, tree, users, many_choices):
    client.force_login(users["org_board"])
    outside = org_create(
        parent=tree["province"], code="X", name="Đảng bộ Khối khác",
        kind=OrgKind.BLOC_COMMITTEE, founded_on=dt.date(2000, 1, 1),
    )  # fmt: skip

    move = client.get(reverse("backoffice:org_move", args=[tree["cell_a"].pk])).content.decode()
    merge = client.get(reverse("backoffice:org_merge", args=[tree["cell_a"].pk])).content.decode()
    assert "action=manage_orgs" in move and "action=manage_orgs" in merge
    refused = client.post(
        reverse("backoffice:org_move", args=[tree["base"].pk]),
        {"new_parent": outside.pk, "date": "01/06/2024"},
    )
    assert "Hãy chọn một tổ chức trong danh sách." in refused.content.decode()
    merged = client.post(
        reverse("backoffice:org_merge", args=[tree["cell_b"].pk]),
        {"target": "", "target_q": "van phong", "date": "01/06/2024"},
    )
    assert merged.status_code == 302
    assert Organization.objects.get(pk=tree["cell_b"].pk).dissolved_on == dt.date(2024, 6, 1)


# --- the member list filter ---------------------------------------------------------


def names_in(response):
    return re.findall(r'class="member-link">([^<]+)<', response.content.decode())


def test_member_list_filter_by_typed_org(client, tree, users, make_member, many_choices):
    make_member(tree["cell_a"], name="An")
    make_member(tree["cell_b"], name="Bình")
    client.force_login(users["org_board"])
    url = reverse("backoffice:member_list")

    response = client.get(url, {"org": "", "org_q": "ngan sach", "org_shown": ""})
    assert names_in(response) == ["Bình"]
    html = response.content.decode()
    assert 'value="Chi bộ Ngân sách (K-01-2)"' in html
    # Pages, sorting and the export carry the resolved id, not the text.
    assert f"org={tree['cell_b'].pk}" in html and "org_q=" not in html

    missing = client.get(url, {"org_q": "hai phong"})
    assert names_in(missing) == []
    assert "Không tìm thấy tổ chức “hai phong”" in missing.content.decode()

    by_id = client.get(url, {"org": tree["cell_a"].pk})
    assert names_in(by_id) == ["An"]
    assert 'value="Chi bộ Văn phòng (K-01-1)"' in by_id.content.decode()


def test_member_list_filter_outside_scope_lists_nobody(
    client, tree, users, make_member, many_choices
):
    make_member(tree["base_cell"], name="Cường")
    client.force_login(users["base_secretary"])
    url = reverse("backoffice:member_list")

    assert names_in(client.get(url, {"org": tree["base_cell"].pk})) == []
    response = client.get(url, {"org_q": "cong ty dien"})
    assert names_in(response) == []
    assert "Chi bộ Công ty Điện" not in response.content.decode()
