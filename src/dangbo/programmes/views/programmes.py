"""Action programmes and their targets: lists with each target's progress, details,
forms, the value entered by hand, exports."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.accounts.selectors import record_history
from dangbo.core.listing import export_response, list_context, require_export
from dangbo.core.locking import versioned_initial
from dangbo.core.scope import Action, get_scoped_or_404, scoped
from dangbo.core.secrecy import Secrecy
from dangbo.members.forms import attach_errors
from dangbo.programmes import selectors, services
from dangbo.programmes.forms import (
    ManualValueForm,
    ProgrammeFilterForm,
    ProgrammeForm,
    TargetFilterForm,
    TargetForm,
)
from dangbo.programmes.models import Document, Programme, Target, TargetManualValue
from dangbo.programmes.targets import evaluate
from dangbo.programmes.views.common import (
    can_change,
    filters,
    orgs_for,
    require,
    require_change,
    today,
)
from dangbo.programmes.views.documents import find_document

PROGRAMMES_SKIPPED = (
    "Chương trình mật không được xuất ra tệp: {n} chương trình mật trong danh sách đã được bỏ qua."
)
TARGETS_SKIPPED = (
    "Chỉ tiêu của chương trình mật không được xuất ra tệp: {n} chỉ tiêu trong danh sách đã "
    "được bỏ qua."
)


def _visible_documents(user: Any) -> QuerySet[Document]:
    return scoped(user, Action.VIEW, Document.objects.order_by("issued_on", "pk"))


def _with_documents(user: Any, rows: QuerySet[Programme]) -> QuerySet[Programme]:
    """Programmes with only the linked documents `user` may see (p.documents.all)."""
    return rows.prefetch_related(Prefetch("documents", queryset=_visible_documents(user)))


def _refuse_secret(request: HttpRequest, object_type: str, text: str, n: int) -> None:
    """One audit REFUSED row counting the secret rows left out of an export."""
    if n:
        audit_log(
            user=request.user, action=AuditAction.REFUSED, object_type=object_type,
            description=text.format(n=n), request=request,
        )  # fmt: skip


def _rows(request: HttpRequest, action: Action) -> tuple[ProgrammeFilterForm, Any]:
    form = ProgrammeFilterForm(request.GET or None, orgs=orgs_for(request.user, Action.VIEW))
    data = filters(form)
    rows = selectors.programme_list(
        request.user, action=action, query=data.get("q") or "", org=data.get("org"),
        year=data.get("year"),
    )  # fmt: skip
    return form, rows


@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.VIEW)
    form, rows = _rows(request, Action.VIEW)
    return render(
        request, "programmes/programmes.html",
        list_context(request, form, _with_documents(request.user, rows),
                     can_write=bool(orgs_for(request.user, Action.OFFICE)[:1]),
                     secret_count=rows.exclude(secrecy=Secrecy.NONE).count()),
    )  # fmt: skip


@login_required
def programme_export(request: HttpRequest) -> HttpResponse:
    require_export(request.user)
    _form, rows = _rows(request, Action.EXPORT)
    secret = rows.exclude(secrecy=Secrecy.NONE).count()
    _refuse_secret(request, "programme", PROGRAMMES_SKIPPED, secret)
    public_docs = Prefetch(
        "documents", queryset=_visible_documents(request.user).filter(secrecy=Secrecy.NONE)
    )
    return export_response(
        request, rows=rows.filter(secrecy=Secrecy.NONE).prefetch_related(public_docs),
        object_type="programme",
        description=lambda n: f"Xuất danh sách chương trình hành động: {n} chương trình"
        + (f" (bỏ qua {secret} chương trình mật)" if secret else ""),
        filename="chuong-trinh-hanh-dong.xlsx", title="Chương trình hành động",
        headings=["Cấp ủy", "Tên chương trình", "Ngày ban hành", "Từ năm", "Đến năm",
                  "Thực hiện văn bản"],
        row=lambda p: [p.org.name, p.title, p.issued_on, p.year_from, p.year_to,
                       "; ".join(d.code for d in p.documents.all() if d.code)],
    )  # fmt: skip


def _programme(request: HttpRequest, pk: int) -> Programme:
    return get_scoped_or_404(
        request.user, Action.VIEW, Programme.objects.select_related("org", "issued_as"), pk=pk
    )


@login_required
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    prog = _programme(request, pk)
    at = today()
    targets = scoped(request.user, Action.VIEW, prog.targets.select_related("org"))
    visible = _visible_documents(request.user)
    issued_as = (
        prog.issued_as
        if prog.issued_as_id and visible.filter(pk=prog.issued_as_id).exists()
        else None
    )
    return render(
        request, "programmes/programme_detail.html",
        {
            "p": prog, "at": at, "issued_as": issued_as,
            "documents": visible.filter(programmes=prog),
            "progress": [evaluate(t, at=at) for t in targets],
            "history": record_history("programme", prog.pk),
            "can_change": can_change(request.user, prog.org),
        },
    )  # fmt: skip


def _programme_form(request: HttpRequest, prog: Programme | None) -> HttpResponse:
    user = request.user
    initial: dict[str, Any] = {}
    if prog is not None:
        initial = {
            "org": prog.org_id, "title": prog.title, "issued_on": prog.issued_on,
            "year_from": prog.year_from, "year_to": prog.year_to, "secrecy": prog.secrecy,
            "issued_as": prog.issued_as.code
            if prog.issued_as_id and _visible_documents(user).filter(pk=prog.issued_as_id).exists()
            else "",
            "documents": "\n".join(
                d.code for d in _visible_documents(user).filter(programmes=prog) if d.code
            ),
        }  # fmt: skip
    form = ProgrammeForm(
        request.POST or None,
        initial=versioned_initial(prog, **initial),
        orgs=orgs_for(user, Action.OFFICE),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            docs = []
            for i, line in enumerate(data["documents"].splitlines(), start=1):
                if line.strip():
                    try:
                        docs.append(find_document(user, line))
                    except ValidationError as exc:
                        raise ValidationError(
                            {"documents": f"Dòng {i}: {exc.messages[0]}"}
                        ) from None
            # Links to documents the user cannot see are not theirs to drop: they stay.
            if prog is not None:
                docs += list(prog.documents.exclude(pk__in=_visible_documents(user)))
            issued_as = None
            if (
                prog is not None
                and prog.issued_as_id
                and not _visible_documents(user).filter(pk=prog.issued_as_id).exists()
            ):
                issued_as = prog.issued_as
            if data["issued_as"].strip():
                try:
                    issued_as = find_document(user, data["issued_as"])
                except ValidationError as exc:
                    raise ValidationError({"issued_as": exc.messages[0]}) from None
            saved = services.programme_save(
                expected_version=form.expected_version,
                org=data["org"], title=data["title"], issued_on=data["issued_on"],
                year_from=data["year_from"], year_to=data["year_to"], documents=docs,
                issued_as=issued_as, secrecy=data["secrecy"] or "", programme=prog, user=user,
            )  # fmt: skip
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, "Đã lưu chương trình hành động.")
            return redirect("programmes:programme_detail", pk=saved.pk)
    return render(request, "programmes/simple_form.html",
                  {"form": form, "title": "Sửa chương trình hành động" if prog else
                   "Thêm chương trình hành động",
                   "back": request.META.get("HTTP_REFERER", "")})  # fmt: skip


@login_required
def programme_create(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.OFFICE, "Đồng chí không có quyền ghi chương trình hành động.")
    return _programme_form(request, None)


@login_required
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    prog = _programme(request, pk)
    require_change(request.user, prog.org)
    return _programme_form(request, prog)


# --- Targets --------------------------------------------------------------------------------


def _target_rows(request: HttpRequest, action: Action) -> tuple[TargetFilterForm, Any, dt.date]:
    form = TargetFilterForm(request.GET or None, orgs=orgs_for(request.user, Action.VIEW))
    data = filters(form)
    year = data.get("year") or today().year
    rows = selectors.target_list(request.user, action=action, org=data.get("org"), year=year)
    at = min(today(), dt.date(year, 12, 31))
    return form, rows, at


def _secret_targets(rows: QuerySet[Target]) -> QuerySet[Target]:
    """Targets of a secret programme: never written to a file."""
    return rows.filter(programme__isnull=False).exclude(programme__secrecy=Secrecy.NONE)


@login_required
def target_list(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.VIEW)
    form, rows, at = _target_rows(request, Action.VIEW)
    context = list_context(request, form, rows, at=at,
                           can_write=bool(orgs_for(request.user, Action.OFFICE)[:1]),
                           secret_count=_secret_targets(rows).count())  # fmt: skip
    context["progress"] = [evaluate(t, at=at) for t in context["page"].object_list]
    return render(request, "programmes/targets.html", context)


@login_required
def target_export(request: HttpRequest) -> HttpResponse:
    require_export(request.user)
    _form, rows, at = _target_rows(request, Action.EXPORT)
    secret = _secret_targets(rows).count()
    _refuse_secret(request, "target", TARGETS_SKIPPED, secret)
    shown = rows.exclude(pk__in=_secret_targets(rows).values("pk"))
    return export_response(
        request, rows=[evaluate(t, at=at) for t in shown], object_type="target",
        description=lambda n: f"Xuất danh sách chỉ tiêu: {n} chỉ tiêu"
        + (f" (bỏ qua {secret} chỉ tiêu của chương trình mật)" if secret else ""),
        filename="chi-tieu.xlsx", title="Chỉ tiêu",
        headings=["Phạm vi", "Chỉ tiêu", "Từ ngày", "Đến ngày", "Kết quả", "Đánh giá",
                  "Nhập tay"],
        row=lambda p: [p.target.org.name, p.target.label, p.target.period_start,
                       p.target.period_end, p.text, p.status_label, "Có" if p.manual else ""],
    )  # fmt: skip


def _target(request: HttpRequest, pk: int) -> Target:
    return get_scoped_or_404(
        request.user, Action.VIEW, Target.objects.select_related("org", "programme"), pk=pk
    )


@login_required
def target_detail(request: HttpRequest, pk: int) -> HttpResponse:
    target = _target(request, pk)
    at = min(today(), target.period_end)
    changeable = can_change(request.user, target.org)
    form = ManualValueForm(request.POST or None, initial={"at": at})
    if request.method == "POST":
        require_change(request.user, target.org)
        if form.is_valid():
            try:
                services.target_enter_value(target=target, user=request.user, **form.cleaned_data)
            except ValidationError as exc:
                attach_errors([form], exc)
            else:
                messages.success(request, "Đã ghi kết quả nhập tay.")
                return redirect("programmes:target_detail", pk=target.pk)
    return render(
        request, "programmes/target_detail.html",
        {
            "t": target, "p": evaluate(target, at=at), "at": at, "form": form,
            "values": TargetManualValue.objects.filter(target=target).select_related("entered_by"),
            "history": record_history("target", target.pk), "can_change": changeable,
        },
    )  # fmt: skip


def _target_form(request: HttpRequest, target: Target | None) -> HttpResponse:
    user = request.user
    initial: dict[str, Any] = {}
    if target is not None:
        initial = {
            f: getattr(target, f) for f in ("label", "indicator_key", "denominator_key",
                                            "comparison", "value", "unit", "period_kind",
                                            "period_start", "period_end")
        }  # fmt: skip
        initial.update(org=target.org_id, programme=target.programme_id)
    elif request.GET.get("programme", "").isdecimal():
        prog = get_scoped_or_404(user, Action.VIEW, Programme.objects.all(),
                                 pk=int(request.GET["programme"]))  # fmt: skip
        initial.update(org=prog.org_id, programme=prog.pk)
    form = TargetForm(
        request.POST or None, initial=versioned_initial(target, **initial),
        orgs=orgs_for(user, Action.OFFICE),
        programmes=scoped(user, Action.OFFICE, Programme.objects.order_by("-issued_on")),
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.target_save(target=target, user=user, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, "Đã lưu chỉ tiêu.")
            return redirect("programmes:target_detail", pk=saved.pk)
    return render(request, "programmes/simple_form.html",
                  {"form": form, "title": "Sửa chỉ tiêu" if target else "Thêm chỉ tiêu",
                   "col": "col-md-6"})  # fmt: skip


@login_required
def target_create(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.OFFICE, "Đồng chí không có quyền ghi chỉ tiêu.")
    return _target_form(request, None)


@login_required
def target_edit(request: HttpRequest, pk: int) -> HttpResponse:
    target = _target(request, pk)
    require_change(request.user, target.org)
    return _target_form(request, target)
