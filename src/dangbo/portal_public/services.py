"""Writes on the portal side: feedback from readers (rate-limited, stored for moderation)."""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail

from dangbo.portal_public.models import Feedback, Section

log = logging.getLogger(__name__)

RATE_LIMIT = 3  # letters per address
RATE_WINDOW = 10 * 60  # seconds


def _address_key(request: Any) -> str:
    raw = f"{settings.SECRET_KEY}|{request.META.get('REMOTE_ADDR', '')}"
    return "portal:fb-rate:" + hashlib.sha256(raw.encode()).hexdigest()[:32]


def feedback_rate_limited(request: Any) -> bool:
    """True when this address sent RATE_LIMIT letters in the last RATE_WINDOW seconds."""
    return int(cache.get(_address_key(request)) or 0) >= RATE_LIMIT


def feedback_note_attempt(request: Any) -> None:
    key = _address_key(request)
    if not cache.add(key, 1, RATE_WINDOW):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, RATE_WINDOW)


def feedback_submit(*, name: str, title: str, content: str, section: Section | None) -> Feedback:
    """Store a letter for moderation and tell the moderator (e-mail when an address is set)."""
    letter = Feedback.objects.create(
        section=section, name=name.strip(), title=title.strip(), content=content.strip()
    )
    address = getattr(settings, "DANGBO_PORTAL_FEEDBACK_EMAIL", "")
    if address:
        try:
            send_mail(
                subject=f"[Cổng thông tin] Góp ý mới: {letter.title}",
                message=(
                    f"Có góp ý mới chờ duyệt: “{letter.title}” của {letter.name}.\n"
                    "Xin vào trang quản lý, mục Cổng thông tin > Góp ý, để duyệt."
                ),
                from_email=None,
                recipient_list=[address],
            )
        except OSError:  # a mail server down must not lose the letter
            log.warning("portal: feedback notice e-mail not sent", exc_info=True)
    return letter
