"""Indicators on the organization tree, computed from OrgVersion as of the date."""

from __future__ import annotations

from django.db.models import Count

from dangbo.indicators.registry import Context, Result, indicator
from dangbo.orgs.models import Organization, OrgKind, Sector
from dangbo.orgs.selectors import subtree_versions_at


def _orgs_of_kinds(context: Context, *kinds: str) -> Result:
    versions = subtree_versions_at(context.scope, context.at).filter(kind__in=kinds)
    versions = versions.exclude(org=context.scope)
    records = Organization.objects.filter(pk__in=versions.values("org_id"))
    return Result(value=versions.count(), records=records)


@indicator("orgs.base", "Tổ chức cơ sở đảng", "tổ chức", group="orgs")
def orgs_base(context: Context) -> Result:
    return _orgs_of_kinds(context, OrgKind.BASE_COMMITTEE, OrgKind.BASE_CELL)


@indicator("orgs.base_committees", "Đảng bộ cơ sở", "tổ chức", group="orgs")
def orgs_base_committees(context: Context) -> Result:
    return _orgs_of_kinds(context, OrgKind.BASE_COMMITTEE)


@indicator("orgs.base_cells", "Chi bộ cơ sở", "tổ chức", group="orgs")
def orgs_base_cells(context: Context) -> Result:
    return _orgs_of_kinds(context, OrgKind.BASE_CELL)


@indicator("orgs.sub_committees", "Đảng bộ bộ phận", "tổ chức", group="orgs")
def orgs_sub_committees(context: Context) -> Result:
    return _orgs_of_kinds(context, OrgKind.SUB_COMMITTEE)


@indicator("orgs.sub_cells", "Chi bộ trực thuộc", "tổ chức", group="orgs")
def orgs_sub_cells(context: Context) -> Result:
    return _orgs_of_kinds(context, OrgKind.SUB_CELL)


@indicator("orgs.base_by_sector", "Tổ chức cơ sở đảng theo loại hình", "tổ chức", group="orgs")
def orgs_base_by_sector(context: Context) -> Result:
    base = _orgs_of_kinds(context, OrgKind.BASE_COMMITTEE, OrgKind.BASE_CELL)
    versions = subtree_versions_at(context.scope, context.at).filter(
        kind__in=(OrgKind.BASE_COMMITTEE, OrgKind.BASE_CELL)
    )
    labels = dict(Sector.choices)
    counts = versions.values("sector").annotate(n=Count("id")).order_by("sector")
    value = {str(labels.get(row["sector"], "Khác")): row["n"] for row in counts}
    return Result(value=value, records=base.records)
