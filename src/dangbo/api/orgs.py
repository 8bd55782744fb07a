"""The organization tree, current or as it stood on a date, within the caller's scope."""

import datetime as dt
from typing import Any, Literal

from django.db.models import F, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Cast, Left, Length
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from dangbo.api.common import Pages, day_param, user_of, visible_org
from dangbo.api.schemas import INVALID, NOT_FOUND, UNAUTHORIZED, OrgDetailOut, OrgOut
from dangbo.core.scope import Action, scoped
from dangbo.core.text import fold
from dangbo.orgs.models import Organization, OrgKind, OrgVersion
from dangbo.orgs.selectors import resolve_code, version_of, versions_at

router = Router(tags=["Tổ chức đảng"])

STEP = Organization.steplen


def _with_parent_code(orgs: QuerySet[Organization]) -> QuerySet[Organization]:
    parent = Organization.objects.filter(
        path=Left(OuterRef("path"), (OuterRef("depth") - 1) * STEP)
    ).values("code")[:1]
    return orgs.annotate(parent_code=Subquery(parent))


def _versions_as_rows(versions: QuerySet[OrgVersion], at: dt.date) -> QuerySet[OrgVersion]:
    """OrgVersions shaped like Organization rows (depth, parent's code then, dates)."""
    parent_then = versions_at(at).filter(org=OuterRef("parent")).values("code")[:1]
    return versions.annotate(
        depth=Cast(Length("path") / STEP, IntegerField()),
        parent_code=Subquery(parent_then),
        founded_on=F("org__founded_on"),
        dissolved_on=F("org__dissolved_on"),
    )


class OrgFilters(Schema):
    parent: str = ""
    kind: OrgKind | Literal[""] = ""
    q: str = ""
    include_dissolved: bool = False


@router.get(
    "/orgs",
    response={200: list[OrgOut], **UNAUTHORIZED, **NOT_FOUND, **INVALID},
    summary="Danh sách tổ chức đảng trong phạm vi",
)
@paginate(Pages, page_size=50)
def org_list(request: HttpRequest, filters: Query[OrgFilters]) -> Any:
    """Lọc theo mã tổ chức cấp trên (`parent`, cả mã cũ), loại (`kind`), từ khóa (`q`)."""
    orgs = scoped(user_of(request), Action.VIEW, Organization.objects.all())
    if filters.kind:
        orgs = orgs.filter(kind=filters.kind)
    if filters.parent:
        parent = resolve_code(filters.parent)
        if parent is None:
            return Organization.objects.none()
        orgs = orgs.filter(path__startswith=parent.path, depth=parent.depth + 1)
    if not filters.include_dissolved:
        orgs = orgs.filter(dissolved_on__isnull=True)
    for word in fold(filters.q).split():
        orgs = orgs.filter(search_text__contains=word)
    return _with_parent_code(orgs).order_by("path")


@router.get(
    "/orgs/{code}",
    response={200: OrgDetailOut, **UNAUTHORIZED, **NOT_FOUND, **INVALID},
    summary="Một tổ chức đảng (cả mã cũ)",
)
def org_detail(request: HttpRequest, code: str, at: str = "") -> Any:
    """Với `at=YYYY-MM-DD`: tên, mã, loại và cấp trên của tổ chức vào ngày đó."""
    day = day_param(at) if at else None
    org = visible_org(user_of(request), code, at=day)
    former = sorted(
        set(OrgVersion.objects.filter(org=org).values_list("code", flat=True)) - {org.code}
    )
    if day is None:
        row: Any = _with_parent_code(Organization.objects.filter(pk=org.pk)).get()
        row.at = timezone.localdate()
    else:
        if version_of(org, day) is None:
            raise HttpError(404, f"Tổ chức {code} không tồn tại vào ngày {day:%d/%m/%Y}.")
        row = _versions_as_rows(versions_at(day).filter(org=org), day).get()
        row.at = day
        row.host_unit_name = org.host_unit_name
    row.former_codes = former
    return row


@router.get(
    "/orgs/{code}/children",
    response={200: list[OrgOut], **UNAUTHORIZED, **NOT_FOUND, **INVALID},
    summary="Tổ chức trực thuộc (trong phạm vi)",
)
@paginate(Pages, page_size=100)
def org_children(
    request: HttpRequest, code: str, at: str = "", include_dissolved: bool = False
) -> Any:
    user = user_of(request)
    day = day_param(at) if at else None
    org = visible_org(user, code, at=day)
    if day is not None:
        visible = scoped(user, Action.VIEW, Organization.objects.all()).values("pk")
        versions = versions_at(day).filter(parent=org, org_id__in=visible)
        return _versions_as_rows(versions, day).order_by("path")
    children = scoped(user, Action.VIEW, Organization.objects.get_children(org))
    if not include_dissolved:
        children = children.filter(dissolved_on__isnull=True)
    return _with_parent_code(children).order_by("path")
