"""The cell column of the member list names the organization above the cell."""

import datetime as dt
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dangbo.orgs.models import OrgKind
from dangbo.orgs.services import org_create


def cells_in(response):
    """[(cell, line under it)] of each row of the member list."""
    html = response.content.decode()
    rows = re.findall(r'class="member-link">.*?</tr>', html, re.S)
    out = []
    for row in rows:
        cells = re.findall(r"<td>(.*?)</td>", row, re.S)
        cell = cells[2]
        name = re.sub(r"<[^>]+>", "", cell.split('<div class="small')[0]).strip()
        upper = re.search(r'class="small text-muted cell-upper">([^<]*)<', cell)
        out.append((name, upper.group(1) if upper else ""))
    return out


def test_the_cell_shows_its_base_organization(client, tree, users, make_member):
    other_base = org_create(
        parent=tree["bloc"], code="K-03", name="Đảng bộ Sở Y tế", kind=OrgKind.BASE_COMMITTEE,
        founded_on=dt.date(2000, 1, 1),
    )  # fmt: skip
    namesake = org_create(
        parent=other_base, code="K-03-1", name="Chi bộ Văn phòng", kind=OrgKind.SUB_CELL,
        founded_on=dt.date(2000, 1, 1),
    )  # fmt: skip
    make_member(tree["cell_a"], name="An")
    make_member(namesake, name="Bình")
    make_member(tree["base_cell"], name="Cường")
    client.force_login(users["org_board"])

    rows = cells_in(client.get(reverse("backoffice:member_list")))

    assert rows == [
        ("Chi bộ Văn phòng", "Đảng bộ Sở Tài chính"),
        ("Chi bộ Văn phòng", "Đảng bộ Sở Y tế"),
        # A base cell is read under the committee above it.
        ("Chi bộ Công ty Điện", "Đảng bộ Khối"),
    ]


def test_a_sub_committee_between_is_named_too(client, tree, users, make_member):
    sub = org_create(
        parent=tree["base"], code="K-01-B", name="Đảng bộ bộ phận Thuế",
        kind=OrgKind.SUB_COMMITTEE, founded_on=dt.date(2000, 1, 1),
    )  # fmt: skip
    cell = org_create(
        parent=sub, code="K-01-B-1", name="Chi bộ Thuế 1", kind=OrgKind.SUB_CELL,
        founded_on=dt.date(2000, 1, 1),
    )  # fmt: skip
    make_member(cell, name="An")
    client.force_login(users["org_board"])

    rows = cells_in(client.get(reverse("backoffice:member_list")))

    assert rows == [("Chi bộ Thuế 1", "Đảng bộ Sở Tài chính › Đảng bộ bộ phận Thuế")]


def test_only_names_the_user_may_see(client, tree, users, make_member):
    make_member(tree["cell_a"], name="An")
    client.force_login(users["cell_secretary"])

    rows = cells_in(client.get(reverse("backoffice:member_list")))

    assert rows == [("Chi bộ Văn phòng", "")]


def test_more_cells_do_not_mean_more_queries(client, tree, users, make_member):
    client.force_login(users["org_board"])
    url = reverse("backoffice:member_list")
    make_member(tree["cell_a"], name="An")
    with CaptureQueriesContext(connection) as one_cell:
        client.get(url)
    for i in range(6):
        cell = org_create(
            parent=tree["base"], code=f"K-01-{i + 5}", name=f"Chi bộ {i}",
            kind=OrgKind.SUB_CELL, founded_on=dt.date(2000, 1, 1),
        )  # fmt: skip
        make_member(cell, name=f"Người {i}")
    with CaptureQueriesContext(connection) as seven_cells:
        response = client.get(url)

    assert len(cells_in(response)) == 7
    assert len(seven_cells.captured_queries) == len(one_cell.captured_queries)
