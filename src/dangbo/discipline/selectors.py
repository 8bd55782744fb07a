"""Read-side queries of the discipline app."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet

from dangbo.accounts.selectors import record_history
from dangbo.core.scope import Action, scoped
from dangbo.core.text import fold
from dangbo.discipline.models import CaseKind, CaseStatus, DisciplineCase, Form
from dangbo.discipline.rules import BASE_LEVEL_KINDS
from dangbo.orgs.models import Organization
from dangbo.orgs.selectors import dated_in_scope

# Most serious first: the one a year's rating facts show.
SEVERITY = [Form.DISSOLUTION, Form.EXPULSION, Form.STRUCK_OFF, Form.DISMISSAL, Form.WARNING,
            Form.REPRIMAND]  # fmt: skip

LEVEL_BASE = "base"
LEVEL_SUPERIOR = "superior"
LEVEL_CHOICES = [(LEVEL_SUPERIOR, "Cấp trên cơ sở"), (LEVEL_BASE, "Cấp cơ sở (gồm chi bộ)")]


def form_q(form: str) -> Q:
    """Cases whose form in force is `form` (changed after a complaint, or as decided)."""
    return Q(changed_form=form) | Q(changed_form="", form=form)


def counting() -> QuerySet[DisciplineCase]:
    """Party decisions still in force (not annulled after a complaint)."""
    return DisciplineCase.objects.filter(kind=CaseKind.DECISION, status=CaseStatus.IN_FORCE)


def base_level_q() -> Q:
    return Q(body_org__kind__in=BASE_LEVEL_KINDS)


def cases_in_scope(
    scope: Organization, start: dt.date, end: dt.date, *, kind: str = CaseKind.DECISION
) -> QuerySet[DisciplineCase]:
    """Cases decided in [start, end] whose subject was under `scope` on the decision date,
    as the tree stood that day."""
    base = (
        counting()
        if kind == CaseKind.DECISION
        else DisciplineCase.objects.filter(kind=CaseKind.INFORMATION)
    )
    qs = dated_in_scope(
        base, scope, start, end, org_field="subject_org_id", date_field="decision_date"
    )
    return qs.select_related("member__person", "body_org", "subject_org")


def case_list(
    user: Any,
    *,
    query: str = "",
    year: int | None = None,
    form: str = "",
    level: str = "",
    subject_kind: str = "",
    status: str = "",
    kind: str = "",
) -> QuerySet[DisciplineCase]:
    """The cases the user may see, searched (without diacritics) by the subject's name or
    the decision number, with the list's filters."""
    qs = scoped(user, Action.VIEW, DisciplineCase.objects.all())
    qs = qs.select_related("member__person", "organization", "body_org", "subject_org")
    if year:
        qs = qs.filter(decision_date__year=year)
    if form:
        qs = qs.filter(form_q(form))
    if level == LEVEL_BASE:
        qs = qs.filter(base_level_q())
    elif level == LEVEL_SUPERIOR:
        qs = qs.filter(body_org__isnull=False).exclude(base_level_q())
    if subject_kind:
        qs = qs.filter(subject_kind=subject_kind)
    if status == "late_notice":
        qs = qs.filter(notice_late=True)
    elif status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    for word in fold(query).split():
        qs = qs.filter(search_text__contains=word)
    return qs.order_by("-decision_date", "-pk")


def member_cases_in_year(member_ids: Iterable[int], year: int) -> dict[int, DisciplineCase]:
    """{member id: the most serious Party discipline decided in `year` and still in force}
    (what caps the member's yearly rating; information from other bodies does not)."""
    found: dict[int, DisciplineCase] = {}
    ids = list(member_ids)
    if not ids:
        return found
    qs = counting().filter(member_id__in=ids, decision_date__year=year)
    for case in qs.order_by("decision_date", "pk"):
        member_id = int(case.member_id or 0)
        current = found.get(member_id)
        rank = SEVERITY.index(Form(case.effective_form))
        if current is None or rank < SEVERITY.index(Form(current.effective_form)):
            found[member_id] = case
    return found


def orgs_disciplined_in_year(org_ids: Iterable[int], year: int) -> set[int]:
    """Organizations disciplined (as organizations) in `year`, decision in force."""
    return set(
        counting()
        .filter(organization_id__in=list(org_ids), decision_date__year=year)
        .values_list("organization_id", flat=True)
    )


def linked_complaints(user: Any, case: DisciplineCase) -> list[Any]:
    """The inspection app's letters about this case that the user may see (a letter is
    placed by its settling body, which may be outside the user's part of the tree)."""
    return list(scoped(user, Action.VIEW, case.complaints.all())[:50])  # type: ignore[attr-defined]


def case_history(case: DisciplineCase, viewer: Any) -> QuerySet[Any]:
    """Who changed the case, when; who read it only for an administrator (record_history)."""
    return record_history("discipline_case", case.pk, reads=True, viewer=viewer)
