"""Awards: the list and its export, recording one or several, return, reissue, and a
member's badge history."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from dangbo.accounts.audit import audit_log, audited_read
from dangbo.accounts.models import AuditAction
from dangbo.backoffice.views.orgs_common import today
from dangbo.badges import rules, selectors, services
from dangbo.badges.forms import (
    AwardForm,
    AwardListFilterForm,
    DecisionForm,
    ReissueForm,
    ReturnForm,
)
from dangbo.badges.models import AwardStatus, BadgeAward
from dangbo.badges.views.proposals import view_orgs
from dangbo.core.listing import paginate
from dangbo.core.scope import Action, get_scoped_or_404, scope_of, scoped
from dangbo.core.text import fold, format_date
from dangbo.core.xlsx import xlsx_response
from dangbo.members.forms import attach_errors
from dangbo.members.models import Member


def _member_for_change(user: Any, pk: Any) -> Member:
    """404 if out of sight, 403 if the user may only read it."""
    member = get_scoped_or_404(
        user, Action.VIEW, Member.objects.select_related("person", "cell"),
        pk=pk if str(pk).isdecimal() else 0,
    )  # fmt: skip
    if not scope_of(user).covers_path(Action.CHANGE, member.org_path):
        raise PermissionDenied("Đồng chí không có quyền ghi nhận Huy hiệu cho đảng viên này.")
    return member


def _award_for_change(user: Any, pk: int) -> BadgeAward:
    award = get_scoped_or_404(
        user, Action.VIEW, BadgeAward.objects.select_related("member__person", "cell"), pk=pk
    )
    if not scope_of(user).covers_path(Action.CHANGE, award.member.org_path):
        raise PermissionDenied("Đồng chí không có quyền thay đổi Huy hiệu này.")
    return award


def _award_rows(request: HttpRequest, action: Action) -> tuple[AwardListFilterForm, Any]:
    user = request.user
    form = AwardListFilterForm(request.GET or None, orgs=view_orgs(user).order_by("path"))
    data: dict[str, Any] = form.cleaned_data if form.is_bound and form.is_valid() else {}
    awards = selectors.award_list(
        user,
        query=data.get("q") or "",
        org=data.get("org"),
        year=data.get("year"),
        years=data.get("years"),
        status=data.get("status") or "",
    )
    if action != Action.VIEW:
        awards = scoped(user, action, awards)
    return form, awards


@login_required
def award_list(request: HttpRequest) -> HttpResponse:
    if not scope_of(request.user).allows(Action.VIEW):
        raise PermissionDenied
    form, awards = _award_rows(request, Action.VIEW)
    page, pager_query = paginate(request, awards)
    return render(
        request,
        "badges/awards.html",
        {
            "form": form,
            "page": page,
            "pager_query": pager_query,
            "export_query": request.GET.urlencode(),
            "can_export": scope_of(request.user).allows(Action.EXPORT),
        },
    )


@login_required
def award_export(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not scope_of(user).allows(Action.EXPORT):
        raise PermissionDenied("Đồng chí không có quyền xuất dữ liệu.")
    _form, awards = _award_rows(request, Action.EXPORT)
    rows = list(awards)
    audit_log(
        user=user, action=AuditAction.EXPORT, object_type="badge_award",
        description=f"Xuất danh sách Huy hiệu Đảng đã trao: {len(rows)} dòng", request=request,
    )  # fmt: skip
    headings = ["STT", "Họ và tên", "Ngày sinh", "Huy hiệu", "Số quyết định", "Ngày quyết định",
                "Ngày trao", "Dịp trao", "Trường hợp", "Chi bộ khi trao", "Tình trạng",
                "Ghi chú"]  # fmt: skip
    data = [
        [
            i,
            a.member.person.full_name,
            a.member.person.birth_date,
            f"{a.years} năm tuổi đảng",
            a.decision_number,
            a.decision_date,
            a.presented_on,
            a.get_occasion_display(),
            a.get_early_reason_display(),
            a.cell.name,
            a.get_status_display(),
            a.note,
        ]  # fmt: skip
        for i, a in enumerate(rows, start=1)
    ]
    return xlsx_response("huy-hieu-da-trao.xlsx", "Huy hiệu đã trao", headings, data)


@login_required
def award_create(request: HttpRequest) -> HttpResponse:
    """Record one member's badge; without a member, pick one first."""
    user = request.user
    if not scope_of(user).allows(Action.CHANGE):
        raise PermissionDenied("Đồng chí không có quyền ghi nhận Huy hiệu.")
    raw = (request.GET.get("member") or request.POST.get("member") or "").strip()
    if not raw:
        query = (request.GET.get("q") or "").strip()
        found: list[Member] = []
        if query:
            members = scoped(user, Action.CHANGE, Member.objects.select_related("person", "cell"))
            for word in fold(query).split():
                members = members.filter(person__search_name__contains=word)
            found = list(members.order_by("person__search_name", "pk")[:30])
        return render(request, "badges/pick_member.html", {"query": query, "found": found})
    member = _member_for_change(user, raw)
    data = request.POST if request.method == "POST" else None
    initial: dict[str, Any] = {}
    if data is None:
        wanted = request.GET.get("years", "")
        if wanted.isdecimal():
            initial["years"] = int(wanted)
    form = AwardForm(data, initial=initial)
    if data is not None and form.is_valid():
        values = form.cleaned_data
        try:
            award = services.badge_award(
                member=member, years=values["years"], early_reason=values["early_reason"],
                note=values["note"], acting_user=user, **form.values(),
            )  # fmt: skip
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(
                request, f"Đã ghi nhận Huy hiệu {award.years} năm tuổi đảng cho {member}."
            )
            return redirect("badges:member_history", pk=member.pk)
    age, lines = selectors.member_badge_lines(member, today())
    return render(
        request, "badges/award_form.html",
        {"member": member, "form": form, "age": age, "lines": lines},
    )  # fmt: skip


def _parse_lines(request: HttpRequest) -> list[tuple[str, int]]:
    """The chosen "member:years" values (from the proposal list's checkboxes)."""
    source = request.POST if request.method == "POST" else request.GET
    chosen: list[tuple[str, int]] = []
    for raw in source.getlist("line"):
        member, _, years = raw.partition(":")
        if member.isdecimal() and years.isdecimal():
            chosen.append((member, int(years)))
    return chosen


@login_required
def award_many(request: HttpRequest) -> HttpResponse:
    """One decision for several members of the proposal list: all are recorded or none."""
    user = request.user
    if not scope_of(user).allows(Action.CHANGE):
        raise PermissionDenied("Đồng chí không có quyền ghi nhận Huy hiệu.")
    chosen = _parse_lines(request)
    members = [_member_for_change(user, pk) for pk, _ in chosen]
    lines = [
        services.AwardLine(member=m, years=y) for m, (_, y) in zip(members, chosen, strict=True)
    ]
    data = request.POST if request.method == "POST" else None
    form = DecisionForm(data)
    problems: dict[int, list[str]] = {}
    if data is not None and form.is_valid():
        try:
            awards = services.badges_award_many(lines=lines, acting_user=user, **form.values())
        except services.BadgeBatchError as exc:
            for index, errors in exc.problems:
                problems.setdefault(index, []).extend(errors.values())
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, f"Đã ghi nhận {len(awards)} Huy hiệu Đảng.")
            return redirect(
                reverse("badges:award_list") + f"?year={form.values()['presented_on'].year}"
            )
    rows = [
        {"line": line, "value": f"{line.member.pk}:{line.years}", "errors": problems.get(i, [])}
        for i, line in enumerate(lines)
    ]
    return render(request, "badges/award_many.html", {"form": form, "rows": rows})


@login_required
def award_detail(request: HttpRequest, pk: int) -> HttpResponse:
    award = get_scoped_or_404(
        request.user, Action.VIEW,
        BadgeAward.objects.select_related("member__person", "cell", "created_by"), pk=pk,
    )  # fmt: skip
    can_change = scope_of(request.user).covers_path(Action.CHANGE, award.member.org_path)
    return render(
        request,
        "badges/award_detail.html",
        {
            "award": award,
            "can_change": can_change,
            "can_return": can_change and award.status != AwardStatus.RETURNED,
            "rule": rules.rules_at(award.presented_on),
        },
    )


def _change_page(
    request: HttpRequest, pk: int, form_class: type, title: str, save: Any
) -> HttpResponse:
    award = _award_for_change(request.user, pk)
    data = request.POST if request.method == "POST" else None
    form = form_class(data)
    if data is not None and form.is_valid():
        try:
            save(award, form.cleaned_data)
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, f"Đã ghi: {title.lower()} ngày "
                             f"{format_date(next(iter(form.cleaned_data.values())))}.")  # fmt: skip
            return redirect("badges:award_detail", pk=award.pk)
    return render(
        request, "badges/award_change.html", {"award": award, "form": form, "title": title}
    )


@login_required
def award_return(request: HttpRequest, pk: int) -> HttpResponse:
    def save(award: BadgeAward, values: dict[str, Any]) -> None:
        services.badge_return(
            award=award, returned_on=values["returned_on"], note=values["note"],
            acting_user=request.user,
        )  # fmt: skip

    return _change_page(request, pk, ReturnForm, "Thu hồi Huy hiệu", save)


@login_required
def award_reissue(request: HttpRequest, pk: int) -> HttpResponse:
    def save(award: BadgeAward, values: dict[str, Any]) -> None:
        services.badge_reissue(
            award=award, reissued_on=values["reissued_on"], reason=values["reason"],
            acting_user=request.user,
        )  # fmt: skip

    return _change_page(request, pk, ReissueForm, "Cấp lại Huy hiệu", save)


@login_required
@audited_read("Xem huy hiệu")
def member_history(request: HttpRequest, pk: int) -> HttpResponse:
    """A member's Party age, the levels reached or next, and the badges awarded."""
    member = get_scoped_or_404(
        request.user, Action.VIEW, Member.objects.select_related("person", "cell"), pk=pk
    )
    if member.admitted_on is None:
        raise Http404
    at = today()
    age, lines = selectors.member_badge_lines(member, at)
    return render(
        request,
        "badges/member_history.html",
        {
            "member": member,
            "age": age,
            "at": at,
            "lines": lines,
            "can_award": scope_of(request.user).covers_path(Action.CHANGE, member.org_path),
        },
    )
