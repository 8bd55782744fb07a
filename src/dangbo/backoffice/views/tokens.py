"""Mã truy cập API: the user's own tokens (an administrator's: all in their scope), revoke."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from dangbo.accounts.tokens import api_token_revoke, api_token_state, api_tokens_visible_to


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    tokens = list(api_tokens_visible_to(request.user)[:500])
    rows = [(t, api_token_state(t, now)) for t in tokens]
    return render(request, "backoffice/security/tokens.html", {"rows": rows})


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    # One answer, 404, for a token that does not exist and one outside the user's reach.
    token = get_object_or_404(api_tokens_visible_to(user), pk=pk)
    if api_token_revoke(token=token, acting_user=user, request=request):
        messages.success(request, f"Đã thu hồi mã “{token.name}”.")
    else:
        messages.info(request, f"Mã “{token.name}” đã được thu hồi trước đó.")
    return redirect("backoffice:token_list")
