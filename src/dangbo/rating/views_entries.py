"""Pages where grades are entered: the cell's proposals, the base committee's decision,
an organization's rating, and the residence cells' comments."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from dangbo.accounts.audit import audited_read
from dangbo.core.listing import paginate
from dangbo.core.locking import versioned_initial
from dangbo.core.scope import Action, get_scoped_or_404, scope_of, scoped
from dangbo.members.forms import attach_errors
from dangbo.members.models import Member
from dangbo.orgs.models import Organization
from dangbo.rating import selectors, services
from dangbo.rating.forms import (
    DecisionRowForm,
    OrgDecideForm,
    OrgProposeForm,
    ProposalRowForm,
    ResidenceCommentForm,
    row_errors,
)
from dangbo.rating.models import OrgRating, ResidenceComment, SubjectKind
from dangbo.rating.rules import residence_regulation, rules_for_year
from dangbo.rating.services.members import recorded_disciplines
from dangbo.rating.views import today


def _org_param(request: HttpRequest, name: str) -> Organization:
    raw = (request.GET.get(name) or "").strip()
    return get_scoped_or_404(request.user, Action.VIEW, Organization.objects.all(), pk=raw or "x")


def _locked(request: HttpRequest, rnd: Any) -> bool:
    if rnd.is_locked:
        messages.error(request, f"Đợt xếp loại năm {rnd.year} đã quyết định và khóa.")
        return True
    return False


@login_required
def round_propose(request: HttpRequest, pk: int) -> HttpResponse:
    """One page per cell: a row per member (grade, score where needed, discipline facts)."""
    user = request.user
    rnd = selectors.round_for(user, pk)
    cell = _org_param(request, "cell")
    if not scope_of(user).covers_path(Action.CHANGE, cell.path):
        raise PermissionDenied("Đồng chí không có quyền đề xuất xếp loại cho chi bộ này.")
    entries = list(
        selectors.visible_entries(user, rnd)
        .filter(cell=cell)
        .order_by("member__person__search_name", "pk")
    )
    _attach_recorded_cases(entries, rnd.year)
    rules = rules_for_year(rnd.year)
    post = request.POST if request.method == "POST" and not rnd.is_locked else None
    comments = selectors.comments_by_member([e.member_id for e in entries], rnd.year)
    rows = []
    for e in entries:
        initial = {
            "grade": e.proposed_grade,
            "score": e.proposed_score,
            "note": e.note,
            **{f: getattr(e, f) for f in services.FACT_FIELDS},
        }
        form = ProposalRowForm(post, prefix=f"m{e.pk}", initial=initial)
        if not rules.uses_score:
            del form.fields["score"]
        comment = comments.get(e.member_id)
        rows.append({"entry": e, "form": form, "comment": comment})
    page_errors: list[str] = []
    if post is not None and all(r["form"].is_valid() for r in rows):
        proposals = []
        for r in rows:
            data = r["form"].cleaned_data
            proposals.append(
                services.MemberProposal(
                    entry=r["entry"],
                    grade=data["grade"],
                    score=data.get("score"),
                    suspended=data["suspended"],
                    disciplined=data["disciplined"],
                    discipline_form=data["discipline_form"],
                    discipline_decision=data["discipline_decision"],
                    discipline_on=data["discipline_on"],
                    self_remedied=data["self_remedied"],
                    sick_leave_months=data["sick_leave_months"] or 0,
                    note=data["note"],
                )
            )
        try:
            services.member_ratings_propose(by=user, rnd=rnd, rows=proposals, on=today())
        except ValidationError as exc:
            page_errors = row_errors({r["entry"].pk: r["form"] for r in rows}, exc)
        else:
            messages.success(request, f"Đã ghi đề xuất xếp loại của {cell.name}.")
            return redirect("rating:round_detail", pk=rnd.pk)
    elif request.method == "POST":
        _locked(request, rnd)
    context = {
        "round": rnd,
        "cell": cell,
        "rows": rows,
        "rules": rules,
        "page_errors": page_errors,
        "residence": residence_regulation(rnd.year),
    }
    return render(request, "rating/propose.html", context)


@login_required
def round_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """The base organization's decision over all its members (the quota counts them all)."""
    user = request.user
    rnd = selectors.round_for(user, pk)
    base = _org_param(request, "base")
    if not scope_of(user).covers_path(Action.CHANGE, base.path):
        raise PermissionDenied("Đồng chí không có quyền quyết định xếp loại của tổ chức này.")
    entries = list(
        selectors.visible_entries(user, rnd)
        .filter(base_org=base)
        .order_by("cell__path", "member__person__search_name", "pk")
    )
    _attach_recorded_cases(entries, rnd.year)
    rules = rules_for_year(rnd.year)
    post = request.POST if request.method == "POST" and not rnd.is_locked else None
    rows = []
    for e in entries:
        if e.not_rated_reason:
            rows.append({"entry": e, "form": None})
            continue
        initial = {
            "grade": e.decided_grade or e.proposed_grade,
            "score": e.decided_score if e.decided_score is not None else e.proposed_score,
        }
        form = DecisionRowForm(post, prefix=f"m{e.pk}", initial=initial)
        if not rules.uses_score:
            del form.fields["score"]
        rows.append({"entry": e, "form": form})
    forms_ = [r["form"] for r in rows if r["form"] is not None]
    page_errors: list[str] = []
    if post is not None and all(f.is_valid() for f in forms_):
        decisions = [
            services.MemberDecision(
                entry=r["entry"],
                grade=r["form"].cleaned_data["grade"],
                score=r["form"].cleaned_data.get("score"),
                note=r["form"].cleaned_data["note"],
            )
            for r in rows
            if r["form"] is not None
        ]
        try:
            services.member_ratings_decide(
                by=user, rnd=rnd, base_org=base, rows=decisions, on=today()
            )
        except ValidationError as exc:
            page_errors = row_errors({r["entry"].pk: r["form"] for r in rows if r["form"]}, exc)
        else:
            messages.success(request, f"Đã ghi quyết định xếp loại đảng viên của {base.name}.")
            return redirect("rating:round_detail", pk=rnd.pk)
    elif request.method == "POST":
        _locked(request, rnd)
    counts = {"excellent": 0, "good": 0}
    for e in entries:
        if e.decided_grade in counts:
            counts[e.decided_grade] += 1
    context = {
        "round": rnd,
        "base": base,
        "rows": rows,
        "rules": rules,
        "page_errors": page_errors,
        "counts": counts,
    }
    return render(request, "rating/decide.html", context)


@login_required
def org_rating(request: HttpRequest, pk: int) -> HttpResponse:
    """An organization's (committee's, head's) rating: its proposal, the superior's decision."""
    user = request.user
    rating: OrgRating = get_scoped_or_404(
        user,
        Action.VIEW,
        OrgRating.objects.select_related("org", "round__scope", "head__person"),
        pk=pk,
    )
    scope = scope_of(user)
    parent_path = rating.org.path[: -Organization.steplen]
    rnd = rating.round
    can_propose = scope.covers_path(Action.CHANGE, rating.org.path) and not rating.decided_grade
    can_decide = scope.covers_path(Action.CHANGE, parent_path)
    rules = rules_for_year(rnd.year)
    which = request.POST.get("step") if request.method == "POST" else None
    if request.method == "POST" and not (can_propose if which == "propose" else can_decide):
        raise PermissionDenied("Đồng chí không có quyền xếp loại tổ chức này.")
    propose = OrgProposeForm(
        request.POST if which == "propose" else None,
        prefix="p",
        initial={
            "grade": rating.proposed_grade,
            "score": rating.proposed_score,
            "org_disciplined": rating.org_disciplined,
            "leadership_disciplined": rating.leadership_disciplined,
            "leadership_member_discipline": rating.leadership_member_discipline,
            "note": rating.note,
        },
    )
    decide = OrgDecideForm(
        request.POST if which == "decide" else None,
        prefix="d",
        initial={
            "grade": rating.decided_grade or rating.proposed_grade,
            "score": rating.decided_score or rating.proposed_score,
            "decided_on": today(),
        },
    )
    for form in (propose, decide):
        if not rules.uses_score:
            del form.fields["score"]
    if rating.subject != SubjectKind.ORGANIZATION:
        for name in ("org_disciplined", "leadership_disciplined", "leadership_member_discipline"):
            del propose.fields[name]
    form = propose if which == "propose" else decide
    if which in ("propose", "decide") and not _locked(request, rnd) and form.is_valid():
        data = form.cleaned_data
        try:
            if which == "propose":
                services.org_rating_propose(
                    by=user,
                    rating=rating,
                    grade=data["grade"],
                    score=data.get("score"),
                    on=today(),
                    org_disciplined=data.get("org_disciplined", False),
                    leadership_disciplined=data.get("leadership_disciplined", False),
                    leadership_member_discipline=data.get("leadership_member_discipline", ""),
                    note=data["note"],
                )
            else:
                services.org_rating_decide(
                    by=user,
                    rating=rating,
                    grade=data["grade"],
                    score=data.get("score"),
                    on=data["decided_on"],
                    note=data["note"],
                )
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, "Đã ghi xếp loại.")
            return redirect("rating:round_detail", pk=rnd.pk)
    facts = services.org_facts(rating) if rating.subject != SubjectKind.HEAD else None
    context = {
        "rating": rating,
        "round": rnd,
        "rules": rules,
        "propose": propose,
        "decide": decide,
        "can_propose": can_propose and not rnd.is_locked,
        "can_decide": can_decide and not rnd.is_locked,
        "facts": facts,
        "body": services.deciding_body(rating.org),
        "steps": rating.steps.select_related("by"),
    }
    return render(request, "rating/org_rating.html", context)


@login_required
def residence_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    raw_year = request.GET.get("year", "")
    year = int(raw_year) if raw_year.isdecimal() and 2000 <= int(raw_year) <= 2100 else today().year
    org = _org_param(request, "org") if request.GET.get("org") else None
    state = request.GET.get("state", "")
    members = selectors.residence_rows(user, year=year, org=org, state=state)
    page, pager_query = paginate(request, members)
    comments = selectors.comments_by_member([m.pk for m in page], year)
    rows = [{"member": m, "comment": comments.get(m.pk)} for m in page]
    context = {
        "page": page,
        "pager_query": pager_query,
        "rows": rows,
        "year": year,
        "org": org,
        "state": state,
        "regulation": residence_regulation(year),
        "can_change": scope_of(user).allows(Action.CHANGE),
    }
    return render(request, "rating/residence_list.html", context)


@login_required
@audited_read("Xem nhận xét nơi cư trú", param="member_id")
def residence_edit(request: HttpRequest, member_id: int, year: int) -> HttpResponse:
    user = request.user
    member = get_scoped_or_404(
        user, Action.VIEW, Member.objects.select_related("person", "cell"), pk=member_id
    )
    if not scope_of(user).covers_path(Action.CHANGE, member.org_path):
        raise PermissionDenied("Đồng chí không có quyền ghi nhận xét của đảng viên này.")
    comment = scoped(
        user, Action.VIEW, ResidenceComment.objects.filter(Q(member=member) & Q(year=year))
    ).first()
    initial = {}
    if comment is not None:
        initial = {f: getattr(comment, f) for f in ResidenceCommentForm.base_fields}
    form = ResidenceCommentForm(request.POST or None, initial=versioned_initial(comment, **initial))
    if request.method == "POST" and form.is_valid():
        try:
            services.residence_comment_save(by=user, member=member, year=year, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, f"Đã ghi nhận xét nơi cư trú năm {year} của {member}.")
            return redirect(f"{_residence_url()}?year={year}")
    context = {
        "member": member,
        "year": year,
        "form": form,
        "comment": comment,
        "regulation": residence_regulation(year),
    }
    return render(request, "rating/residence_form.html", context)


def _residence_url() -> str:
    from django.urls import reverse

    return reverse("rating:residence_list")


def _attach_recorded_cases(entries: list[Any], year: int) -> None:
    """Each entry's discipline of the year on record (one query for the page; the entries
    are the user's, and so are their members' cases)."""
    cases = recorded_disciplines([e.member_id for e in entries], year)
    for entry in entries:
        entry.recorded_case = cases.get(entry.member_id)
