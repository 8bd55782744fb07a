"""Pages of đảng phí (thin: the rules live in rules.py, services.py and selectors.py)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dangbo.accounts.audit import audit_log, audited_read
from dangbo.accounts.models import AuditAction
from dangbo.core.listing import paginate
from dangbo.core.scope import Action, get_scoped_or_404, scope_of, scoped
from dangbo.core.text import format_number
from dangbo.core.xlsx import xlsx_response
from dangbo.dues import importer, rules, selectors, services
from dangbo.dues.forms import BasisForm, ImportForm, PaymentForm, PrepareForm, ReliefForm
from dangbo.dues.models import DuesBasis, DuesMonth, DuesRelief
from dangbo.members.forms import attach_errors
from dangbo.members.models import Member
from dangbo.members.rules import add_months
from dangbo.orgs.models import Organization

SESSION_KEY = "dues_import"
PREVIEW_ROWS = 500


def _today() -> dt.date:
    return dt.date.today()  # noqa: DTZ011 - a calendar day


def _org(request: HttpRequest, action: Action = Action.VIEW) -> Organization:
    """The organization asked for (404 when out of sight), else the user's own root."""
    user: Any = request.user
    value = str(request.GET.get("org") or request.POST.get("org") or "").strip()
    orgs = scoped(user, action, Organization.objects.all())
    if value:
        org = orgs.filter(pk=int(value)).first() if value.isdecimal() and len(value) < 12 else None
        if org is None:
            raise Http404
        return org
    roots = scope_of(user).root_paths(action)
    org = orgs.filter(path__in=roots).order_by("path").first() if roots else None
    if org is None and scope_of(user).is_superuser:
        org = Organization.objects.filter(depth=1).order_by("path").first()
    if org is None:
        raise Http404
    return org


def _month(request: HttpRequest, default: dt.date | None) -> dt.date:
    text = str(request.GET.get("month") or "").strip()
    if text:
        try:
            return rules.parse_month(text)
        except ValueError:
            pass
    return default or rules.month_start(_today())


def _own_member(user: Any) -> Member | None:
    return scoped(user, Action.VIEW, Member.objects.filter(person__user=user)).first()


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """A month of one organization: its subordinate organizations with due, collected,
    owed and the share collected; a cell lists its members."""
    user: Any = request.user
    scope = scope_of(user)
    if not scope.is_superuser and not scope.root_paths(Action.VIEW):
        own = _own_member(user)
        if own is None:
            raise PermissionDenied
        return redirect("dues:member", pk=own.pk)
    org = _org(request)
    month = _month(request, selectors.latest_month(user, org))
    view = selectors.month_view(user, org, month)
    context: dict[str, Any] = {
        "org": org,
        "month": month,
        "view": view,
        "rules": rules.rules_for(month),
        "can_change": scope.covers_path(Action.CHANGE, org.path),
        "can_import": scope.allows(Action.IMPORT),
        "can_export": scope.allows(Action.EXPORT),
        "previous": rules.format_month(add_months(month, -1)),
        "next": rules.format_month(rules.next_month(month)),
        "ancestors": scoped(
            user,
            Action.VIEW,
            Organization.objects.filter(
                path__in=[org.path[:n] for n in range(4, len(org.path), 4)]
            ),
        ).order_by("path"),
    }
    if org.is_cell or len(view.lines) == 1 and view.lines[0].org.pk == org.pk:
        rows = (
            selectors.month_rows(user, org, month)
            .select_related("member__person", "cell")
            .order_by("member__person__search_name", "pk")
        )
        context["page"], context["pager_query"] = paginate(request, rows)
    return render(request, "dues/home.html", context)


@login_required
@audited_read("Xem đảng phí")
def member(request: HttpRequest, pk: int) -> HttpResponse:
    """A member's dues: bases, reliefs and every month the user may see."""
    user: Any = request.user
    member = get_scoped_or_404(
        user, Action.VIEW, Member.objects.select_related("person", "cell"), pk=pk
    )
    rows = selectors.visible_rows(user).filter(member=member).select_related("cell")
    years = sorted({d.year for d in rows.dates("month", "year")}, reverse=True)
    year = request.GET.get("year", "")
    year_value = (
        int(year) if year.isdecimal() and len(year) == 4 else (years[0] if years else _today().year)
    )
    shown = rows.filter(month__year=year_value).order_by("-month")
    today = _today()
    unpaid = [
        r
        for r in shown
        if r.month < rules.month_start(today)
        and r.amount_due > r.amount_paid
        and not r.excused_reason
    ]
    threshold = rules.rules_for(min(today, dt.date(year_value, 12, 1))).unpaid_months_flag
    context = {
        "member": member,
        "rows": shown,
        "years": years,
        "year": year_value,
        "totals": selectors.totals(shown),
        "unpaid": unpaid,
        "threshold": threshold,
        "flagged": len(unpaid) >= threshold,
        "flag_text": rules.unpaid_flag_text(rules.rules_for(today)),
        "bases": scoped(user, Action.VIEW, DuesBasis.objects.filter(member=member)).order_by(
            "-from_month"
        ),
        "reliefs": scoped(user, Action.VIEW, DuesRelief.objects.filter(member=member)).order_by(
            "-from_month"
        ),
        "can_change": scope_of(user).covers_path(Action.CHANGE, member.org_path or "-"),
        "due_now": selectors.due_of(member, today),
    }
    return render(request, "dues/member.html", context)


def _member_for_change(request: HttpRequest, pk: int) -> Member:
    user: Any = request.user
    member = get_scoped_or_404(user, Action.VIEW, Member.objects.select_related("person"), pk=pk)
    if not scope_of(user).covers_path(Action.CHANGE, member.org_path or "-"):
        raise PermissionDenied
    return member


def _form_page(request: HttpRequest, member: Member, form: Any, title: str) -> HttpResponse:
    return render(request, "dues/form.html", {"member": member, "form": form, "title": title})


@login_required
@audited_read("Xem biểu mẫu thu đảng phí")
def payment(request: HttpRequest, pk: int) -> HttpResponse:
    member = _member_for_change(request, pk)
    user: Any = request.user
    if request.method == "POST":
        form = PaymentForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                row = services.dues_row_for(member=member, month=data["month"])
                cell_path = Organization.objects.get(pk=row.cell_id).path
                if not scope_of(user).covers_path(Action.CHANGE, cell_path):
                    raise PermissionDenied
                services.dues_payment_record(
                    member=member,
                    month=data["month"],
                    amount_paid=data["amount_paid"],
                    paid_on=data["paid_on"],
                    channel=data["channel"],
                    excused_reason=data["excused_reason"],
                    note=data["note"],
                    acting_user=user,
                    request=request,
                    confirm_large=data["confirm_large"],
                )
            except ValidationError as exc:
                attach_errors([form], exc)
            else:
                messages.success(
                    request, f"Đã ghi nhận đảng phí tháng {rules.format_month(data['month'])}."
                )
                return redirect(
                    f"{reverse('dues:member', args=[member.pk])}?year={data['month'].year}"
                )
    else:
        month = _month(request, None)
        due = selectors.due_of(member, month)
        existing = DuesMonth.objects.filter(member=member, month=month).first()
        form = PaymentForm(
            initial={
                "month": month,
                "amount_paid": existing.amount_paid
                if existing and existing.amount_paid
                else due.amount,
                "paid_on": existing.paid_on if existing and existing.paid_on else _today(),
                "channel": existing.channel if existing and existing.channel else "cash",
            }
        )
    return _form_page(request, member, form, "Ghi nhận đóng đảng phí")


@login_required
@audited_read("Xem căn cứ tính đảng phí")
def basis(request: HttpRequest, pk: int) -> HttpResponse:
    member = _member_for_change(request, pk)
    if request.method == "POST":
        form = BasisForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.dues_basis_set(
                    member=member,
                    from_month=data["from_month"],
                    kind=data["kind"],
                    amount=data["amount"],
                    note=data["note"],
                    acting_user=request.user,
                    request=request,
                )
            except ValidationError as exc:
                attach_errors([form], exc)
            else:
                messages.success(request, "Đã lưu căn cứ đóng đảng phí.")
                return redirect("dues:member", pk=member.pk)
    else:
        form = BasisForm(initial={"from_month": rules.month_start(_today())})
    return _form_page(request, member, form, "Căn cứ đóng đảng phí")


@login_required
@audited_read("Xem miễn, giảm đảng phí")
def relief(request: HttpRequest, pk: int) -> HttpResponse:
    member = _member_for_change(request, pk)
    if request.method == "POST":
        form = ReliefForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.dues_relief_create(
                    member=member,
                    kind=data["kind"],
                    percent=data["percent"],
                    from_month=data["from_month"],
                    to_month=data["to_month"],
                    reason=data["reason"],
                    decision_number=data["decision_number"],
                    decision_date=data["decision_date"],
                    acting_user=request.user,
                    request=request,
                )
            except ValidationError as exc:
                attach_errors([form], exc)
            else:
                messages.success(request, "Đã lưu miễn, giảm đảng phí.")
                return redirect("dues:member", pk=member.pk)
    else:
        form = ReliefForm(initial={"from_month": rules.month_start(_today()), "percent": 100})
    return _form_page(request, member, form, "Miễn, giảm đảng phí")


@login_required
@require_POST
def prepare(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = PrepareForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Chọn tổ chức và tháng (mm/yyyy) để lập danh sách.")
        return redirect("dues:home")
    org = scoped(
        user, Action.VIEW, Organization.objects.filter(pk=form.cleaned_data["org"])
    ).first()
    if org is None:
        raise Http404
    if not scope_of(user).covers_path(Action.CHANGE, org.path):
        raise PermissionDenied
    month = form.cleaned_data["month"]
    try:
        created = services.dues_month_prepare(
            org=org, month=month, acting_user=user, request=request
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            f"Đã lập danh sách đảng phí tháng {rules.format_month(month)}: "
            f"{format_number(created)} đảng viên được thêm.",
        )
    return redirect(f"{reverse('dues:home')}?org={org.pk}&month={rules.format_month(month)}")


@login_required
def unpaid(request: HttpRequest) -> HttpResponse:
    """Members with three or more months unpaid in the year (flagged, not struck off)."""
    user: Any = request.user
    if not scope_of(user).root_paths(Action.VIEW) and not scope_of(user).is_superuser:
        raise PermissionDenied
    org = _org(request)
    today = _today()
    year_text = str(request.GET.get("year") or "")
    year = (
        int(year_text)
        if year_text.isdecimal() and 1990 < int(year_text) <= today.year
        else today.year
    )
    found = selectors.unpaid_list(user, org, year, today)
    page, pager_query = paginate(request, found)
    context = {
        "org": org,
        "year": year,
        "page": page,
        "pager_query": pager_query,
        "total": len(found),
        "flag_text": rules.unpaid_flag_text(rules.rules_for(min(today, dt.date(year, 12, 1)))),
        "years": list(range(today.year, today.year - 6, -1)),
    }
    return render(request, "dues/unpaid.html", context)


@login_required
def export(request: HttpRequest) -> HttpResponse:
    """The month's list as .xlsx, in the layout the import reads back."""
    user: Any = request.user
    if not scope_of(user).allows(Action.EXPORT):
        raise PermissionDenied
    org = _org(request, Action.EXPORT)
    month = _month(request, selectors.latest_month(user, org))
    rows = (
        scoped(user, Action.EXPORT, selectors.month_rows(user, org, month))
        .select_related("member__person", "cell")
        .order_by("cell__path", "member__person__search_name", "pk")
    )
    count = rows.count()
    audit_log(
        user=user,
        action=AuditAction.EXPORT,
        object_type="dues_month",
        object_id=org.pk,
        description=f"Xuất đảng phí tháng {rules.format_month(month)} của {org.name}: {count} dòng",
        request=request,
    )
    return xlsx_response(
        f"dang-phi-{org.code}-{month:%Y-%m}.xlsx",
        importer.SHEET_TITLE,
        importer.HEADINGS,
        importer.export_rows(rows.iterator(2000)),
    )


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    """Upload → preview (every row checked, nothing written) → confirm (all or nothing)."""
    user: Any = request.user
    if not scope_of(user).allows(Action.IMPORT):
        raise PermissionDenied
    form = ImportForm()
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and request.POST.get("confirm"):
        stored = request.session.get(SESSION_KEY) or {}
        if not stored or stored.get("token") != request.POST.get("confirm"):
            messages.error(request, "Phiên xem trước đã hết hạn. Hãy tải tệp lên lại.")
            return redirect("dues:import")
        data = base64.b64decode(stored["data"])
        plan = importer.apply_import(user, data, filename=stored["name"], request=request)
        if plan.ok:
            request.session.pop(SESSION_KEY, None)
            messages.success(
                request, f"Đã nhập {format_number(len(plan.rows))} dòng: {plan.summary}."
            )
            return redirect("dues:import")
        context.update(plan=plan, filename=stored["name"])
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read()
            plan = importer.plan_import(user, data)
            context.update(plan=plan, filename=upload.name)
            if plan.ok:
                token = hashlib.sha256(data).hexdigest()[:32]
                request.session[SESSION_KEY] = {
                    "token": token,
                    "name": upload.name,
                    "data": base64.b64encode(data).decode(),
                }
                context["token"] = token
    if "plan" in context:
        context["shown_rows"] = context["plan"].rows[:PREVIEW_ROWS]
        context["more_rows"] = max(len(context["plan"].rows) - PREVIEW_ROWS, 0)
    return render(request, "dues/import.html", context)
