"""Read-side queries of the inspection app. Everything a user sees goes through scope."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Coalesce

from dangbo.accounts.selectors import record_history as history  # noqa: F401  (views use selectors.history)
from dangbo.core.scope import Action, scope_of, scope_q, scoped
from dangbo.core.text import fold
from dangbo.inspection.models import (
    Complaint,
    InspectionItem,
    InspectionPlan,
    ItemStatus,
    LetterStatus,
)
from dangbo.orgs.models import Organization
from dangbo.orgs.selectors import dated_in_scope

EARLIEST = dt.date(2000, 1, 1)


@dataclass(frozen=True)
class Completion:
    """ "09/12 cuộc – 75%": planned items done out of the planned items."""

    done: int
    planned: int
    unplanned: int = 0

    @property
    def percent(self) -> float | None:
        return round(100 * self.done / self.planned, 2) if self.planned else None


def completion_of(plan_ids: list[int]) -> dict[int, Completion]:
    rows = (
        InspectionItem.objects.filter(plan_id__in=plan_ids)
        .values("plan_id")
        .annotate(
            planned=Count("id", filter=Q(planned_quarter__isnull=False)),
            done=Count("id", filter=Q(planned_quarter__isnull=False, status=ItemStatus.DONE)),
            unplanned=Count("id", filter=Q(unplanned=True)),
        )
    )
    found = {r["plan_id"]: Completion(r["done"], r["planned"], r["unplanned"]) for r in rows}
    return {pk: found.get(pk, Completion(0, 0)) for pk in plan_ids}


def _words(query: str) -> list[str]:
    return fold(query).split()


def plan_list(
    user: Any, action: Action = Action.VIEW, *, query: str = "", year: int | None = None,
    body: str = "", org: Organization | None = None,
) -> QuerySet[InspectionPlan]:  # fmt: skip
    plans = scoped(user, action, InspectionPlan.objects.select_related("org"))
    for word in _words(query):
        plans = plans.filter(search__contains=word)
    if year:
        plans = plans.filter(year=year)
    if body:
        plans = plans.filter(body=body)
    if org is not None:
        plans = plans.filter(org__path__startswith=org.path)
    return plans.order_by("-year", "org__path", "body")


def item_list(
    user: Any, action: Action = Action.VIEW, *, query: str = "", year: int | None = None,
    kind: str = "", status: str = "", body: str = "", org: Organization | None = None,
    unplanned: bool | None = None,
) -> QuerySet[InspectionItem]:  # fmt: skip
    items = scoped(
        user, action,
        InspectionItem.objects.select_related("plan__org", "subject_org", "subject_member__person"),
    )  # fmt: skip
    for word in _words(query):
        items = items.filter(search__contains=word)
    if year:
        items = items.filter(plan__year=year)
    if kind:
        items = items.filter(kind=kind)
    if status:
        items = items.filter(status=status)
    if body:
        items = items.filter(plan__body=body)
    if org is not None:
        items = items.filter(plan__org__path__startswith=org.path)
    if unplanned is not None:
        items = items.filter(unplanned=unplanned)
    return items.order_by("-plan__year", "plan__org__path", "ref_date", "pk")


def with_due(letters: QuerySet[Complaint]) -> QuerySet[Complaint]:
    return letters.annotate(due_on=Coalesce(F("extended_to"), F("deadline")))


def overdue_q(on: dt.date) -> Q:
    """Open letters past their deadline (or its extension) on `on`."""
    return Q(status=LetterStatus.OPEN, due_on__lt=on)


def letter_list(
    user: Any, action: Action = Action.VIEW, *, query: str = "", kind: str = "",
    status: str = "", overdue: bool = False, body: str = "", year: int | None = None,
    org: Organization | None = None, on: dt.date,
) -> QuerySet[Complaint]:  # fmt: skip
    """Letters in scope. The search matches number and subject; the sender only on the
    letters whose sender the user may see (Action.VIEW_COMPLAINANT on their path)."""
    letters = with_due(scoped(user, action, Complaint.objects.select_related("settling_org")))
    may_see = scope_q(user, Action.VIEW_COMPLAINANT, Complaint)
    for word in _words(query):
        condition = Q(search__contains=word)
        if may_see is None:
            condition |= Q(sender_search__contains=word)
        elif scope_of(user).allows(Action.VIEW_COMPLAINANT):
            condition |= Q(sender_search__contains=word) & may_see
        letters = letters.filter(condition)
    if kind:
        letters = letters.filter(kind=kind)
    if status:
        letters = letters.filter(status=status)
    if overdue:
        letters = letters.filter(overdue_q(on))
    if body:
        letters = letters.filter(settling_body=body)
    if year:
        letters = letters.filter(received_on__year=year)
    if org is not None:
        letters = letters.filter(settling_org__path__startswith=org.path)
    return letters.order_by("-received_on", "-pk")


def overdue_letters(user: Any, on: dt.date) -> QuerySet[Complaint]:
    return letter_list(user, overdue=True, on=on).order_by("due_on", "pk")


def may_see_sender(user: Any, letter: Complaint) -> bool:
    return scope_of(user).covers_path(Action.VIEW_COMPLAINANT, letter.settling_org.path)


# --- For the indicators ----------------------------------------------------------------------


def items_in_scope(scope: Organization, start: dt.date, end: dt.date) -> QuerySet[InspectionItem]:
    """Items of the plans of any body of `scope` or below, counted on their day (the planned
    quarter's first day, or the day an unplanned one was decided) by the tree as it stood."""
    return dated_in_scope(
        InspectionItem.objects.all(), scope, start, end,
        org_field="plan__org_id", date_field="ref_date",
    )  # fmt: skip


def letters_received(scope: Organization, start: dt.date, end: dt.date) -> QuerySet[Complaint]:
    return dated_in_scope(
        Complaint.objects.all(), scope, start, end,
        org_field="settling_org_id", date_field="received_on",
    )  # fmt: skip


def letters_settled(scope: Organization, start: dt.date, end: dt.date) -> QuerySet[Complaint]:
    return dated_in_scope(
        Complaint.objects.filter(status=LetterStatus.SETTLED), scope, start, end,
        org_field="settling_org_id", date_field="settled_on",
    )  # fmt: skip


def letters_overdue(scope: Organization, start: dt.date, end: dt.date) -> QuerySet[Complaint]:
    """Not settled by the deadline as of `end`: received by `end`, the deadline (or its
    extension) passed before `end`, and either still unsettled on `end`, or settled late
    within the period."""
    received = with_due(letters_received(scope, EARLIEST, end))
    unsettled_at_end = (Q(settled_on__isnull=True) | Q(settled_on__gt=end)) & (
        Q(closed_on__isnull=True) | Q(closed_on__gt=end)
    )
    settled_late = Q(settled_on__gte=start, settled_on__lte=end, settled_on__gt=F("due_on"))
    late = received.filter(due_on__lt=end)  # type: ignore[misc]
    return late.filter(unsettled_at_end | settled_late)
