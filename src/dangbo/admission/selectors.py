"""Reads of admission work: the case list, an organization's pipeline, what is due."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from dangbo.admission import rules
from dangbo.admission.models import AdmissionCase, CaseStatus, PoliticalStandardConclusion, Stage
from dangbo.core.scope import Action, scoped
from dangbo.core.text import fold
from dangbo.members.choices import MemberStatus
from dangbo.members.models import Member
from dangbo.orgs.models import Organization

# How far ahead the due list looks.
DUE_HORIZON_DAYS = 60


def case_list(
    user: Any,
    *,
    query: str = "",
    org: Organization | None = None,
    stage: str = "",
    status: str = "",
) -> QuerySet[AdmissionCase]:
    cases = scoped(user, Action.VIEW, AdmissionCase.objects.all()).select_related("person", "cell")
    if org is not None:
        cases = cases.filter(org_path__startswith=org.path)
    if stage:
        cases = cases.filter(stage=stage)
    if status:
        cases = cases.filter(status=status)
    for word in fold(query).split():
        cases = cases.filter(person__search_name__contains=word)
    return cases.order_by("person__search_name", "pk")


def pipeline(user: Any, org: Organization) -> list[dict[str, Any]]:
    """Open cases under `org` by stage, in the order of the steps (every stage listed)."""
    cases = scoped(user, Action.VIEW, AdmissionCase.objects.filter(org_path__startswith=org.path))
    open_cases = cases.filter(status__in=[CaseStatus.PREPARING, CaseStatus.PROBATION])
    counts = dict(open_cases.values_list("stage").annotate(n=Count("id")).order_by())
    return [
        {"stage": value, "label": label, "count": counts.get(value, 0)}
        for value, label in Stage.choices
        if value not in (Stage.RECOGNITION, Stage.NOT_RECOGNIZED, Stage.WITHDRAWN)
    ]


@dataclass
class DueItem:
    name: str
    cell: str
    url: str
    what: str
    due_on: dt.date
    overdue: bool


_DUE_TEXT: dict[str, str] = {
    Stage.CELL_RESOLUTION: "Chờ quyết định kết nạp",
    Stage.HIGHER_RESOLUTION: "Chờ quyết định kết nạp",
    Stage.DECISION: "Chờ tổ chức lễ kết nạp",
    Stage.CEREMONY: "Hết dự bị: chi bộ xét công nhận chính thức",
    Stage.RECOGNITION_RESOLUTION: "Chờ quyết định công nhận chính thức",
}
PROBATION_TEXT = _DUE_TEXT[Stage.CEREMONY]


def due_items(user: Any, today: dt.date, org: Organization | None = None) -> list[DueItem]:
    """What falls due within the horizon or is overdue: expiring certificates, late
    decisions and ceremonies, probations ending; also probationers recorded without a case
    (entered or imported directly), whose recognition is due all the same."""
    horizon = today + dt.timedelta(days=DUE_HORIZON_DAYS)
    cases = scoped(user, Action.VIEW, AdmissionCase.objects.all()).filter(
        status__in=[CaseStatus.PREPARING, CaseStatus.PROBATION], due_on__lte=horizon
    )
    members = scoped(user, Action.VIEW, Member.objects.filter(status=MemberStatus.PROBATIONARY))
    members = members.filter(admission_case__isnull=True, admitted_on__isnull=False)
    if org is not None:
        cases = cases.filter(org_path__startswith=org.path)
        members = members.filter(org_path__startswith=org.path)
    items = []
    for case in cases.select_related("person", "cell"):
        assert case.due_on is not None
        what = _DUE_TEXT.get(case.stage, "Giấy chứng nhận lớp nhận thức về Đảng hết giá trị")
        url = reverse("admission:case_detail", args=[case.pk])
        items.append(
            DueItem(
                case.person.full_name, case.cell.name, url, what, case.due_on, case.due_on < today
            )
        )
    for member in members.select_related("person", "cell"):
        assert member.admitted_on is not None
        _, due = rules.recognition_deadline(member.admitted_on, member.ceremony_on)
        if due <= horizon:
            url = reverse("backoffice:member_detail", args=[member.pk])
            cell = member.cell.name if member.cell else ""
            items.append(
                DueItem(member.person.full_name, cell, url, PROBATION_TEXT, due, due < today)
            )
    return sorted(items, key=lambda i: (i.due_on, i.name))


def conclusion_list(
    user: Any,
    *,
    query: str = "",
    purpose: str = "",
    result: str = "",
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> QuerySet[PoliticalStandardConclusion]:
    """Conclusions are internal political protection: they need Action.VIEW_SENSITIVE."""
    rows = scoped(user, Action.VIEW_SENSITIVE, PoliticalStandardConclusion.objects.all())
    rows = rows.select_related("person", "org")
    if purpose:
        rows = rows.filter(purpose=purpose)
    if result:
        rows = rows.filter(result=result)
    if start:
        rows = rows.filter(concluded_on__gte=start)
    if end:
        rows = rows.filter(concluded_on__lte=end)
    for word in fold(query).split():
        rows = rows.filter(Q(person__search_name__contains=word))
    return rows.order_by("-concluded_on", "-pk")
