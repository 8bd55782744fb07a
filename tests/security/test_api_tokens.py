"""API tokens expire and can be revoked; a page and commands list and revoke them."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from dangbo.accounts.models import ApiToken, AuditAction, AuditEntry, Role
from dangbo.accounts.tokens import api_token_issue

PAGE = "/quan-ly/tai-khoan/ma-api/"


def _me(raw):
    return Client().get("/api/me", headers={"Authorization": f"Bearer {raw}"})


def test_a_token_lives_ninety_days_by_default(user_with, tree):
    user = user_with(Role.BASE_SECRETARY, tree["base"])
    token, raw = api_token_issue(user=user, name="kịch bản")
    assert token.expires_at - timezone.now() == pytest.approx(
        dt.timedelta(days=90), abs=dt.timedelta(minutes=1)
    )
    assert _me(raw).status_code == 200


def test_an_expired_token_is_refused(user_with, tree):
    user = user_with(Role.BASE_SECRETARY, tree["base"])
    token, raw = api_token_issue(user=user, name="kịch bản", days=1)
    assert _me(raw).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = _me(raw)
    assert response.status_code == 401
    assert response.json()["detail"] == "Chưa đăng nhập hoặc mã truy cập không hợp lệ."


def test_a_token_without_an_expiry_is_refused_and_old_ones_get_one(user_with, tree):
    import importlib

    from django.apps import apps

    user = user_with(Role.BASE_SECRETARY, tree["base"])
    token, raw = api_token_issue(user=user, name="cũ")
    ApiToken.objects.filter(pk=token.pk).update(expires_at=None)  # as issued before expiry
    assert _me(raw).status_code == 401
    backfill = importlib.import_module("dangbo.accounts.migrations.0007_token_expiry_backfill")
    backfill.backfill(apps, None)
    token.refresh_from_db()
    assert token.expires_at == token.created_at + dt.timedelta(days=90)
    assert _me(raw).status_code == 200


def test_a_revoked_token_is_refused_by_the_page(user_with, tree):
    user = user_with(Role.BASE_SECRETARY, tree["base"])
    token, raw = api_token_issue(user=user, name="máy chủ báo cáo")
    client = Client()
    client.force_login(user)
    page = client.get(PAGE).content.decode()
    assert "máy chủ báo cáo" in page and "Còn hiệu lực" in page

    client.post(f"{PAGE}{token.pk}/thu-hoi/")

    assert _me(raw).status_code == 401
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == user
    assert "Đã thu hồi" in client.get(PAGE).content.decode()
    assert AuditEntry.objects.filter(
        action=AuditAction.CHANGE, object_type="api_token", description__startswith="Thu hồi"
    ).exists()


def test_the_page_shows_only_what_the_user_may_see(user_with, tree):
    own = user_with(Role.BASE_SECRETARY, tree["base"])
    other = user_with(Role.CELL_SECRETARY, tree["base_cell"])
    other_token, other_raw = api_token_issue(user=other, name="của người khác")
    api_token_issue(user=own, name="của tôi")
    client = Client()
    client.force_login(own)
    page = client.get(PAGE).content.decode()
    assert "của tôi" in page and "của người khác" not in page
    # Not yours is answered as not found, and nothing is revoked.
    assert client.post(f"{PAGE}{other_token.pk}/thu-hoi/").status_code == 404
    assert _me(other_raw).status_code == 200

    # An administrator of the bloc sees (and may revoke) the tokens of people in it.
    admin = user_with(Role.ADMIN, tree["bloc"])
    admin_client = Client()
    admin_client.force_login(admin)
    page = admin_client.get(PAGE).content.decode()
    assert "của tôi" in page and "của người khác" in page
    admin_client.post(f"{PAGE}{other_token.pk}/thu-hoi/")
    assert _me(other_raw).status_code == 401


def test_an_administrator_of_a_branch_does_not_see_tokens_outside_it(user_with, tree):
    outsider = user_with(Role.CELL_SECRETARY, tree["base_cell"])
    api_token_issue(user=outsider, name="ngoài nhánh")
    admin = user_with(Role.ADMIN, tree["base"])
    client = Client()
    client.force_login(admin)
    assert "ngoài nhánh" not in client.get(PAGE).content.decode()


def test_list_and_revoke_by_command(user_with, tree):
    user = user_with(Role.BASE_SECRETARY, tree["base"])
    token, raw = api_token_issue(user=user, name="kịch bản", days=7)
    out = io.StringIO()
    call_command("list_tokens", "--user", user.username, stdout=out)
    listing = out.getvalue()
    assert f"{token.pk:>5}  {user.username}" in listing and "Còn hiệu lực" in listing

    out = io.StringIO()
    call_command("revoke_token", str(token.pk), stdout=out)
    assert "Đã thu hồi mã số" in out.getvalue()
    assert _me(raw).status_code == 401
    entry = AuditEntry.objects.get(object_type="api_token", description__startswith="Thu hồi")
    assert entry.actor.startswith("os:")

    out = io.StringIO()
    call_command("list_tokens", stdout=out)
    assert "Đã thu hồi" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_issue_with_days_and_revoke_as_commands(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "PYTHONPATH": os.pathsep.join(sys.path),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    dangbo = [sys.executable, "-m", "dangbo.cli"]

    def run(*args):
        return subprocess.run(  # noqa: S603 - our own interpreter and module
            [*dangbo, "manage", *args], env=env, capture_output=True, text=True, check=False
        )

    assert run("migrate", "-v0").returncode == 0
    assert run("shell", "-c", _CREATE_USER).returncode == 0
    issued = run("issue_token", "thuky", "--days", "3")
    assert issued.returncode == 0, issued.stderr
    assert "Mã số 1" in issued.stderr
    assert run("issue_token", "thuky", "--days", "0").returncode != 0
    listing = run("list_tokens").stdout
    assert "Còn hiệu lực" in listing and "thuky" in listing
    revoked = run("revoke_token", "1")
    assert revoked.returncode == 0 and "Đã thu hồi" in revoked.stdout
    assert run("revoke_token", "1").returncode != 0
    assert "Đã thu hồi" in run("list_tokens", "--user", "thuky").stdout


_CREATE_USER = (
    "from django.contrib.auth import get_user_model; "
    "get_user_model().objects.create_user(username='thuky')"
)


def test_the_lifetime_comes_from_the_environment(monkeypatch):
    from dangbo.config import env

    monkeypatch.setenv("DANGBO_API_TOKEN_DAYS", "30")
    assert env.load().api_token_days == 30
