"""Logging in as a user would: the login page, the code of the authenticator app."""

from __future__ import annotations

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "Mat-khau-dung-dan-2024"  # noqa: S105 - a test account's password
LOGIN_URL = "/quan-ly/dang-nhap/"


def post_login(client, username: str, password: str = PASSWORD, next_url: str = ""):
    data = {"username": username, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post(LOGIN_URL, data)


def totp_code(device: TOTPDevice, *, step_offset: int = 0) -> str:
    """The code the authenticator app shows now (or `step_offset` steps later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + step_offset * device.step
    return f"{totp.token():0{device.digits}d}"


def enrol_app(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", confirmed=True)
