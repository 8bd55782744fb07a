"""Reads of the organization tree, current and as of a date."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

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


def children_with_counts(org: Organization) -> QuerySet[Organization]:
    return Organization.objects.get_children(org).order_by("dissolved_on", "name")
