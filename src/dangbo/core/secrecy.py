"""Secrecy levels of documents and reports, and the one check every way out goes through.

A document or report marked "Mật", "Tối mật" or "Tuyệt mật" never leaves the system: no
export, no e-mail, no PDF to download, no publication to the portal. Every way out calls
`refuse_if_secret()` first; a refused attempt is written to the audit log (REFUSED) and
answered with a Vietnamese message (PermissionDenied, so a view answers 403).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _


class Secrecy(models.TextChoices):
    NONE = "", _("Không mật")
    SECRET = "mat", _("Mật")
    TOP_SECRET = "toi_mat", _("Tối mật")
    ULTRA_SECRET = "tuyet_mat", _("Tuyệt mật")


class Channel(StrEnum):
    """The ways a document can leave the system."""

    EXPORT = "export"
    EMAIL = "email"
    PDF = "pdf"
    PORTAL = "portal"


_CHANNEL_TEXT = {
    Channel.EXPORT: "xuất ra tệp",
    Channel.EMAIL: "gửi thư điện tử",
    Channel.PDF: "tải về dạng PDF",
    Channel.PORTAL: "đăng lên cổng thông tin",
}


class SecretRefused(PermissionDenied):
    """Raised when a secret document is about to leave the system."""


def secrecy_field(**kwargs: Any) -> models.CharField:
    """The field every secret-capable model carries (one definition, one set of choices)."""
    return models.CharField(
        _("độ mật"), max_length=16, choices=Secrecy.choices, default=Secrecy.NONE, blank=True,
        **kwargs,
    )  # fmt: skip


def is_secret(obj: Any) -> bool:
    return bool(getattr(obj, "secrecy", Secrecy.NONE))


def refusal_message(obj: Any, channel: Channel) -> str:
    level = Secrecy(getattr(obj, "secrecy", Secrecy.NONE)).label
    return (
        f"Không được {_CHANNEL_TEXT[channel]}: tài liệu “{obj}” có độ mật “{level}” "
        "(Luật Bảo vệ bí mật nhà nước số 29/2018/QH14). Tài liệu mật chỉ được xem trong hệ thống."
    )


def refuse_if_secret(
    obj: Any, *, channel: Channel, user: Any = None, request: Any = None, object_type: str = ""
) -> None:
    """Raise SecretRefused (and write the attempt to the audit log) when `obj` is secret."""
    if not is_secret(obj):
        return
    from dangbo.accounts.audit import audit_log
    from dangbo.accounts.models import AuditAction

    message = refusal_message(obj, channel)
    audit_log(
        user=user if user is not None else getattr(request, "user", None),
        action=AuditAction.REFUSED,
        object_type=object_type or obj._meta.label_lower,
        object_id=getattr(obj, "pk", ""),
        description=f"Từ chối {_CHANNEL_TEXT[channel]} ({channel}): {obj}",
        request=request,
    )
    raise SecretRefused(message)
