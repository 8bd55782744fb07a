"""Commitments: the list by cell and year (with who has not registered), its export, a
member's commitment (register, edit, self-review) and its page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from dangbo.accounts.audit import audited_read
from dangbo.activities import rules, selectors, services
from dangbo.activities.forms import CommitmentFilterForm, CommitmentForm, ReviewForm
from dangbo.activities.models import Commitment
from dangbo.activities.views.common import history, require_view, view_orgs, year_of
from dangbo.backoffice.views.orgs_common import today
from dangbo.core.listing import export_response, list_context, require_export
from dangbo.core.locking import versioned_initial
from dangbo.core.scope import Action, get_scoped_or_404, scope_of
from dangbo.members.forms import attach_errors
from dangbo.members.models import Member


def _rows(request: HttpRequest, action: Action) -> tuple[CommitmentFilterForm, int, list[Any]]:
    user = request.user
    form = CommitmentFilterForm(request.GET or None, orgs=view_orgs(user).order_by("path"))
    data: dict[str, Any] = form.cleaned_data if form.is_bound and form.is_valid() else {}
    year = year_of(data)
    rows = selectors.commitment_rows(
        user,
        year=year,
        org=data.get("org"),
        state=data.get("state") or "",
        query=data.get("q") or "",
        action=action,
    )
    return form, year, rows


@login_required
def commitment_list(request: HttpRequest) -> HttpResponse:
    require_view(request.user)
    form, year, rows = _rows(request, Action.VIEW)
    context = list_context(
        request,
        form,
        rows,
        year=year,
        total=len(rows),
        missing=sum(1 for r in rows if r.commitment is None),
    )
    scope = scope_of(request.user)
    context["changeable"] = {
        r.member.pk
        for r in context["page"].object_list
        if scope.covers_path(Action.CHANGE, r.member.org_path)
    }
    return render(request, "activities/commitments.html", context)


def _commitment_cells(r: Any, year: int) -> list[Any]:
    c = r.commitment
    return [
        r.member.person.full_name,
        r.member.cell.name if r.member.cell else "",
        year,
        "Đã đăng ký" if c else "Chưa đăng ký",
        c.registered_on if c else None,
        c.duties if c else "",
        c.content if c else "",
        c.get_review_result_display() if c and c.review_result else "",
        c.reviewed_on if c else None,
    ]


@login_required
def commitment_export(request: HttpRequest) -> HttpResponse:
    require_export(request.user)
    _form, year, rows = _rows(request, Action.EXPORT)
    return export_response(
        request,
        rows=rows,
        object_type="commitment",
        description=lambda n: f"Xuất danh sách cam kết nêu gương năm {year}: {n} dòng",
        filename=f"cam-ket-{year}.xlsx",
        title=f"Cam kết {year}",
        headings=[
            "Họ và tên",
            "Chi bộ",
            "Năm",
            "Đăng ký",
            "Ngày đăng ký",
            "Chức vụ, nhiệm vụ",
            "Nội dung cam kết",
            "Tự đánh giá",
            "Ngày tự đánh giá",
        ],
        row=lambda r: _commitment_cells(r, year),
    )


def _member_for_change(user: Any, pk: int) -> Member:
    member = get_scoped_or_404(
        user, Action.VIEW, Member.objects.select_related("person", "cell"), pk=pk
    )
    if not scope_of(user).covers_path(Action.CHANGE, member.org_path):
        raise PermissionDenied("Đồng chí không có quyền ghi cam kết của đảng viên này.")
    return member


@login_required
@audited_read("Xem bản cam kết")
def commitment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Register or correct member `pk`'s commitment of ?year= (this year by default)."""
    member = _member_for_change(request.user, pk)
    raw = request.GET.get("year") or request.POST.get("year") or ""
    year = int(raw) if raw.isdecimal() and 2000 <= int(raw) <= 2100 else today().year
    existing = Commitment.objects.filter(member=member, year=year).first()
    initial: dict[str, Any] = {
        "registered_on": today(),
        "theme": rules.commitment_rules(year).theme,
    }
    if existing:
        initial = {f: getattr(existing, f) for f in ("registered_on", "duties", "theme", "content")}
    data = request.POST if request.method == "POST" else None
    form = CommitmentForm(data, initial=versioned_initial(existing, **initial))
    if data is not None and form.is_valid():
        v = form.cleaned_data
        try:
            commitment = services.commitment_save(
                expected_version=form.expected_version,
                by=request.user,
                member=member,
                year=year,
                content=v["content"],
                registered_on=v["registered_on"],
                duties=v["duties"],
                theme=v["theme"],
                today=today(),
            )
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, f"Đã ghi cam kết năm {year} của {member}.")
            return redirect("activities:commitment_detail", pk=commitment.pk)
    return render(
        request,
        "activities/commitment_form.html",
        {"member": member, "year": year, "form": form, "existing": existing},
    )


def _commitment(user: Any, pk: int) -> Commitment:
    return get_scoped_or_404(
        user, Action.VIEW, Commitment.objects.select_related("member__person", "cell"), pk=pk
    )


@login_required
def commitment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = _commitment(request.user, pk)
    return render(
        request,
        "activities/commitment_detail.html",
        {
            "c": commitment,
            "history": history("commitment", commitment.pk),
            "can_change": scope_of(request.user).covers_path(
                Action.CHANGE, commitment.member.org_path
            ),
        },
    )


@login_required
def commitment_review(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = _commitment(request.user, pk)
    if not scope_of(request.user).covers_path(Action.CHANGE, commitment.member.org_path):
        raise PermissionDenied("Đồng chí không có quyền ghi tự đánh giá của đảng viên này.")
    initial = {
        "reviewed_on": commitment.reviewed_on or today(),
        "review": commitment.review,
        "review_result": commitment.review_result,
    }
    data = request.POST if request.method == "POST" else None
    form = ReviewForm(data, initial=initial)
    if data is not None and form.is_valid():
        v = form.cleaned_data
        try:
            services.commitment_review(
                by=request.user,
                commitment=commitment,
                review=v["review"],
                result=v["review_result"],
                reviewed_on=v["reviewed_on"],
                today=today(),
            )
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, f"Đã ghi tự đánh giá cuối năm {commitment.year}.")
            return redirect("activities:commitment_detail", pk=commitment.pk)
    return render(request, "activities/review_form.html", {"c": commitment, "form": form})
