from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from dangbo.accounts.models import AuditAction, AuditEntry, Role
from dangbo.members.models import MembershipEvent


@pytest.fixture
def people(tree, make_member):
    return {
        "duc": make_member(tree["cell_a"], name="Nguyễn Văn Đức"),
        "lan": make_member(tree["cell_b"], name="Trần Thị Lan"),
        "outside": make_member(tree["base_cell"], name="Lê Văn Ngoài"),
    }


def test_member_list_is_cut_to_the_scope_and_searchable(people, as_user):
    client = as_user(Role.BASE_SECRETARY, "base")
    body = client.get("/api/members").json()
    assert [m["full_name"] for m in body["items"]] == ["Nguyễn Văn Đức", "Trần Thị Lan"]
    assert body["count"] == 2
    assert "citizen_id" not in body["items"][0]
    found = client.get("/api/members", {"q": "nguyen van duc"}).json()["items"]
    assert [m["id"] for m in found] == [people["duc"].pk]
    in_cell = client.get("/api/members", {"org": people["lan"].cell_id}).json()["items"]
    assert [m["full_name"] for m in in_cell] == ["Trần Thị Lan"]
    outside_org = client.get("/api/members", {"org": people["outside"].cell_id}).json()
    assert outside_org["count"] == 0
    assert AuditEntry.objects.filter(object_type="member_list", action=AuditAction.VIEW).exists()


def test_member_outside_scope_is_404_like_a_missing_one(people, as_user):
    client = as_user(Role.CELL_SECRETARY, "cell_a")
    for member in (people["lan"], people["outside"]):
        for suffix in ("", "/events"):
            response = client.get(f"/api/members/{member.pk}{suffix}")
            assert response.status_code == 404
            assert response.json() == {"detail": "Không tìm thấy."}
            assert member.person.full_name not in response.content.decode()
    assert client.get("/api/members/999999").json() == {"detail": "Không tìm thấy."}


def test_sensitive_fields_only_for_those_allowed(people, as_user):
    duc = people["duc"]
    cell = as_user(Role.CELL_SECRETARY, "cell_a").get(f"/api/members/{duc.pk}").json()
    assert cell["full_name"] == "Nguyễn Văn Đức"
    assert cell["sensitive_shown"] is False
    assert cell["citizen_id"] is None and cell["background_number"] is None
    base = as_user(Role.BASE_SECRETARY, "base").get(f"/api/members/{duc.pk}").json()
    assert base["sensitive_shown"] is True
    assert base["citizen_id"] == duc.person.citizen_id
    assert base["ethnicity"] == "Kinh"


def test_reading_a_member_writes_the_audit_log(people, role_user):
    user = role_user(Role.BASE_SECRETARY, "base")
    client = Client()
    client.force_login(user)
    client.get(f"/api/members/{people['duc'].pk}")
    entry = AuditEntry.objects.get(object_type="member", action=AuditAction.VIEW)
    assert entry.user == user and entry.object_id == str(people["duc"].pk)
    assert "Nguyễn Văn Đức" in entry.description


def test_a_member_sees_only_their_own_record(people, role_user):
    user = role_user(Role.MEMBER, "cell_a")
    person = people["duc"].person
    person.user = user
    person.save()
    client = Client()
    client.force_login(user)
    own = client.get(f"/api/members/{people['duc'].pk}").json()
    assert own["citizen_id"] == person.citizen_id
    assert [m["id"] for m in client.get("/api/members").json()["items"]] == [people["duc"].pk]
    assert client.get(f"/api/members/{people['lan'].pk}").status_code == 404


def test_member_events_list(people, as_user):
    events = as_user(Role.BASE_SECRETARY, "base").get(f"/api/members/{people['duc'].pk}/events")
    assert [(e["kind"], e["kind_label"]) for e in events.json()] == [
        ("admitted", "Kết nạp"),
        ("recognized", "Công nhận đảng viên chính thức"),
    ]
    assert events.json()[0]["org_code"] == "K-01-1"


def test_recording_a_transfer(people, as_user):
    duc = people["duc"]
    response = as_user(Role.BASE_SECRETARY, "base").post(
        f"/api/members/{duc.pk}/events",
        {
            "kind": "transferred",
            "date": "2020-03-01",
            "org_code": "K-01-2",
            "decision_number": "12-QĐ",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["from_org_code"] == "K-01-1"
    duc.refresh_from_db()
    assert duc.cell.code == "K-01-2"


def test_an_impossible_event_is_422_in_vietnamese_and_writes_nothing(people, as_user):
    duc = people["duc"]
    before = list(MembershipEvent.objects.values_list("pk", flat=True))
    client = as_user(Role.BASE_SECRETARY, "base")  # the login itself is audited
    audit_before = AuditEntry.objects.count()
    response = client.post(
        f"/api/members/{duc.pk}/events",
        {"kind": "recognized", "date": "2015-01-01"},
        content_type="application/json",
    )
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Chỉ đảng viên dự bị mới được công nhận chính thức: ngày 01/01/2015."
    assert body["errors"] == {"date": [body["detail"]]}
    assert list(MembershipEvent.objects.values_list("pk", flat=True)) == before
    assert AuditEntry.objects.count() == audit_before
    duc.refresh_from_db()
    assert duc.status == "full" and duc.full_on == dt.date(2011, 5, 19)


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"kind": "promoted", "date": "2020-01-01"}, "kind", "phải là một trong"),
        ({"kind": "transferred", "date": "2020-01-01", "org_code": "K-02"}, "org_code", "K-02"),
        ({"kind": "transferred", "date": "2020-01-01"}, "org_code", "Phải chọn chi bộ"),
        ({"kind": "deceased", "date": "01/01/2020"}, "date", "ngày không hợp lệ"),
        ({"date": "2020-01-01"}, "kind", "bắt buộc"),
    ],
)
def test_bad_event_bodies_are_422_with_the_field(people, as_user, body, field, message):
    count = MembershipEvent.objects.count()
    response = as_user(Role.BASE_SECRETARY, "base").post(
        f"/api/members/{people['duc'].pk}/events", body, content_type="application/json"
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert any(message in m for m in errors[field]), errors
    assert MembershipEvent.objects.count() == count


def test_recording_needs_the_change_right(people, as_user):
    duc = people["duc"]
    url = f"/api/members/{duc.pk}/events"
    body = {"kind": "deceased", "date": "2020-01-01"}
    readonly = as_user(Role.INSPECTION, "bloc").post(url, body, content_type="application/json")
    assert readonly.status_code == 403
    assert "không có quyền" in readonly.json()["detail"]
    outside = as_user(Role.BASE_SECRETARY, "base_cell").post(
        url, body, content_type="application/json"
    )
    assert outside.status_code == 404
    duc.refresh_from_db()
    assert duc.status == "full"


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_list_queries_do_not_grow_with_the_rows(tree, make_member, as_user):
    client = as_user(Role.ORG_BOARD, "bloc")
    make_member(tree["cell_a"], name="Một")
    few = {url: _queries(client, url) for url in ("/api/members", "/api/orgs")}
    for i in range(4):
        make_member(tree["cell_b" if i % 2 else "base_cell"], name=f"Người {i}")
    many = {url: _queries(client, url) for url in ("/api/members", "/api/orgs")}
    assert many == few
    events = f"/api/members/{MembershipEvent.objects.first().member_id}/events"
    assert _queries(client, events) <= 8
