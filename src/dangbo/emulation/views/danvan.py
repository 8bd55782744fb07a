""" "Dân vận khéo" models: list, export, detail, register and edit (Action.MOBILIZE)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from dangbo.core.listing import export_response, list_context, require_export
from dangbo.core.locking import versioned_initial
from dangbo.core.scope import Action, get_scoped_or_404, scope_of
from dangbo.emulation import selectors, services
from dangbo.emulation.forms import DanVanModelForm, ModelFilterForm
from dangbo.emulation.models import DanVanModel
from dangbo.emulation.views.common import filters, orgs_for, require
from dangbo.members.forms import attach_errors


def _rows(request: HttpRequest, action: Action) -> tuple[ModelFilterForm, Any]:
    user = request.user
    form = ModelFilterForm(request.GET or None, orgs=orgs_for(user, Action.VIEW))
    data = filters(form)
    rows = selectors.model_list(
        user, action=action, query=data.get("q") or "", unit=data.get("org"),
        year=data.get("year"), field=data.get("field") or "", status=data.get("status") or "",
    )  # fmt: skip
    return form, rows


@login_required
def model_list(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.VIEW)
    form, rows = _rows(request, Action.VIEW)
    can_mobilize = scope_of(request.user).allows(Action.MOBILIZE)
    return render(
        request,
        "emulation/models.html",
        list_context(request, form, rows, can_mobilize=can_mobilize),
    )


@login_required
def model_export(request: HttpRequest) -> HttpResponse:
    require_export(request.user)
    _form, rows = _rows(request, Action.EXPORT)
    return export_response(
        request,
        rows=rows,
        object_type="danvan_model",
        description=lambda n: f"Xuất danh sách mô hình “Dân vận khéo”: {n} mô hình",
        filename="mo-hinh-dan-van-kheo.xlsx",
        title="Mô hình Dân vận khéo",
        headings=["Đơn vị đăng ký", "Cơ quan, đơn vị", "Tên mô hình", "Lĩnh vực", "Năm đăng ký",
                  "Tình trạng", "Ngày công nhận", "Ngày dừng", "Kết quả thực hiện"],
        row=lambda m: [m.unit.name, m.unit.host_unit_name, m.name, m.get_field_display(),
                       m.registered_year, m.get_status_display(), m.recognized_on,
                       m.stopped_on, m.results],
    )  # fmt: skip


@login_required
def model_detail(request: HttpRequest, pk: int) -> HttpResponse:
    model = get_scoped_or_404(
        request.user, Action.VIEW, DanVanModel.objects.select_related("unit"), pk=pk
    )
    return render(
        request,
        "emulation/model_detail.html",
        {
            "m": model,
            "history": selectors.history("danvan_model", model.pk),
            "can_change": scope_of(request.user).covers_path(Action.MOBILIZE, model.unit.path),
        },
    )


def _form_page(request: HttpRequest, model: DanVanModel | None) -> HttpResponse:
    user = request.user
    data = request.POST if request.method == "POST" else None
    initial: dict[str, Any] = {}
    if model is not None:
        initial = {
            "unit": model.unit_id, "name": model.name, "field": model.field,
            "registered_year": model.registered_year, "status": model.status,
            "recognized_on": model.recognized_on, "stopped_on": model.stopped_on,
            "results": model.results,
        }  # fmt: skip
    form = DanVanModelForm(
        data, initial=versioned_initial(model, **initial), orgs=orgs_for(user, Action.MOBILIZE)
    )
    if data is not None and form.is_valid():
        try:
            saved = services.model_save(model=model, acting_user=user, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, f"Đã ghi mô hình “{saved.name}”.")
            return redirect("emulation:model_detail", pk=saved.pk)
    return render(request, "emulation/model_form.html", {"form": form, "m": model})


@login_required
def model_create(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.MOBILIZE, "Đồng chí không có quyền ghi mô hình “Dân vận khéo”.")
    return _form_page(request, None)


@login_required
def model_edit(request: HttpRequest, pk: int) -> HttpResponse:
    model = get_scoped_or_404(
        request.user, Action.VIEW, DanVanModel.objects.select_related("unit"), pk=pk
    )
    if not scope_of(request.user).covers_path(Action.MOBILIZE, model.unit.path):
        raise PermissionDenied("Đồng chí không có quyền sửa mô hình này.")
    return _form_page(request, model)
