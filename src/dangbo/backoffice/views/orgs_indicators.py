"""The indicator page: every registered indicator of one organization as of a date,
and the records behind each figure (scoped, paged)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.backoffice.views.orgs_common import (
    HEADLINE_KEYS,
    date_param,
    paginate,
    query_without_page,
    records_url,
    scope_roots,
)
from dangbo.core.scope import Action, get_scoped_or_404, scoped
from dangbo.core.text import format_number
from dangbo.indicators import registry
from dangbo.members.models import Member
from dangbo.orgs.models import Organization

GROUP_LABELS = {
    "members": "Đảng viên",
    "orgs": "Tổ chức đảng",
    "flows": "Biến động trong năm (từ 01/01 đến ngày chọn)",
    "admission": "Kết nạp đảng viên, dự bị, kết luận tiêu chuẩn chính trị",
    "rating": "Đánh giá, xếp loại chất lượng",
    "badges": "Huy hiệu Đảng",
    "dues": "Đảng phí",
    "meetings": "Sinh hoạt chi bộ, cấp ủy",
    "commitments": "Cam kết nêu gương, nhận xét nơi cư trú",
    "studies": "Học tập, quán triệt, bồi dưỡng, hội thi",
    "inspection": "Kiểm tra, giám sát",
    "complaints": "Đơn thư khiếu nại, tố cáo",
    "discipline": "Kỷ luật đảng",
    "emulation": "Thi đua, khen thưởng, Dân vận khéo",
    "massorgs": "Đoàn thể chính trị - xã hội",
}
# Breakdowns drawn as a bar chart as well as a table.
CHART_KEYS = {"members.by_age_band"}
# How many organizations the picker lists; the organization page links here for any other.
PICKER_LIMIT = 300


def _display(value: Any) -> str:
    return format_number(value, 2 if isinstance(value, float) else 0)


def _chosen_org(request: HttpRequest) -> Organization | None:
    raw = request.GET.get("org", "").strip()
    if raw:
        return get_scoped_or_404(request.user, Action.VIEW, Organization.objects.all(), pk=raw)
    roots = scope_roots(request.user)
    return roots[0] if roots else None


def _period_param(request: HttpRequest) -> tuple[dt.date, dt.date] | None:
    """The period of GET from/to (dd/mm/yyyy), as indicators.links.records_url writes it."""
    start, _ = date_param(request, "from")
    end, _ = date_param(request, "to")
    if not request.GET.get("from") or not request.GET.get("to") or start > end:
        return None
    return (start, end)


def _picker(user: Any, chosen: Organization) -> list[tuple[int, str]]:
    """(pk, name indented by depth) of the organizations the picker offers."""
    orgs = scoped(user, Action.VIEW, Organization.objects.filter(dissolved_on__isnull=True))
    listed = list(orgs.order_by("path")[:PICKER_LIMIT])
    if chosen.pk not in {o.pk for o in listed}:
        listed.insert(0, chosen)
    top = min(o.depth for o in listed)
    return [(o.pk, "\u2003" * (o.depth - top) + o.name) for o in listed]


@login_required
def indicator_list(request: HttpRequest) -> HttpResponse:
    org = _chosen_org(request)
    at, at_error = date_param(request)
    if org is None:
        return render(request, "backoffice/indicators/list.html", {"org": None, "at": at})
    groups: dict[str, dict[str, Any]] = {}
    context = registry.Context(scope=org, at=at)
    for ind in registry.all_indicators():
        value = ind.value(context)
        item: dict[str, Any] = {
            "key": ind.key,
            "label": ind.label,
            "unit": ind.unit,
            "url": records_url(ind.key, org, at),
            "rows": None,
        }
        if isinstance(value, dict):
            item["rows"] = [(label, _display(n)) for label, n in value.items()]
            item["total"] = _display(sum(value.values()))
            if ind.key in CHART_KEYS:
                item["chart_id"] = "chart-" + ind.key.replace(".", "-")
                item["chart"] = {
                    "labels": list(value),
                    "values": list(value.values()),
                    "label": ind.label,
                }
        else:
            item["value"] = _display(value)
        group = groups.setdefault(
            ind.group, {"label": GROUP_LABELS.get(ind.group, ind.group or "Khác"), "items": []}
        )
        group["items"].append(item)
    return render(
        request,
        "backoffice/indicators/list.html",
        {
            "org": org,
            "at": at,
            "at_error": at_error,
            "groups": _ordered_groups(groups),
            "picker": _picker(request.user, org),
            "has_chart": any("chart" in i for g in groups.values() for i in g["items"]),
        },
    )


def _ordered_groups(groups: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Known groups first; in each, the headline figures, other figures, then breakdowns."""
    known = list(GROUP_LABELS)
    rank = {key: i for i, key in enumerate(HEADLINE_KEYS)}
    for group in groups.values():
        group["items"].sort(
            key=lambda i: (i["rows"] is not None, rank.get(i["key"], len(rank)), i["key"])
        )
    order = sorted(groups, key=lambda g: (known.index(g) if g in known else len(known), g))
    return [groups[g] for g in order]


def _ordered(records: QuerySet[Any]) -> QuerySet[Any]:
    if records.model is Member:
        return records.select_related("person", "cell").order_by("person__search_name", "pk")
    if records.model is Organization:
        return records.order_by("path")
    return records.order_by("pk")


@login_required
def indicator_records(request: HttpRequest, key: str) -> HttpResponse:
    try:
        ind = registry.get(key)
    except KeyError as exc:
        raise Http404 from exc
    org = _chosen_org(request)
    if org is None:
        raise Http404
    at, at_error = date_param(request)
    result = ind(registry.Context(scope=org, at=at, period=_period_param(request)))
    records = result.records
    kind = "other"
    page = None
    if records is not None:
        try:
            visible = scoped(request.user, Action.VIEW, records)
        except LookupError:  # a model without a place in the tree: show nothing
            visible = records.none()
        page = paginate(request, _ordered(visible))
        if records.model is Member:
            kind = "member"
            audit_log(
                user=request.user,
                action=AuditAction.VIEW,
                object_type="member_list",
                object_id=org.pk,
                description=f"Xem danh sách “{ind.label}” của {org.name} "
                f"tính đến {at:%d/%m/%Y} (trang {page.number})",
                request=request,
            )
        elif records.model is Organization:
            kind = "org"
    value = result.value
    return render(
        request,
        "backoffice/indicators/records.html",
        {
            # The Indicator itself is callable, which templates would call.
            "indicator": {"key": ind.key, "label": ind.label, "unit": ind.unit},
            "org": org,
            "at": at,
            "at_error": at_error,
            "value": _display(value) if not isinstance(value, dict) else None,
            "breakdown": [(k, _display(v)) for k, v in value.items()]
            if isinstance(value, dict)
            else None,
            "page": page,
            "kind": kind,
            "pager_query": query_without_page(request),
        },
    )
