"""Contests: list, export, detail with entrants and prizes, forms."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from dangbo.core.listing import export_response, list_context, require_export
from dangbo.core.locking import versioned_initial
from dangbo.core.scope import Action, get_scoped_or_404, scope_of, scoped
from dangbo.members.forms import attach_errors
from dangbo.members.models import Member
from dangbo.studies import selectors, services
from dangbo.studies.forms import ContestForm, EntrantForm, FilterForm
from dangbo.studies.models import Contest, ContestKind, Entrant, Prize
from dangbo.studies.views.common import active_orgs, filter_values, need_educate, need_view

PRIZE_ORDER: dict[str, int] = {
    Prize.FIRST: 0,
    Prize.SECOND: 1,
    Prize.THIRD: 2,
    Prize.CONSOLATION: 3,
    Prize.NONE: 4,
}


def _rows(request: HttpRequest, action: Action) -> tuple[FilterForm, Any]:
    user = request.user
    form = FilterForm(
        request.GET or None, orgs=active_orgs(user, Action.VIEW), kinds=ContestKind.choices
    )
    data = filter_values(form)
    contests = selectors.contest_list(
        user, query=data.get("q") or "", org=data.get("org"), year=data.get("year"),
        kind=data.get("kind") or "", action=action,
    )  # fmt: skip
    return form, contests


@login_required
def contest_list(request: HttpRequest) -> HttpResponse:
    need_view(request.user)
    form, contests = _rows(request, Action.VIEW)
    can_educate = scope_of(request.user).allows(Action.EDUCATE)
    return render(
        request,
        "studies/contest_list.html",
        list_context(request, form, contests, can_educate=can_educate),
    )


def _contest_cells(c: Any) -> list[Any]:  # a Contest annotated with entrant_count
    prizes = [e.prize for e in c.entrants.all()]
    return [
        c.title, c.get_kind_display(), c.held_on, c.org.name, c.entrant_count,
        prizes.count(Prize.FIRST), prizes.count(Prize.SECOND), prizes.count(Prize.THIRD),
        prizes.count(Prize.CONSOLATION),
    ]  # fmt: skip


@login_required
def contest_export(request: HttpRequest) -> HttpResponse:
    require_export(request.user)
    _form, contests = _rows(request, Action.EXPORT)
    return export_response(
        request,
        rows=contests.prefetch_related("entrants"),
        object_type="contest",
        description=lambda n: f"Xuất danh sách hội thi: {n} hội thi",
        filename="hoi-thi.xlsx",
        title="Hội thi",
        headings=["Hội thi", "Loại", "Ngày", "Tổ chức đảng tổ chức", "Thí sinh", "Giải Nhất",
                  "Giải Nhì", "Giải Ba", "Giải Khuyến khích"],
        row=_contest_cells,
    )  # fmt: skip


def _contest(user: Any, pk: int, *, change: bool = False) -> Contest:
    contest = get_scoped_or_404(user, Action.VIEW, Contest.objects.select_related("org"), pk=pk)
    if change:
        need_educate(user, contest.org)
    return contest


@login_required
def contest_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    contest = _contest(user, pk)
    entrants = sorted(
        contest.entrants.select_related("org", "member"),
        key=lambda e: (PRIZE_ORDER.get(e.prize, 9), e.search_name, e.pk),
    )
    counts = {p.label: sum(1 for e in entrants if e.prize == p.value) for p in Prize if p.value}
    return render(
        request, "studies/contest_detail.html",
        {
            "contest": contest, "entrants": entrants, "counts": counts,
            "prized": sum(1 for e in entrants if e.prize),
            "history": selectors.history(services.CONTEST, contest.pk)[:100],
            "can_change": scope_of(user).covers_path(Action.EDUCATE, contest.org.path),
        },
    )  # fmt: skip


def _contest_form(request: HttpRequest, contest: Contest | None) -> HttpResponse:
    user = request.user
    fields = ("org", "kind", "title", "held_on", "place", "note")
    initial = {f: getattr(contest, f) for f in fields} if contest else {}
    data = request.POST if request.method == "POST" else None
    form = ContestForm(
        data, initial=versioned_initial(contest, **initial), orgs=active_orgs(user, Action.EDUCATE)
    )
    if data is not None and form.is_valid():
        try:
            saved = services.contest_save(
                expected_version=form.expected_version,
                contest=contest,
                acting_user=user,
                **{f: form.cleaned_data[f] for f in fields},
            )
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, f"Đã ghi hội thi {saved.title}.")
            return redirect("studies:contest_detail", pk=saved.pk)
    return render(
        request, "studies/form.html",
        {"form": form, "title": "Sửa hội thi" if contest else "Thêm hội thi", "back": contest,
         "section": "contests"},
    )  # fmt: skip


@login_required
def contest_create(request: HttpRequest) -> HttpResponse:
    need_educate(request.user)
    return _contest_form(request, None)


@login_required
def contest_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _contest_form(request, _contest(request.user, pk, change=True))


def _entrant_form(request: HttpRequest, contest: Contest, entrant: Entrant | None) -> HttpResponse:
    user = request.user
    members = (
        scoped(user, Action.VIEW, Member.objects.exclude(status="left"))
        .filter(org_path__startswith=contest.org.path)
        .select_related("person", "cell")
        .order_by("person__search_name", "pk")
    )
    orgs = active_orgs(user, Action.VIEW).filter(path__startswith=contest.org.path)
    initial: dict[str, Any] = {}
    if entrant is not None:
        initial = {f: getattr(entrant, f) for f in ("member", "full_name", "org", "topic",
                                                     "prize", "note")}  # fmt: skip
    data = request.POST if request.method == "POST" else None
    form = EntrantForm(
        data, initial=versioned_initial(entrant, **initial), members=members, orgs=orgs
    )
    if data is not None and form.is_valid():
        try:
            saved = services.entrant_save(
                contest=contest, entrant=entrant, acting_user=user, **form.cleaned_data
            )
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, f"Đã ghi thí sinh {saved.full_name}.")
            return redirect("studies:contest_detail", pk=contest.pk)
    return render(
        request, "studies/form.html",
        {"form": form, "title": "Thí sinh" if entrant else f"Thêm thí sinh: {contest.title}",
         "back": contest, "section": "contests"},
    )  # fmt: skip


@login_required
def entrant_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _entrant_form(request, _contest(request.user, pk, change=True), None)


def _entrant(user: Any, pk: int) -> Entrant:
    entrant = get_scoped_or_404(
        user, Action.VIEW, Entrant.objects.select_related("contest__org"), pk=pk
    )
    need_educate(user, entrant.contest.org)
    return entrant


@login_required
def entrant_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entrant = _entrant(request.user, pk)
    return _entrant_form(request, entrant.contest, entrant)


@login_required
def entrant_remove(request: HttpRequest, pk: int) -> HttpResponse:
    entrant = _entrant(request.user, pk)
    if request.method == "POST":
        services.entrant_remove(entrant=entrant, acting_user=request.user)
        messages.success(request, f"Đã xóa thí sinh {entrant.full_name}.")
    return redirect("studies:contest_detail", pk=entrant.contest_id)
