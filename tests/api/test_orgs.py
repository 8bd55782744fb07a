from __future__ import annotations

import datetime as dt

from dangbo.accounts.models import Role
from dangbo.orgs.services import org_rename


def _codes(response):
    assert response.status_code == 200, response.content
    return [o["code"] for o in response.json()["items"]]


def test_org_list_is_cut_to_the_scope(as_user):
    client = as_user(Role.BASE_SECRETARY, "base")
    assert _codes(client.get("/api/orgs")) == ["K-01", "K-01-1", "K-01-2"]
    everyone = as_user(Role.ORG_BOARD, "bloc")
    assert _codes(everyone.get("/api/orgs")) == ["K", "K-01", "K-01-1", "K-01-2", "K-02"]


def test_org_list_filters_and_pages(as_user):
    client = as_user(Role.ORG_BOARD, "bloc")
    assert _codes(client.get("/api/orgs", {"parent": "K-01"})) == ["K-01-1", "K-01-2"]
    assert _codes(client.get("/api/orgs", {"kind": "base_cell"})) == ["K-02"]
    assert _codes(client.get("/api/orgs", {"q": "ngan sach"})) == ["K-01-2"]
    page = client.get("/api/orgs", {"page": 2, "page_size": 2}).json()
    assert page["count"] == 5
    assert [o["code"] for o in page["items"]] == ["K-01-1", "K-01-2"]
    assert page["items"][0]["parent_code"] == "K-01"
    assert page["items"][0]["kind_label"] == "Chi bộ trực thuộc"
    bad = client.get("/api/orgs", {"kind": "club"})
    assert bad.status_code == 422 and "không hợp lệ" in bad.json()["detail"]


def test_org_list_parent_outside_scope_lists_nothing_outside(as_user):
    client = as_user(Role.CELL_SECRETARY, "cell_a")
    assert _codes(client.get("/api/orgs", {"parent": "K-01"})) == ["K-01-1"]
    assert _codes(client.get("/api/orgs", {"parent": "K"})) == []


def test_org_detail_by_old_code_and_as_of_a_date(tree, as_user):
    org_rename(
        org=tree["cell_a"], date=dt.date(2020, 6, 1), name="Chi bộ Hành chính", code="K-01-9"
    )
    client = as_user(Role.BASE_SECRETARY, "base")

    now = client.get("/api/orgs/K-01-1").json()
    assert (now["code"], now["name"], now["former_codes"]) == (
        "K-01-9",
        "Chi bộ Hành chính",
        ["K-01-1"],
    )
    assert now["parent_code"] == "K-01"

    then = client.get("/api/orgs/K-01-9", {"at": "2019-12-31"}).json()
    assert (then["code"], then["name"], then["at"]) == ("K-01-1", "Chi bộ Văn phòng", "2019-12-31")
    assert then["parent_code"] == "K-01" and then["depth"] == 4

    before = client.get("/api/orgs/K-01-9", {"at": "1999-01-01"})
    assert before.status_code == 404
    bad = client.get("/api/orgs/K-01-9", {"at": "31/02/2020"})
    assert bad.status_code == 422 and "Ngày không hợp lệ" in bad.json()["detail"]


def test_org_outside_scope_is_404_like_a_missing_one(as_user):
    client = as_user(Role.BASE_SECRETARY, "base")
    outside = client.get("/api/orgs/K-02")
    missing = client.get("/api/orgs/KHONG-CO")
    assert outside.status_code == missing.status_code == 404
    assert "K-02" in outside.json()["detail"] and "Điện" not in outside.content.decode()
    assert client.get("/api/orgs/K-02/children").status_code == 404


def test_org_children_current_and_as_of_a_date(tree, as_user):
    client = as_user(Role.ORG_BOARD, "bloc")
    assert _codes(client.get("/api/orgs/K/children")) == ["K-01", "K-02"]
    org_rename(org=tree["cell_b"], date=dt.date(2020, 6, 1), name="Chi bộ Kho bạc")
    then = client.get("/api/orgs/K-01/children", {"at": "2019-01-01"}).json()["items"]
    assert [o["name"] for o in then] == ["Chi bộ Văn phòng", "Chi bộ Ngân sách"]
    assert then[0]["id"] == tree["cell_a"].pk
    cell_only = as_user(Role.CELL_SECRETARY, "cell_a")
    assert cell_only.get("/api/orgs/K-01/children").status_code == 404
