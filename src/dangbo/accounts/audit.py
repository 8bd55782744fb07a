"""The audit log: who read, exported or changed personal data, through which channel.

Every read of personal data writes one row per read (not one per record): the member
pages and their sub-pages, the lists and searches that show personal fields, the API, the
indicator record lists, every export and the command line. A command line run with no
account records the operating-system user ("os:root") in AuditEntry.actor.
See docs/SECURITY.md, "Audit".
"""

from __future__ import annotations

import functools
import getpass
import os
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from dangbo.accounts.models import AuditAction, AuditEntry


def os_actor() -> str:
    """The operating-system user running this process, as AuditEntry.actor reads it."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password file
        name = str(os.getuid()) if hasattr(os, "getuid") else "?"
    return f"os:{name}"[:64]


def audit_log(
    *,
    user: Any,
    action: AuditAction | str,
    object_type: str,
    description: str,
    object_id: object = "",
    request: Any = None,
) -> AuditEntry:
    """Record that someone read, exported or changed personal data.

    With no account and no request (the command line, a background job), the row names the
    operating-system user instead."""
    ip = request.META.get("REMOTE_ADDR") if request is not None else None
    account = user if getattr(user, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        user=account,
        actor="" if account is not None or request is not None else os_actor(),
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        description=description[:500],
        ip_address=ip,
    )


def _member_name(pk: object) -> str:
    from dangbo.members.models import Member

    name = Member.objects.filter(pk=pk).values_list("person__full_name", flat=True).first()
    return f" của đảng viên {name}" if name else ""


def audited_read(
    label: str, *, object_type: str = "member", param: str = "pk"
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorate a page that shows one record's personal data (a member's sub-page, a form
    filled with it): each successful GET writes one VIEW row, "<label> của đảng viên <name>".

    Put it under @login_required; a page refused (403, 404) or a redirect writes nothing."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            response = view(request, *args, **kwargs)
            if request.method in ("GET", "HEAD") and response.status_code == 200:
                pk = kwargs.get(param, args[0] if args else "")
                who = _member_name(pk) if object_type == "member" else f" (số {pk})"
                audit_log(
                    user=request.user,
                    action=AuditAction.VIEW,
                    object_type=object_type,
                    object_id=pk,
                    description=label + who,
                    request=request,
                )
            return response

        return wrapped

    return decorate


def audit_list_read(
    request: HttpRequest, *, object_type: str, what: str, count: int, filters: Any = None
) -> AuditEntry:
    """One VIEW row for a list page that shows personal fields (not one row per person):
    what was listed, how many rows were shown and the filters (a searched citizen ID too)."""
    shown = "".join(
        f", {k}={v}" for k, v in (filters or {}).items() if v and k not in ("page", "order")
    )
    return audit_log(
        user=request.user,
        action=AuditAction.VIEW,
        object_type=object_type,
        description=f"Xem {what}: {count} dòng{shown}",
        request=request,
    )
