"""Reads of members: as of a date, and the searchable list."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from dangbo.core.scope import Action, scoped
from dangbo.core.text import fold
from dangbo.members.models import Member, MemberPeriod
from dangbo.members.sensitive import sensitive_member_q
from dangbo.orgs.models import Organization
from dangbo.orgs.selectors import subtree_versions_at


def periods_at(scope: Organization, at: dt.date) -> QuerySet[MemberPeriod]:
    """Member periods current on `at` in cells of `scope`'s subtree as it stood then."""
    orgs = subtree_versions_at(scope, at).values("org_id")
    return MemberPeriod.objects.filter(valid_from__lte=at, org_id__in=orgs).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=at)
    )


def members_at(scope: Organization, at: dt.date) -> QuerySet[Member]:
    return Member.objects.filter(pk__in=periods_at(scope, at).values("member_id"))


def member_list(
    user: Any,
    *,
    query: str = "",
    org: Organization | None = None,
    status: str = "",
    include_left: bool = False,
    gender: str = "",
    order: str = "name",
) -> QuerySet[Member]:
    """The member list a user may see, searched without diacritics or case."""
    members = scoped(user, Action.VIEW, Member.objects.all()).select_related("person", "cell")
    if org is not None:
        members = members.filter(org_path__startswith=org.path)
    if status:
        members = members.filter(status=status)
    elif not include_left:
        members = members.exclude(status="left")
    if gender:
        members = members.filter(person__gender=gender)
    if query:
        folded = fold(query)
        digits = query.strip()
        if digits.isdecimal():
            # A citizen ID matches only where the searcher may read it (members.sensitive):
            # otherwise the search itself would tell whose number it is.
            by_id = Q(person__citizen_id=digits)
            readable = sensitive_member_q(user)
            if readable is not None:
                by_id &= readable
            members = members.filter(
                by_id | Q(card_number=digits) | Q(cards__number=digits)
            ).distinct()
        else:
            for word in folded.split():
                members = members.filter(person__search_name__contains=word)
    orderings = {
        "name": ["person__search_name", "pk"],
        "-name": ["-person__search_name", "-pk"],
        "birth": ["person__birth_date", "pk"],
        "-birth": ["-person__birth_date", "-pk"],
        "admitted": ["admitted_on", "pk"],
        "-admitted": ["-admitted_on", "-pk"],
        "cell": ["cell__name", "person__search_name", "pk"],
    }
    return members.order_by(*orderings.get(order, orderings["name"]))


# The GET parameters of the member list, shared by the list page, its .xlsx export
# and the API so that "export what I see" exports exactly that.
LIST_PARAMS = ("q", "org", "status", "gender", "include_left", "order")


def member_list_from_params(user: Any, params: Any) -> QuerySet[Member]:
    """member_list() driven by a QueryDict-like mapping; an org outside scope gives none."""
    from dangbo.orgs.models import Organization as Org

    org = None
    org_id = (params.get("org") or "").strip()
    if org_id:
        org = scoped(
            user, Action.VIEW, Org.objects.filter(pk=org_id if org_id.isdecimal() else 0)
        ).first()
        if org is None:
            return Member.objects.none()
    return member_list(
        user,
        query=params.get("q", ""),
        org=org,
        status=params.get("status", ""),
        include_left=params.get("include_left") in ("1", "on", "true"),
        gender=params.get("gender", ""),
        order=params.get("order", "name"),
    )


def member_next_event_kinds(member: Member, events: Any = None) -> list[str]:
    """The events that make sense after the member's current state, in the order offered.

    `events` (the member's events, any order) spares a query when already loaded.
    The history still checks each event when it is recorded.
    """
    from dangbo.members.choices import EventKind as K
    from dangbo.members.choices import MemberStatus
    from dangbo.members.history import sort_events

    exits = [K.STRUCK_OFF, K.RESIGNED, K.EXPELLED, K.DECEASED]
    if member.status == MemberStatus.PROBATIONARY:
        return [K.RECOGNIZED, K.NOT_RECOGNIZED, K.TRANSFERRED, K.TRANSFERRED_OUT, *exits]
    if member.status == MemberStatus.FULL:
        exemption = K.EXEMPTION_ENDED if member.is_exempted else K.EXEMPTED
        return [K.TRANSFERRED, K.TRANSFERRED_OUT, exemption, *exits]
    ordered = sort_events(member.events.all() if events is None else events)
    if not ordered:
        return []
    last = ordered[-1].kind
    if last == K.DECEASED:
        return []
    if last == K.TRANSFERRED_OUT:
        return [K.TRANSFERRED_IN]
    return [K.REINSTATED]
