"""Password change and rules, idle and absolute session lifetimes, session cookie flags."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from login_helpers import PASSWORD, post_login

from dangbo.accounts.models import AuditEntry

CHANGE = "/quan-ly/tai-khoan/mat-khau/"
HOME = "/quan-ly/"


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Ng4n-qua", "Mật khẩu quá ngắn. Nó phải chứa ít nhất 12 ký tự."),
        ("password1234", "Mật khẩu này quá phổ biến."),
        ("492817365012", "Mật khẩu này hoàn toàn là số."),
        ("nguyenvanthuky1", "Mật khẩu quá giống với"),
    ],
)
def test_django_validators_answer_in_vietnamese(make_user, password, message):
    user = make_user("nguyenvanthuky1")
    client = Client()
    post_login(client, user.username)
    response = client.post(
        CHANGE, {"old_password": PASSWORD, "new_password1": password, "new_password2": password}
    )
    assert message in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_every_user_changes_their_password_on_a_page(make_user):
    user = make_user("thuky")
    client = Client()
    post_login(client, "thuky")
    page = client.get(HOME).content.decode()
    assert CHANGE in page  # in the account menu

    refused = client.post(
        CHANGE, {"old_password": PASSWORD, "new_password1": "12345", "new_password2": "12345"}
    )
    text = refused.content.decode()
    assert refused.status_code == 200 and "quá ngắn" in text and "hoàn toàn là số" in text
    user.refresh_from_db()
    assert user.check_password(PASSWORD)

    new = "Tram-nam-trong-coi-2025"
    done = client.post(
        CHANGE, {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)
    assert client.get(HOME).status_code == 200  # still logged in after the change
    assert AuditEntry.objects.filter(object_type="password", user=user).exists()


def test_the_old_password_must_be_right(make_user):
    make_user("thuky")
    client = Client()
    post_login(client, "thuky")
    new = "Tram-nam-trong-coi-2025"
    response = client.post(
        CHANGE, {"old_password": "sai", "new_password1": new, "new_password2": new}
    )
    assert "Mật khẩu cũ không chính xác" in response.content.decode()


class _Clock:
    def __init__(self, monkeypatch):
        self.now = time.time()
        from dangbo.accounts import login_guard
        from dangbo.backoffice import security_middleware

        monkeypatch.setattr(login_guard.time, "time", lambda: self.now)
        monkeypatch.setattr(security_middleware.time, "time", lambda: self.now)

    def move(self, **minutes):
        self.now += minutes.get("minutes", 0) * 60 + minutes.get("hours", 0) * 3600


def test_an_idle_session_ends_with_a_vietnamese_message(make_user, monkeypatch):
    clock = _Clock(monkeypatch)
    make_user("thuky")
    client = Client()
    post_login(client, "thuky")
    clock.move(minutes=29)
    assert client.get(HOME).status_code == 200
    clock.move(minutes=29)  # active 29 minutes ago: not idle
    assert client.get(HOME).status_code == 200
    clock.move(minutes=31)

    response = client.get("/quan-ly/to-chuc/", follow=True)
    assert response.redirect_chain[0][0].startswith("/quan-ly/dang-nhap/?next=")
    assert "hết hạn sau 30 phút không thao tác" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_session_ends_after_its_absolute_lifetime_even_when_busy(make_user, monkeypatch):
    clock = _Clock(monkeypatch)
    make_user("thuky")
    client = Client()
    post_login(client, "thuky")
    for _ in range(11 * 4 + 3):  # busy every 15 minutes for 11 h 45
        clock.move(minutes=15)
        assert client.get(HOME).status_code == 200
    clock.move(minutes=16)
    response = client.get(HOME, follow=True)
    assert "Phiên làm việc đã quá 12 giờ" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lifetimes_come_from_the_environment(monkeypatch):
    from dangbo.config import env

    monkeypatch.setenv("DANGBO_SESSION_IDLE_MINUTES", "5")
    monkeypatch.setenv("DANGBO_SESSION_MAX_HOURS", "2")
    loaded = env.load()
    assert (loaded.session_idle_minutes, loaded.session_max_hours) == (5, 2)


def test_the_session_cookie_is_httponly_and_lax(make_user):
    make_user("thuky")
    client = Client()
    response = post_login(client, "thuky")
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
