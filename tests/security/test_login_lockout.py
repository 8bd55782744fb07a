"""Throttling and lockout on every login (django-axes), with an audit row for each."""

from __future__ import annotations

from django.test import Client
from login_helpers import PASSWORD, post_login

from dangbo.accounts.models import AuditAction, AuditEntry

LOCKED = "bị khóa tạm thời"


def test_thirty_wrong_passwords_lock_the_account_and_the_right_one_is_refused(make_user):
    make_user("thuky")
    client = Client()
    for _ in range(30):
        post_login(client, "thuky", "sai-mat-khau")

    response = post_login(client, "thuky", PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    page = response.content.decode()
    assert LOCKED in page and "Hãy thử lại sau 15 phút" in page
    assert 'action="' not in page or "Đăng nhập" in page  # the site's own login page
    lockouts = AuditEntry.objects.filter(action=AuditAction.LOCKOUT, object_id="thuky")
    assert lockouts.exists()
    assert lockouts.first().ip_address == "127.0.0.1"
    failures = AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED, object_id="thuky")
    assert failures.count() == 31


def test_the_lock_is_per_account_from_any_address(make_user):
    make_user("thuky")
    for n in range(5):
        post_login(Client(REMOTE_ADDR=f"10.0.0.{n + 1}"), "thuky", "sai")
    response = post_login(Client(REMOTE_ADDR="10.0.0.99"), "thuky", PASSWORD)
    assert response.status_code == 429


def test_the_lock_is_per_address_across_accounts(make_user):
    make_user("nguoikhac")
    attacker = Client(REMOTE_ADDR="10.9.9.9")
    for n in range(5):
        post_login(attacker, f"khongco{n}", "sai")
    assert post_login(attacker, "nguoikhac", PASSWORD).status_code == 429
    # The same account from another address is not locked.
    assert post_login(Client(REMOTE_ADDR="10.9.9.10"), "nguoikhac", PASSWORD).status_code == 302


def test_a_few_failures_do_not_lock_and_a_success_resets_the_count(make_user):
    make_user("thuky")
    client = Client()
    for _ in range(4):
        assert post_login(client, "thuky", "sai").status_code == 200
    assert post_login(client, "thuky", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        post_login(client, "thuky", "sai")
    assert post_login(client, "thuky", PASSWORD).status_code == 302


def test_the_lock_ends_after_the_cool_off(make_user, settings):
    import datetime as dt

    from axes.models import AccessAttempt

    make_user("thuky")
    client = Client()
    for _ in range(5):
        post_login(client, "thuky", "sai")
    assert post_login(client, "thuky", PASSWORD).status_code == 429
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.first().attempt_time - dt.timedelta(minutes=16)
    )
    assert post_login(client, "thuky", PASSWORD).status_code == 302


def test_failures_pause_longer_and_longer(make_user, settings, monkeypatch):
    from dangbo.accounts import login_guard

    settings.DANGBO_LOGIN_FAILURE_DELAY = 0.5
    pauses: list[float] = []
    monkeypatch.setattr(login_guard.time, "sleep", pauses.append)
    make_user("thuky")
    client = Client()
    for _ in range(4):
        post_login(client, "thuky", "sai")
    assert pauses == [0.5, 1.0, 1.5, 1.5]


def test_django_admin_login_is_locked_too(make_user):
    make_user("quantri", superuser=True)
    client = Client()
    for _ in range(5):
        client.post("/django-admin/login/", {"username": "quantri", "password": "sai", "next": "/"})
    response = client.post(
        "/django-admin/login/", {"username": "quantri", "password": PASSWORD, "next": "/"}
    )
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert AuditEntry.objects.filter(action=AuditAction.LOCKOUT, object_id="quantri").exists()


def test_a_password_asked_again_is_counted_too(make_user):
    """The page that turns the second factor off asks the password through django-axes."""
    user = make_user("thuky")
    client = Client()
    client.force_login(user)
    for _ in range(5):
        client.post("/quan-ly/tai-khoan/bao-mat/tat/", {"password": "sai"})
    response = post_login(Client(), "thuky", PASSWORD)
    assert response.status_code == 429


def test_login_audit_rows(make_user):
    make_user("thuky")
    client = Client()
    post_login(client, "thuky", "sai")
    post_login(client, "thuky", PASSWORD)
    client.post("/quan-ly/dang-xuat/")
    rows = AuditEntry.objects.filter(object_type="login").order_by("id")
    actions = list(rows.values_list("action", flat=True))
    assert actions == [AuditAction.LOGIN_FAILED, AuditAction.LOGIN, AuditAction.LOGOUT]
