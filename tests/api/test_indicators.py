from __future__ import annotations

import datetime as dt
import json

import pytest

from dangbo.accounts.models import Role
from dangbo.indicators.registry import Context, all_indicators, compute, compute_all


@pytest.fixture
def members(tree, make_member):
    return [
        make_member(tree["cell_a"], name="Nguyễn Văn An"),
        make_member(tree["cell_b"], name="Trần Thị Bình", gender="female"),
        make_member(
            tree["base_cell"], name="Lê Văn Cường", admitted=dt.date(2021, 3, 2), full=False
        ),
    ]


def test_indicator_catalogue(as_user):
    body = as_user(Role.BASE_SECRETARY, "base").get("/api/indicators").json()
    assert [i["key"] for i in body] == [i.key for i in all_indicators()]
    total = next(i for i in body if i["key"] == "members.total")
    assert (total["label"], total["unit"]) == ("Tổng số đảng viên", "đảng viên")


@pytest.mark.parametrize(
    "key", ["members.total", "members.by_gender", "orgs.base", "members.admitted"]
)
def test_one_indicator_equals_the_registry(tree, members, as_user, key):
    client = as_user(Role.ORG_BOARD, "bloc")
    response = client.get(f"/api/indicators/{key}", {"scope": "K", "at": "2021-12-31"})
    assert response.status_code == 200, response.content
    body = response.json()
    expected = compute(key, Context(scope=tree["bloc"], at=dt.date(2021, 12, 31)))
    assert body["value"] == json.loads(json.dumps(expected.value))
    assert (body["key"], body["scope"], body["at"]) == (key, "K", "2021-12-31")


def test_period_is_passed_on(tree, members, as_user):
    client = as_user(Role.ORG_BOARD, "bloc")
    params = {"scope": "K", "at": "2021-12-31", "period": "2021-01-01..2021-02-28"}
    assert client.get("/api/indicators/members.admitted", params).json()["value"] == 0
    params["period"] = "2021-01-01..2021-06-30"
    body = client.get("/api/indicators/members.admitted", params).json()
    assert body["value"] == 1 and body["period"] == ["2021-01-01", "2021-06-30"]


def test_all_values_have_the_shape_of_the_cli_json(tree, members, as_user):
    body = (
        as_user(Role.BASE_SECRETARY, "base")
        .get("/api/indicators", {"scope": "K-01", "at": "2021-12-31"})
        .json()
    )
    expected = compute_all(Context(scope=tree["base"], at=dt.date(2021, 12, 31)))
    assert body == json.loads(json.dumps(expected))
    assert body["members.total"]["value"] == 2


def test_scope_outside_the_user_is_404(members, as_user):
    client = as_user(Role.BASE_SECRETARY, "base")
    assert client.get("/api/indicators/members.total", {"scope": "K"}).status_code == 404
    assert client.get("/api/indicators", {"scope": "K-02"}).status_code == 404
    assert client.get("/api/indicators/members.total", {"scope": "KHONG"}).status_code == 404


def test_bad_requests_are_explained_in_vietnamese(members, as_user):
    client = as_user(Role.ORG_BOARD, "bloc")
    unknown = client.get("/api/indicators/members.nothing", {"scope": "K"})
    assert (
        unknown.status_code == 404
        and unknown.json()["detail"] == "Không có chỉ tiêu members.nothing."
    )
    no_scope = client.get("/api/indicators/members.total")
    assert no_scope.status_code == 422 and "scope" in no_scope.json()["detail"]
    bad_day = client.get("/api/indicators/members.total", {"scope": "K", "at": "hôm qua"})
    assert bad_day.status_code == 422 and "Ngày không hợp lệ" in bad_day.json()["detail"]
    bad_period = client.get("/api/indicators/members.total", {"scope": "K", "period": "2021"})
    assert bad_period.status_code == 422


def test_records_are_listed_on_request(tree, members, as_user):
    client = as_user(Role.BASE_SECRETARY, "base")
    params = {"scope": "K-01", "at": "2021-12-31", "records": "1"}
    body = client.get("/api/indicators/members.total", params).json()
    assert sorted(r["name"] for r in body["records"]) == ["Nguyễn Văn An", "Trần Thị Bình"]
    plain = client.get("/api/indicators/members.total", {"scope": "K-01"}).json()
    assert plain["records"] is None
    everything = client.get("/api/indicators", params).json()
    assert len(everything["orgs.base"]["records"]) == 0
    assert "records" not in client.get("/api/indicators", {"scope": "K-01"}).json()["orgs.base"]
