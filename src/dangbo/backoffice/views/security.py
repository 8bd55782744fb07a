"""The user's own security: password change, two-factor enrolment, verification, recovery codes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from dangbo.accounts import two_factor
from dangbo.accounts.audit import audit_log
from dangbo.accounts.login_guard import second_factor_required
from dangbo.accounts.models import AuditAction


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Mã xác thực",
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


class PasswordAgainForm(forms.Form):
    password = forms.CharField(label="Mật khẩu hiện tại", widget=forms.PasswordInput)


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return str(reverse_lazy("backoffice:home"))


@login_required
def account_security(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    return render(
        request,
        "backoffice/security/overview.html",
        {
            "app_device": two_factor.app_device(user),
            "codes_left": two_factor.recovery_codes_left(user),
            "required": second_factor_required(user),
        },
    )


@login_required
def two_factor_enrol(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    # Someone holding only the password must not swap the device for their own.
    if two_factor.has_second_factor(user) and not user.is_verified():
        return redirect("backoffice:two_factor_verify")
    device = two_factor.totp_pending(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.totp_confirm(request=request, device=device, code=form.cleaned_data["code"]):
            messages.success(
                request,
                "Đã bật xác thực hai bước. Hãy tạo mã khôi phục và cất giữ ở nơi an toàn.",
            )
            return redirect("backoffice:account_security")
        form.add_error("code", "Mã không đúng hoặc đã hết hạn; hãy nhập mã mới trên ứng dụng.")
    return render(
        request,
        "backoffice/security/enrol.html",
        {
            "form": form,
            "qr_svg": two_factor.totp_qr_svg(device),
            "secret": two_factor.totp_secret(device),
            "required": second_factor_required(user),
            "next": request.GET.get("next", ""),
        },
    )


@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    if not two_factor.has_second_factor(user):
        return redirect("backoffice:two_factor_enrol")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.second_factor_verify(request=request, code=form.cleaned_data["code"]):
            return redirect(_next_url(request))
        form.add_error("code", "Mã xác thực không đúng, đã dùng hoặc đã hết hạn.")
    return render(
        request,
        "backoffice/security/verify.html",
        {"form": form, "next": request.POST.get("next") or request.GET.get("next", "")},
    )


@login_required
@require_POST
def recovery_codes(request: HttpRequest) -> HttpResponse:
    if not two_factor.app_device(request.user):
        messages.error(request, "Hãy bật xác thực hai bước bằng ứng dụng trước.")
        return redirect("backoffice:account_security")
    codes = two_factor.recovery_codes_issue(request=request)
    return render(request, "backoffice/security/recovery_codes.html", {"codes": codes})


@login_required
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = PasswordAgainForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Through authenticate(), so django-axes counts a wrong password here too.
        again = authenticate(
            request, username=user.get_username(), password=form.cleaned_data["password"]
        )
        if again is not None and again.pk == user.pk:
            two_factor.second_factor_disable(request=request)
            messages.success(request, "Đã tắt xác thực hai bước.")
            return redirect("backoffice:account_security")
        form.add_error("password", "Mật khẩu không đúng.")
    return render(
        request,
        "backoffice/security/disable.html",
        {"form": form, "required": second_factor_required(user)},
    )


class PasswordChange(auth_views.PasswordChangeView):
    template_name = "backoffice/security/password_change.html"
    success_url = reverse_lazy("backoffice:account_security")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        audit_log(
            user=self.request.user,
            action=AuditAction.CHANGE,
            object_type="password",
            object_id=self.request.user.pk,
            description=f"Đổi mật khẩu: {self.request.user.get_username()}",
            request=self.request,
        )
        messages.success(self.request, "Đã đổi mật khẩu.")
        return response


password_change = PasswordChange.as_view()
