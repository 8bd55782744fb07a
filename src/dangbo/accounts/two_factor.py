"""The second factor (django-otp): an authenticator app (TOTP) and one-time recovery codes."""

from __future__ import annotations

import base64
from typing import Any

import segno
from django.db import transaction
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from dangbo.accounts.audit import audit_log
from dangbo.accounts.login_guard import SECOND_FACTOR_OWED
from dangbo.accounts.models import AuditAction

RECOVERY_CODES = 10
APP_DEVICE_NAME = "Ứng dụng xác thực"
RECOVERY_DEVICE_NAME = "Mã khôi phục"


def has_second_factor(user: Any) -> bool:
    return any(True for _ in devices_for_user(user))


def app_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def recovery_codes_left(user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def totp_pending(user: Any) -> TOTPDevice:
    """The authenticator being enrolled: one unconfirmed device per user, kept until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def totp_secret(device: TOTPDevice) -> str:
    """The key as an authenticator app asks for it when typed in (base32, in groups of 4)."""
    raw = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def totp_qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an inline SVG QR code (no external service)."""
    svg: str = segno.make(device.config_url, error="m").svg_inline(scale=4, border=2)
    return svg


def _mark_verified(request: Any, device: Any) -> None:
    otp_login(request, device)
    request.session[SECOND_FACTOR_OWED] = False


@transaction.atomic
def totp_confirm(*, request: Any, device: TOTPDevice, code: str) -> bool:
    """Confirm an enrolled authenticator with one of its codes; the session counts as verified."""
    if device.user_id != request.user.pk or not device.verify_token(code.strip()):
        return False
    TOTPDevice.objects.filter(user=request.user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    _mark_verified(request, device)
    audit_log(
        user=request.user,
        action=AuditAction.CHANGE,
        object_type="second_factor",
        object_id=device.pk,
        description="Bật xác thực hai bước bằng ứng dụng xác thực",
        request=request,
    )
    return True


@transaction.atomic
def recovery_codes_issue(*, request: Any) -> list[str]:
    """Ten new one-time codes in place of any earlier ones; shown once, stored as issued."""
    user = request.user
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    audit_log(
        user=user,
        action=AuditAction.CHANGE,
        object_type="second_factor",
        object_id=device.pk,
        description=f"Tạo {RECOVERY_CODES} mã khôi phục mới (các mã cũ hết hiệu lực)",
        request=request,
    )
    return codes


def second_factor_verify(*, request: Any, code: str) -> bool:
    """Check a code from the app or a recovery code (used up); mark the session verified.

    django-otp slows down repeated wrong codes on each device (its throttling)."""
    device = match_token(request.user, code.strip().replace(" ", ""))
    if device is None:
        audit_log(
            user=request.user,
            action=AuditAction.LOGIN_FAILED,
            object_type="second_factor",
            object_id=request.user.pk,
            description=f"Mã xác thực hai bước sai: {request.user.get_username()}",
            request=request,
        )
        return False
    _mark_verified(request, device)
    kind = "mã khôi phục" if isinstance(device, StaticDevice) else "ứng dụng xác thực"
    audit_log(
        user=request.user,
        action=AuditAction.LOGIN,
        object_type="second_factor",
        object_id=device.pk,
        description=f"Xác thực hai bước bằng {kind}: {request.user.get_username()}",
        request=request,
    )
    return True


@transaction.atomic
def second_factor_disable(*, request: Any) -> None:
    """Remove every device of the user (the caller has checked the password again)."""
    user = request.user
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    request.session[SECOND_FACTOR_OWED] = False
    audit_log(
        user=user,
        action=AuditAction.CHANGE,
        object_type="second_factor",
        object_id=user.pk,
        description="Tắt xác thực hai bước",
        request=request,
    )
