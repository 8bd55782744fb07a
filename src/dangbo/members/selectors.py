"""Reads of members: as of a date, and the searchable list."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from dangbo.core.scope import Action, scoped
from dangbo.core.text import fold
from dangbo.members.models import Member, MemberPeriod
from dangbo.orgs.models import Organization
from dangbo.orgs.selectors import subtree_versions_at


def periods_at(scope: Organization, at: dt.date) -> QuerySet[MemberPeriod]:
    """Member periods current on `at` in cells of `scope`'s subtree as it stood then."""
    orgs = subtree_versions_at(scope, at).values("org_id")
    return (
        MemberPeriod.objects.filter(valid_from__lte=at, org_id__in=orgs)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=at))
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
    members = scoped(user, Action.VIEW, Member.objects.all()).select_related(
        "person", "cell"
    )
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
        if digits.isdigit():
            members = members.filter(
                Q(person__citizen_id=digits) | Q(card_number=digits) | Q(cards__number=digits)
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
