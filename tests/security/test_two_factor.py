"""Two-factor login (django-otp): required for administrators, available to everyone."""

from __future__ import annotations

import datetime as dt
import re

from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from login_helpers import enrol_app, post_login, totp_code

from dangbo.accounts.models import AuditAction, AuditEntry, Role, RoleAssignment

VERIFY = "/quan-ly/tai-khoan/bao-mat/xac-thuc/"
ENROL = "/quan-ly/tai-khoan/bao-mat/dang-ky/"
CODES = "/quan-ly/tai-khoan/bao-mat/ma-khoi-phuc/"
HOME = "/quan-ly/"


def _gated(client, url):
    response = client.get(url)
    return response.status_code == 302 and response["Location"].startswith((VERIFY, ENROL))


def _wait_out_the_throttle(device):
    """django-otp refuses any code for 2^(n-1) seconds after n wrong ones: let that pass."""
    device.refresh_from_db()
    stamp = device.throttling_failure_timestamp
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=stamp - dt.timedelta(seconds=60)
    )


def test_a_wrong_code_slows_the_next_ones(make_user):
    admin = make_user("admin", superuser=True)
    device = enrol_app(admin)
    client = Client()
    post_login(client, "admin")
    client.post(VERIFY, {"code": "000000"})
    # Right away even the right code is refused (django-otp's throttling)...
    client.post(VERIFY, {"code": totp_code(device)})
    assert _gated(client, HOME)
    # ...and accepted once the wait is over.
    _wait_out_the_throttle(device)
    client.post(VERIFY, {"code": totp_code(device)})
    assert client.get(HOME).status_code == 200


def test_an_administrator_cannot_log_in_without_the_second_factor(make_user):
    admin = make_user("admin", superuser=True)
    enrol_app(admin)
    client = Client()
    response = post_login(client, "admin")
    assert response.status_code == 302  # the password is right...
    # ...but nothing opens before the code: pages, the API by session, Django admin.
    for url in [HOME, "/quan-ly/to-chuc/", "/quan-ly/dang-phi/", "/django-admin/"]:
        assert _gated(client, url), url
    assert client.get("/api/me").status_code == 403
    assert client.get(HOME)["Location"].startswith(VERIFY)

    wrong = client.post(VERIFY, {"code": "000000"})
    assert "Mã xác thực không đúng" in wrong.content.decode()
    assert _gated(client, HOME)


def test_the_code_of_the_app_lets_the_administrator_in(make_user):
    admin = make_user("admin", superuser=True)
    device = enrol_app(admin)
    client = Client()
    post_login(client, "admin", next_url="/quan-ly/to-chuc/")
    response = client.post(VERIFY + "?next=/quan-ly/to-chuc/", {"code": totp_code(device)})
    assert response.status_code == 302 and response["Location"] == "/quan-ly/to-chuc/"
    assert client.get(HOME).status_code == 200
    assert client.get("/django-admin/").status_code == 200
    assert AuditEntry.objects.filter(
        action=AuditAction.LOGIN, object_type="second_factor", user=admin
    ).exists()


def test_a_recovery_code_works_once(make_user):
    admin = make_user("admin", superuser=True)
    device = enrol_app(admin)
    client = Client()
    post_login(client, "admin")
    client.post(VERIFY, {"code": totp_code(device)})
    page = client.post(CODES).content.decode()
    codes = re.findall(r"<li>([a-z0-9]{8})</li>", page)
    assert len(codes) == 10

    first = Client()
    post_login(first, "admin")
    assert first.post(VERIFY, {"code": codes[0]}).status_code == 302
    assert first.get(HOME).status_code == 200

    second = Client()
    post_login(second, "admin")
    again = second.post(VERIFY, {"code": codes[0]})
    assert again.status_code == 200 and "Mã xác thực không đúng" in again.content.decode()
    assert _gated(second, HOME)


def test_a_role_admin_without_a_device_must_enrol_first(make_user, tree):
    user = make_user("quantri")
    RoleAssignment.objects.create(user=user, role=Role.ADMIN, organization=tree["province"])
    client = Client()
    post_login(client, "quantri")
    assert client.get(HOME)["Location"].startswith(ENROL)
    page = client.get(ENROL).content.decode()
    assert "<svg" in page and "otpauth" not in page.split("<svg")[0]
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    assert "Mã không đúng" in client.post(ENROL, {"code": "123456"}).content.decode()
    assert _gated(client, HOME)
    _wait_out_the_throttle(device)
    response = client.post(ENROL, {"code": totp_code(device)})
    assert response.status_code == 302
    assert client.get(HOME).status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_someone_with_only_the_password_cannot_replace_the_device(make_user):
    user = make_user("dangvien")
    enrol_app(user)
    client = Client()
    post_login(client, "dangvien")
    assert client.get(ENROL)["Location"].startswith(VERIFY)
    assert not TOTPDevice.objects.filter(user=user, confirmed=False).exists()


def test_everyone_may_use_it_and_is_then_asked(make_user):
    user = make_user("dangvien")
    client = Client()
    post_login(client, "dangvien")
    assert client.get(HOME).status_code == 200  # not required of a member
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=user)
    client.post(ENROL, {"code": totp_code(device)})
    client.post("/quan-ly/dang-xuat/")

    post_login(client, "dangvien")
    assert _gated(client, HOME)
    client.post(VERIFY, {"code": totp_code(device, step_offset=1)})
    assert client.get(HOME).status_code == 200


def test_turning_it_off_needs_the_password(make_user):
    user = make_user("dangvien")
    device = enrol_app(user)
    client = Client()
    post_login(client, "dangvien")
    client.post(VERIFY, {"code": totp_code(device)})
    wrong = client.post("/quan-ly/tai-khoan/bao-mat/tat/", {"password": "sai"})
    assert "Mật khẩu không đúng" in wrong.content.decode()
    assert TOTPDevice.objects.filter(user=user).exists()
    from login_helpers import PASSWORD

    client.post("/quan-ly/tai-khoan/bao-mat/tat/", {"password": PASSWORD})
    assert not TOTPDevice.objects.filter(user=user).exists()


def test_a_deployment_may_turn_the_requirement_off(make_user, settings):
    settings.DANGBO_2FA_REQUIRED = False
    make_user("admin", superuser=True)
    client = Client()
    post_login(client, "admin")
    assert client.get(HOME).status_code == 200
