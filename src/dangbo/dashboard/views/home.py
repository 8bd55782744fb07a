"""The dashboard page: one organization of the user's scope, one period."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from dangbo.backoffice.views.orgs_common import today
from dangbo.dashboard import selectors
from dangbo.dashboard.forms import PeriodForm


@login_required
def home(request: HttpRequest) -> HttpResponse:
    org = selectors.chosen_org(request.user, request.GET.get("org", ""))
    if org is None:
        return render(request, "dashboard/home.html", {"org": None})
    form = PeriodForm(request.GET, org=org, today=today())
    board = None
    if form.is_valid() and form.period is not None:
        board = selectors.dashboard_for(
            org, form.period, user=request.user, below=form.cleaned_data["below"]
        )
    return render(
        request,
        "dashboard/home.html",
        {
            "org": org,
            "form": form,
            "board": board,
            "picker": selectors.org_choices(request.user, org),
        },
    )
