"""Reads of the organization tree, current and as of a date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Substr

from dangbo.orgs.models import Organization, OrgVersion


def versions_at(at: dt.date) -> QuerySet[OrgVersion]:
    return OrgVersion.objects.filter(valid_from__lte=at).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=at)
    )


def version_of(org: Organization, at: dt.date) -> OrgVersion | None:
    return versions_at(at).filter(org=org).first()


def subtree_versions_at(org: Organization, at: dt.date) -> QuerySet[OrgVersion]:
    """The organizations under `org` (itself included) as the tree stood on `at`."""
    version = version_of(org, at)
    if version is None:
        return OrgVersion.objects.none()
    return versions_at(at).filter(path__startswith=version.path)


def scope_windows(scope: Organization, start: dt.date, end: dt.date) -> list[OrgVersion]:
    """The versions of `scope` that overlap [start, end]."""
    return list(
        OrgVersion.objects.filter(org=scope, valid_from__lte=end).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=start)
        )
    )


def dated_in_scope(
    queryset: QuerySet[Any],
    scope: Organization,
    start: dt.date,
    end: dt.date,
    *,
    org_field: str = "org_id",
    date_field: str = "date",
) -> QuerySet[Any]:
    """Rows dated in [start, end] whose organization was under `scope` on their own date,
    as the tree stood that day (so a 2021 figure stays the same after a 2025 move).

    `org_field` and `date_field` name the row's organization id and its date (lookups
    through relations are allowed, e.g. "case__cell_id")."""
    condition = Q(pk__in=[])
    for version in scope_windows(scope, start, end):
        org_then = OrgVersion.objects.filter(
            org_id=OuterRef(org_field),
            path__startswith=version.path,
            valid_from__lte=OuterRef(date_field),
        ).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=OuterRef(date_field)))
        window = Q(**{f"{date_field}__gte": max(start, version.valid_from)})
        window &= Q(**{f"{date_field}__lte": end})
        if version.valid_to is not None:
            window &= Q(**{f"{date_field}__lt": version.valid_to})
        condition |= window & Q(Exists(org_then))
    return queryset.filter(condition)


def resolve_code(code: str, at: dt.date | None = None) -> Organization | None:
    """Find an organization by its code, also by a code it had before (old documents)."""
    current = Organization.objects.filter(code=code).first()
    if current is not None and at is None:
        return current
    versions = OrgVersion.objects.filter(code=code).select_related("org")
    if at is not None:
        dated = versions_at(at).filter(code=code).select_related("org").first()
        if dated is not None:
            return dated.org
    if current is not None:
        return current
    latest = versions.order_by("-valid_from").first()
    return latest.org if latest else None


def current_member_counts(orgs: Iterable[Organization]) -> dict[int, int]:
    """Current members (not left) under each org: one grouped query per distinct depth.

    Members carry their cell's path, so the count of an org is the number of member
    rows whose path starts with the org's path: group by that prefix.
    """
    from dangbo.members.choices import MemberStatus
    from dangbo.members.models import Member

    by_depth: dict[int, dict[str, int]] = {}
    for org in orgs:
        by_depth.setdefault(len(org.path), {})[org.path] = org.pk
    counts: dict[int, int] = {}
    for length, ids in by_depth.items():
        condition = Q(pk__in=[])
        for prefix in _minimal_prefixes([p[: -Organization.steplen] or p for p in ids]):
            condition |= Q(org_path__startswith=prefix)
        rows = (
            Member.objects.filter(condition)
            .exclude(status=MemberStatus.LEFT)
            .annotate(prefix=Substr("org_path", 1, length))
            .values("prefix")
            .annotate(n=Count("id"))
            .order_by()
        )
        for row in rows:
            if row["prefix"] in ids:
                counts[ids[row["prefix"]]] = row["n"]
    return counts


def _minimal_prefixes(paths: Iterable[str]) -> list[str]:
    kept: list[str] = []
    for path in sorted(set(paths), key=len):
        if not any(path.startswith(k) for k in kept):
            kept.append(path)
    return kept


def ancestor_paths(path: str) -> list[str]:
    """The paths of the ancestors of the node at `path`, root first."""
    step = Organization.steplen
    return [path[:end] for end in range(step, len(path), step)]


def org_search(
    user: Any, query: str, *, include_dissolved: bool = False, limit: int = 50
) -> list[tuple[Organization, list[str]]]:
    """Organizations the user may see whose code or name matches every word of `query`
    (without diacritics or case), each with the names of its visible ancestors."""
    from dangbo.core.scope import Action, scoped
    from dangbo.core.text import fold

    orgs = scoped(user, Action.VIEW, Organization.objects.all())
    if not include_dissolved:
        orgs = orgs.filter(dissolved_on__isnull=True)
    words = fold(query).split()
    if not words:
        return []
    for word in words:
        orgs = orgs.filter(search_text__contains=word)
    found = list(orgs.order_by("path")[:limit])
    wanted = {p for org in found for p in ancestor_paths(org.path)}
    names = dict(
        scoped(user, Action.VIEW, Organization.objects.filter(path__in=wanted)).values_list(
            "path", "name"
        )
    )
    return [(org, [names[p] for p in ancestor_paths(org.path) if p in names]) for org in found]


def org_pick(
    user: Any,
    query: str,
    *,
    action: Any,
    kinds: Iterable[str] = (),
    exclude: Organization | None = None,
    limit: int = 20,
) -> list[tuple[Organization, list[str]]]:
    """Active organizations the user may `action` whose code or name holds every word of
    `query` (without diacritics or case): an exact code first, then the higher levels,
    each with the names of its two nearest visible ancestors (root first)."""
    from dangbo.core.scope import Action, scoped
    from dangbo.core.text import fold

    orgs = scoped(user, action, Organization.objects.filter(dissolved_on__isnull=True))
    if kinds:
        orgs = orgs.filter(kind__in=list(kinds))
    if exclude is not None:
        orgs = orgs.exclude(path__startswith=exclude.path)
    text = query.strip()
    for word in fold(text).split():
        orgs = orgs.filter(search_text__contains=word)
    exact = Case(
        When(code__iexact=text, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    found = list(orgs.annotate(exact=exact).order_by("exact", "depth", "path")[:limit])
    wanted = {p for org in found for p in ancestor_paths(org.path)[-2:]}
    names = dict(
        scoped(user, Action.VIEW, Organization.objects.filter(path__in=wanted)).values_list(
            "path", "name"
        )
    )
    return [(org, [names[p] for p in ancestor_paths(org.path)[-2:] if p in names]) for org in found]


def upper_org_names(user: Any, orgs: Iterable[Organization]) -> dict[int, str]:
    """For each organization, what tells it apart from its namesakes elsewhere: the base
    organization it belongs to and any level between ("Đảng bộ Sở Tài chính" for its
    "Chi bộ Văn phòng"), or the parent of a base organization. Only names the user may
    see; one query for any number of organizations."""
    from dangbo.core.scope import Action, scoped
    from dangbo.orgs.models import BASE_KINDS

    orgs = list({org.pk: org for org in orgs}.values())
    wanted = {p for org in orgs for p in ancestor_paths(org.path)}
    if not wanted:
        return {}
    ancestors = {
        path: (name, kind)
        for path, name, kind in scoped(
            user, Action.VIEW, Organization.objects.filter(path__in=wanted)
        ).values_list("path", "name", "kind")
    }
    out: dict[int, str] = {}
    for org in orgs:
        chain: list[str] = []
        for path in reversed(ancestor_paths(org.path)):
            if path not in ancestors:
                break
            name, kind = ancestors[path]
            chain.append(name)
            if kind in BASE_KINDS or org.kind in BASE_KINDS or len(chain) == 3:
                break
        if chain:
            out[org.pk] = " › ".join(reversed(chain))
    return out
