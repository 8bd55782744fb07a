"""Proposals to a higher level: list, export, detail, create, and the outcome."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from dangbo.core.listing import export_response, list_context, require_export
from dangbo.core.scope import Action, get_scoped_or_404, scope_of, scoped
from dangbo.emulation import selectors, services
from dangbo.emulation.forms import DecideForm, ProposalFilterForm, ProposalForm
from dangbo.emulation.models import Commendation, CommendationProposal, ProposalOutcome
from dangbo.emulation.views.common import filters, orgs_for, require
from dangbo.members.forms import attach_errors


def _rows(request: HttpRequest, action: Action) -> tuple[ProposalFilterForm, Any]:
    user = request.user
    form = ProposalFilterForm(request.GET or None, orgs=orgs_for(user, Action.VIEW))
    data = filters(form)
    rows = selectors.proposal_list(
        user, action=action, query=data.get("q") or "", org=data.get("org"),
        year=data.get("year"), outcome=data.get("outcome") or "",
    )  # fmt: skip
    return form, rows


@login_required
def proposal_list(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.VIEW)
    form, rows = _rows(request, Action.VIEW)
    can_change = scope_of(request.user).allows(Action.CHANGE)
    return render(
        request,
        "emulation/proposals.html",
        list_context(request, form, rows, can_change=can_change),
    )


@login_required
def proposal_export(request: HttpRequest) -> HttpResponse:
    require_export(request.user)
    _form, rows = _rows(request, Action.EXPORT)
    return export_response(
        request,
        rows=rows,
        object_type="commendation_proposal",
        description=lambda n: f"Xuất danh sách đề nghị khen thưởng: {n} đề nghị",
        filename="de-nghi-khen-thuong.xlsx",
        title="Đề nghị khen thưởng",
        headings=["Tổ chức đề nghị", "Đề nghị cấp", "Hình thức", "Phong trào, chủ đề",
                  "Số tờ trình", "Ngày trình", "Số tập thể", "Số cá nhân", "Kết quả",
                  "Ngày có kết quả", "Quyết định khen thưởng", "Danh sách đề nghị"],
        row=lambda p: [p.org.name, p.get_to_level_display(), p.get_form_display(),
                       p.get_theme_display(), p.document_number, p.submitted_on, p.collectives,
                       p.individuals, p.get_outcome_display(), p.decided_on,
                       p.commendation.decision_number if p.commendation else "",
                       p.recipients_text],
    )  # fmt: skip


def _get(user: Any, pk: int) -> CommendationProposal:
    return get_scoped_or_404(
        user, Action.VIEW, CommendationProposal.objects.select_related("org", "commendation"),
        pk=pk,
    )  # fmt: skip


@login_required
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _get(request.user, pk)
    can_change = scope_of(request.user).covers_path(Action.CHANGE, proposal.org.path)
    return render(
        request,
        "emulation/proposal_detail.html",
        {
            "p": proposal,
            "history": selectors.history("commendation_proposal", proposal.pk),
            "can_decide": can_change and proposal.outcome == ProposalOutcome.PENDING,
        },
    )


@login_required
def proposal_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    require(user, Action.CHANGE, "Đồng chí không có quyền lập đề nghị khen thưởng.")
    data = request.POST if request.method == "POST" else None
    form = ProposalForm(data, orgs=orgs_for(user, Action.CHANGE))
    if data is not None and form.is_valid():
        try:
            proposal = services.proposal_create(acting_user=user, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, "Đã ghi đề nghị khen thưởng.")
            return redirect("emulation:proposal_detail", pk=proposal.pk)
    return render(request, "emulation/proposal_form.html", {"form": form})


@login_required
def proposal_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    proposal = _get(user, pk)
    if not scope_of(user).covers_path(Action.CHANGE, proposal.org.path):
        raise PermissionDenied("Đồng chí không có quyền ghi kết quả đề nghị này.")
    # The decisions the proposal may be linked to: of the level asked, in the proposer's
    # reach (the proposer's organization or the one above whose scope the user sees).
    commendations = scoped(
        user, Action.VIEW,
        Commendation.objects.filter(level=proposal.to_level, decided_on__gte=proposal.submitted_on),
    ).order_by("-decided_on")[:200]  # fmt: skip
    data = request.POST if request.method == "POST" else None
    form = DecideForm(
        data,
        commendations=Commendation.objects.filter(pk__in=[c.pk for c in commendations]),
    )
    if data is not None and form.is_valid():
        values = form.cleaned_data
        try:
            services.proposal_decide(
                proposal=proposal, outcome=values["outcome"], decided_on=values["decided_on"],
                commendation=values["commendation"], note=values["note"], acting_user=user,
            )  # fmt: skip
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, "Đã ghi kết quả đề nghị khen thưởng.")
            return redirect("emulation:proposal_detail", pk=proposal.pk)
    return render(request, "emulation/proposal_decide.html", {"p": proposal, "form": form})
