from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from dangbo.accounts.models import ApiToken, AuditEntry, Role
from dangbo.accounts.tokens import api_token_issue


@pytest.mark.parametrize("url", ["/api/me", "/api/orgs", "/api/members", "/api/indicators"])
def test_no_credentials_gives_401_in_vietnamese(db, url):
    response = Client().get(url)
    assert response.status_code == 401
    assert response.json()["detail"] == "Chưa đăng nhập hoặc mã truy cập không hợp lệ."


def test_unauthenticated_post_is_401_not_a_csrf_error(tree, make_member):
    member = make_member(tree["cell_a"])
    response = Client(enforce_csrf_checks=True).post(
        f"/api/members/{member.pk}/events", {}, content_type="application/json"
    )
    assert response.status_code == 401


def test_bearer_token_authenticates_and_records_use(role_user):
    user = role_user(Role.BASE_SECRETARY, "base")
    token, raw = api_token_issue(user=user, name="kịch bản")
    assert token.digest == ApiToken.hash(raw) and raw not in token.digest
    assert AuditEntry.objects.filter(object_type="api_token", object_id=str(token.pk)).exists()

    response = Client().get("/api/me", headers={"Authorization": f"Bearer {raw}"})

    assert response.status_code == 200
    body = response.json()
    assert body["username"] == user.username
    assert body["roles"][0]["role"] == Role.BASE_SECRETARY
    assert body["roles"][0]["org_code"] == "K-01"
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_wrong_or_inactive_token_gives_401(role_user):
    user = role_user(Role.BASE_SECRETARY, "base")
    _token, raw = api_token_issue(user=user, name="x")
    assert Client().get("/api/me", headers={"Authorization": "Bearer nope"}).status_code == 401
    user.is_active = False
    user.save()
    assert Client().get("/api/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 401


def test_issue_token_command_prints_a_working_token(role_user):
    user = role_user(Role.CELL_SECRETARY, "cell_a")
    out = io.StringIO()
    call_command(
        "issue_token", user.username, "--name", "báo cáo", stdout=out, stderr=io.StringIO()
    )
    raw = out.getvalue().strip()
    assert ApiToken.objects.get(user=user).name == "báo cáo"
    response = Client().get("/api/orgs", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200
    assert [o["code"] for o in response.json()["items"]] == ["K-01-1"]


def test_issue_token_command_rejects_unknown_user(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Không có người dùng"):
        call_command("issue_token", "khong-co", stdout=io.StringIO())


def test_session_post_needs_csrf_token_but_bearer_does_not(tree, make_member, role_user):
    user = role_user(Role.BASE_SECRETARY, "base")
    member = make_member(tree["cell_a"])
    url = f"/api/members/{member.pk}/events"
    body = {"kind": "transferred", "date": "2020-01-01", "org_code": "K-01-2"}

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    refused = browser.post(url, body, content_type="application/json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    assert member.events.count() == 2

    browser.get("/api/docs")  # sets the CSRF cookie, as the docs page does
    csrf = browser.cookies["csrftoken"].value
    accepted = browser.post(
        url, body, content_type="application/json", headers={"X-CSRFToken": csrf}
    )
    assert accepted.status_code == 201, accepted.content

    _token, raw = api_token_issue(user=user, name="x")
    script = Client(enforce_csrf_checks=True)
    back = {"kind": "transferred", "date": "2021-01-01", "org_code": "K-01-1"}
    response = script.post(
        url, back, content_type="application/json", headers={"Authorization": f"Bearer {raw}"}
    )
    assert response.status_code == 201, response.content
    assert get_user_model().objects.count() == 1
