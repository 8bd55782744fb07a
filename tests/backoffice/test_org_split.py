"""Splitting an organization (chia tách) from its page."""

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from dangbo.accounts.models import Role, RoleAssignment
from dangbo.indicators.registry import Context, compute
from dangbo.members.models import Member
from dangbo.orgs.models import Organization, OrgEvent, OrgEventKind, OrgKind
from dangbo.orgs.services import org_create

SPLIT_DAY = dt.date(2024, 7, 1)


@pytest.fixture
def cell_c(tree):
    return org_create(
        parent=tree["base"], code="K-01-3", name="Chi bộ Thanh tra", kind=OrgKind.SUB_CELL,
        founded_on=dt.date(2000, 1, 1),
    )  # fmt: skip


def split_url(org):
    return reverse("backoffice:org_split", args=[org.pk])


def split_data(tree, cell_c, **changes):
    data = {
        "date": "01/07/2024",
        "decision_number": "12-QĐ/ĐUK",
        "name_1": "Đảng bộ Sở Tài chính (Kho bạc)",
        "code_1": "K-01A",
        "kind_1": OrgKind.BASE_COMMITTEE,
        "name_2": "Đảng bộ Sở Tài chính (Ngân sách)",
        "code_2": "K-01B",
        "kind_2": OrgKind.BASE_COMMITTEE,
        "name_3": "",
        "code_3": "",
        "kind_3": OrgKind.BASE_COMMITTEE,
        f"unit_{tree['cell_a'].pk}": "1",
        f"unit_{tree['cell_b'].pk}": "2",
        f"unit_{cell_c.pk}": "2",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def total(org, at):
    return compute("members.total", Context(scope=org, at=at)).value


def test_split_moves_the_cells_and_their_members_and_dissolves_the_original(
    client, tree, users, make_member, cell_c
):
    for cell in (tree["cell_a"], tree["cell_a"], tree["cell_b"], cell_c):
        make_member(cell)
    before = total(tree["base"], SPLIT_DAY - dt.timedelta(days=1))
    client.force_login(users["org_board"])

    response = client.post(split_url(tree["base"]), split_data(tree, cell_c))

    assert response.status_code == 302
    assert response["Location"] == reverse("backoffice:org_detail", args=[tree["bloc"].pk])
    first = Organization.objects.get(code="K-01A")
    second = Organization.objects.get(code="K-01B")
    for new in (first, second):
        assert Organization.objects.get_parent(new) == tree["bloc"]
        assert (new.kind, new.founded_on) == (OrgKind.BASE_COMMITTEE, SPLIT_DAY)
    cells = {c.pk: c for c in Organization.objects.filter(kind=OrgKind.SUB_CELL)}
    assert Organization.objects.get_parent(cells[tree["cell_a"].pk]) == first
    assert Organization.objects.get_parent(cells[tree["cell_b"].pk]) == second
    assert Organization.objects.get_parent(cells[cell_c.pk]) == second
    assert Organization.objects.get(pk=tree["base"].pk).dissolved_on == SPLIT_DAY
    # Members follow their cells; the counts add up across the split.
    assert Member.objects.filter(org_path__startswith=first.path).count() == 2
    assert (total(first, SPLIT_DAY), total(second, SPLIT_DAY)) == (2, 2)
    assert total(first, SPLIT_DAY) + total(second, SPLIT_DAY) == before == 4
    assert total(tree["base"], SPLIT_DAY - dt.timedelta(days=1)) == 4
    event = OrgEvent.objects.get(org=tree["base"], kind=OrgEventKind.SPLIT)
    assert set(event.related.all()) == {first, second}
    assert event.decision_number == "12-QĐ/ĐUK"
    history = client.get(reverse("backoffice:org_detail", args=[tree["base"].pk])).content
    assert "thành Đảng bộ Sở Tài chính (Kho bạc), Đảng bộ Sở Tài chính (Ngân sách)" in (
        history.decode()
    )


def test_a_used_code_is_refused_and_nothing_is_created(client, tree, users, make_member, cell_c):
    make_member(tree["cell_b"])
    orgs_before = Organization.objects.count()
    client.force_login(users["org_board"])

    response = client.post(split_url(tree["base"]), split_data(tree, cell_c, code_2="K-02"))

    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'id="id_code_2".*?Mã “K-02” đã được dùng', html, re.S)
    assert Organization.objects.count() == orgs_before
    assert not Organization.objects.filter(code="K-01A").exists()
    assert Organization.objects.get(pk=tree["base"].pk).dissolved_on is None
    assert Organization.objects.get(pk=tree["cell_b"].pk).path.startswith(tree["base"].path)
    assert not OrgEvent.objects.filter(kind=OrgEventKind.SPLIT).exists()


def test_every_unit_must_be_assigned_to_a_new_org(client, tree, users, cell_c):
    client.force_login(users["org_board"])

    missing = client.post(
        split_url(tree["base"]), split_data(tree, cell_c, **{f"unit_{cell_c.pk}": None})
    )
    unused = client.post(
        split_url(tree["base"]),
        split_data(tree, cell_c, **{f"unit_{tree['cell_a'].pk}": "2"}),
    )
    third = client.post(
        split_url(tree["base"]), split_data(tree, cell_c, **{f"unit_{cell_c.pk}": "3"})
    )

    assert "Chọn tổ chức mới nhận đơn vị này." in missing.content.decode()
    assert "Chưa giao đơn vị trực thuộc nào cho tổ chức này." in unused.content.decode()
    assert "Chưa nhập tổ chức mới thứ ba." in third.content.decode()
    assert not Organization.objects.filter(code__in=["K-01A", "K-01B"]).exists()


def test_split_into_three(client, tree, users, cell_c):
    client.force_login(users["org_board"])
    data = split_data(
        tree, cell_c, name_3="Đảng bộ Thanh tra tỉnh", code_3="K-01C",
        **{f"unit_{cell_c.pk}": "3"},
    )  # fmt: skip

    assert client.post(split_url(tree["base"]), data).status_code == 302

    third = Organization.objects.get(code="K-01C")
    assert Organization.objects.get_children(third).get().pk == cell_c.pk


def test_duplicate_codes_in_the_form(client, tree, users, cell_c):
    client.force_login(users["org_board"])

    response = client.post(split_url(tree["base"]), split_data(tree, cell_c, code_2="K-01A"))

    assert "Trùng mã với tổ chức mới thứ nhất." in response.content.decode()
    assert not Organization.objects.filter(code="K-01A").exists()


def test_the_org_page_links_to_split_for_managers_of_the_parent(client, tree, users):
    detail = reverse("backoffice:org_detail", args=[tree["base"].pk])
    client.force_login(users["org_board"])
    assert split_url(tree["base"]) in client.get(detail).content.decode()
    # A cell is not split here.
    cell_page = reverse("backoffice:org_detail", args=[tree["cell_a"].pk])
    assert split_url(tree["cell_a"]) not in client.get(cell_page).content.decode()
    client.force_login(users["base_secretary"])
    assert split_url(tree["base"]) not in client.get(detail).content.decode()


def test_split_takes_managing_the_parent(client, tree, users, cell_c):
    board_of_base = get_user_model().objects.create_user(username="ban_to_chuc_co_so")
    RoleAssignment.objects.create(
        user=board_of_base, role=Role.ORG_BOARD, organization=tree["base"]
    )
    for user, status in (
        (board_of_base, 403),
        (users["base_secretary"], 403),
        (users["cell_secretary"], 404),
    ):
        client.force_login(user)
        assert client.get(split_url(tree["base"])).status_code == status
        response = client.post(split_url(tree["base"]), split_data(tree, cell_c))
        assert response.status_code == status
    assert not Organization.objects.filter(code="K-01A").exists()


def test_a_cell_cannot_be_split(client, tree, users):
    client.force_login(users["org_board"])

    response = client.get(split_url(tree["cell_a"]))

    assert "Chi bộ không chia tách được" in response.content.decode()


def test_forms_of_a_dissolved_org_explain_why_they_are_closed(client, tree, users):
    from dangbo.orgs.services import org_dissolve

    org_dissolve(org=tree["cell_b"], date=dt.date(2023, 1, 1))
    client.force_login(users["org_board"])
    url = reverse("backoffice:org_rename", args=[tree["cell_b"].pk])

    shown = client.get(url)
    posted = client.post(url, {"name": "Chi bộ mới", "code": "K-01-9", "date": "01/02/2024"})

    assert "Tổ chức đã giải thể; không thể thay đổi." in shown.content.decode()
    assert posted.status_code == 200
    assert Organization.objects.get(pk=tree["cell_b"].pk).code == "K-01-2"
