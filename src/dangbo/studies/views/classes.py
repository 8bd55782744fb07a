"""Training classes: list, export, detail with learners, forms, results and certificates."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from dangbo.admission.models import AdmissionCase, CaseStatus, Stage
from dangbo.backoffice.views.orgs_common import today
from dangbo.core.listing import export_response, list_context, paginate, require_export
from dangbo.core.locking import versioned_initial
from dangbo.core.scope import Action, get_scoped_or_404, scope_of, scoped
from dangbo.members.forms import attach_errors
from dangbo.members.models import Member, Person
from dangbo.members.selectors import members_at
from dangbo.orgs.models import CELL_KINDS
from dangbo.studies import selectors, services
from dangbo.studies.forms import ClassForm, FilterForm, LearnerForm, ResultForm
from dangbo.studies.models import ClassKind, Learner, TrainingClass
from dangbo.studies.views.common import active_orgs, filter_values, need_educate, need_view


def _rows(request: HttpRequest, action: Action) -> tuple[FilterForm, Any]:
    user = request.user
    form = FilterForm(
        request.GET or None, orgs=active_orgs(user, Action.VIEW), kinds=ClassKind.choices
    )
    data = filter_values(form)
    classes = selectors.class_list(
        user, query=data.get("q") or "", org=data.get("org"), year=data.get("year"),
        kind=data.get("kind") or "", action=action,
    )  # fmt: skip
    return form, classes


@login_required
def class_list(request: HttpRequest) -> HttpResponse:
    need_view(request.user)
    form, classes = _rows(request, Action.VIEW)
    can_educate = scope_of(request.user).allows(Action.EDUCATE)
    return render(
        request,
        "studies/class_list.html",
        list_context(request, form, classes, can_educate=can_educate),
    )


@login_required
def class_export(request: HttpRequest) -> HttpResponse:
    require_export(request.user)
    _form, classes = _rows(request, Action.EXPORT)
    return export_response(
        request,
        rows=classes,
        object_type="training_class",
        description=lambda n: f"Xuất danh sách lớp bồi dưỡng: {n} lớp",
        filename="lop-boi-duong.xlsx",
        title="Lớp bồi dưỡng",
        headings=["Tên lớp", "Loại lớp", "Trình độ", "Khai giảng", "Bế giảng", "Địa điểm",
                  "Đơn vị tổ chức", "Tổ chức đảng mở lớp", "Số học viên"],
        row=lambda c: [c.title, c.get_kind_display(), c.get_level_display() if c.level else "",
                       c.starts_on, c.ends_on, c.place, c.organizer, c.org.name,
                       c.learner_count],
    )  # fmt: skip


def _class(user: Any, pk: int, *, change: bool = False) -> TrainingClass:
    klass = get_scoped_or_404(user, Action.VIEW, TrainingClass.objects.select_related("org"), pk=pk)
    if change:
        need_educate(user, klass.org)
    return klass


@login_required
def class_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    klass = _class(user, pk)
    learners = klass.learners.select_related("member", "person").order_by("search_name", "pk")
    page, pager_query = paginate(request, learners, per_page=200)
    return render(
        request, "studies/class_detail.html",
        {
            "klass": klass, "page": page, "pager_query": pager_query,
            "count": learners.count(),
            "certified": learners.exclude(certificate_number="").count(),
            "history": selectors.history(services.CLASS, klass.pk)[:100],
            "can_change": scope_of(user).covers_path(Action.EDUCATE, klass.org.path),
            "can_export": scope_of(user).allows(Action.EXPORT),
        },
    )  # fmt: skip


def _class_form(request: HttpRequest, klass: TrainingClass | None) -> HttpResponse:
    user = request.user
    fields = ("org", "kind", "level", "title", "starts_on", "ends_on", "place", "organizer",
              "note")  # fmt: skip
    initial = {f: getattr(klass, f) for f in fields} if klass else {}
    data = request.POST if request.method == "POST" else None
    form = ClassForm(
        data, initial=versioned_initial(klass, **initial), orgs=active_orgs(user, Action.EDUCATE)
    )
    if data is not None and form.is_valid():
        try:
            saved = services.class_save(
                expected_version=form.expected_version,
                training_class=klass, acting_user=user,
                **{f: form.cleaned_data[f] for f in fields},
            )  # fmt: skip
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, f"Đã ghi lớp {saved.title}.")
            return redirect("studies:class_detail", pk=saved.pk)
    return render(
        request, "studies/form.html",
        {"form": form, "title": "Sửa lớp bồi dưỡng" if klass else "Mở lớp bồi dưỡng",
         "back": klass, "section": "classes"},
    )  # fmt: skip


@login_required
def class_create(request: HttpRequest) -> HttpResponse:
    need_educate(request.user)
    return _class_form(request, None)


@login_required
def class_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _class_form(request, _class(request.user, pk, change=True))


def _class_members(user: Any, klass: TrainingClass) -> Any:
    return (
        scoped(user, Action.VIEW, Member.objects.exclude(status="left"))
        .filter(org_path__startswith=klass.org.path)
        .select_related("person", "cell")
        .order_by("person__search_name", "pk")
    )


@login_required
def learner_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    klass = _class(user, pk, change=True)
    data = request.POST if request.method == "POST" else None
    form = LearnerForm(data, members=_class_members(user, klass))
    if data is not None and form.is_valid():
        d = form.cleaned_data
        try:
            learner = services.learner_add(
                training_class=klass, member=d["member"], full_name=d["full_name"],
                birth_date=d["birth_date"], unit=d["unit"], acting_user=user,
            )  # fmt: skip
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, f"Đã thêm học viên {learner.full_name}.")
            return redirect("studies:class_detail", pk=klass.pk)
    return render(
        request, "studies/form.html",
        {"form": form, "title": f"Thêm học viên: {klass.title}", "back": klass,
         "section": "classes"},
    )  # fmt: skip


def _candidates(user: Any, klass: TrainingClass) -> list[AdmissionCase]:
    """Open admission cases of the class's subtree not yet through the awareness class."""
    cases = scoped(user, Action.VIEW, AdmissionCase.objects.filter(status=CaseStatus.PREPARING))
    taken = klass.learners.exclude(person=None).values("person_id")
    return list(
        cases.filter(org_path__startswith=klass.org.path)
        .exclude(steps__kind=Stage.TRAINED)
        .exclude(person_id__in=taken)
        .select_related("person", "cell")
        .order_by("person__search_name", "pk")
    )


@login_required
def learners_many(request: HttpRequest, pk: int) -> HttpResponse:
    """Add many learners: the members of a cell, or the admission candidates."""
    user = request.user
    klass = _class(user, pk, change=True)
    source = (
        request.GET.get("nguon")
        or request.POST.get("nguon")
        or ("doi-tuong" if klass.kind == ClassKind.AWARENESS else "chi-bo")
    )
    cells = active_orgs(user, Action.VIEW).filter(
        kind__in=CELL_KINDS, path__startswith=klass.org.path
    )
    cell = None
    raw_cell = request.GET.get("cell") or request.POST.get("cell") or ""
    if raw_cell:
        cell = get_scoped_or_404(
            user, Action.VIEW, cells, pk=raw_cell if raw_cell.isdecimal() else 0
        )
    choices: list[tuple[int, str, str]] = []
    if source == "doi-tuong":
        choices = [(c.person_id, c.person.full_name, c.cell.name) for c in _candidates(user, klass)]
    elif cell is not None:
        taken = set(klass.learners.exclude(member=None).values_list("member_id", flat=True))
        members = (
            scoped(user, Action.VIEW, members_at(cell, today()))
            .select_related("person", "cell")
            .order_by("person__search_name")
        )
        choices = [(m.pk, m.person.full_name, m.cell.name if m.cell else "")
                   for m in members if m.pk not in taken]  # fmt: skip
    errors: list[str] = []
    if request.method == "POST":
        allowed = {pk for pk, _, _ in choices}
        picked = [int(v) for v in request.POST.getlist("chosen") if v.isdecimal()]
        picked = [v for v in picked if v in allowed]
        try:
            if source == "doi-tuong":
                people = list(Person.objects.filter(pk__in=picked))
                added = services.learners_add_many(
                    training_class=klass, people=people, acting_user=user
                )
            else:
                chosen = list(Member.objects.filter(pk__in=picked).select_related("person", "cell"))
                added = services.learners_add_many(
                    training_class=klass, members=chosen, acting_user=user
                )
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, f"Đã thêm {len(added)} học viên.")
            return redirect("studies:class_detail", pk=klass.pk)
    return render(
        request, "studies/learners_many.html",
        {"klass": klass, "source": source, "cells": cells[:300], "cell": cell,
         "choices": choices, "errors": errors},
    )  # fmt: skip


def _learner(user: Any, pk: int) -> Learner:
    learner = get_scoped_or_404(
        user, Action.VIEW, Learner.objects.select_related("training_class__org"), pk=pk
    )
    need_educate(user, learner.training_class.org)
    return learner


@login_required
def learner_result(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    learner = _learner(user, pk)
    klass = learner.training_class
    initial = {
        "result": learner.result, "certificate_number": learner.certificate_number,
        "certificate_date": learner.certificate_date, "note": learner.note,
    }  # fmt: skip
    data = request.POST if request.method == "POST" else None
    form = ResultForm(data, initial=initial)
    if data is not None and form.is_valid():
        try:
            services.learner_result(learner=learner, acting_user=user, today=today(),
                                    **form.cleaned_data)  # fmt: skip
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, f"Đã ghi kết quả của học viên {learner.full_name}.")
            return redirect("studies:class_detail", pk=klass.pk)
    return render(
        request, "studies/form.html",
        {"form": form, "title": f"Kết quả học tập: {learner.full_name}", "back": klass,
         "section": "classes"},
    )  # fmt: skip


@login_required
def learner_remove(request: HttpRequest, pk: int) -> HttpResponse:
    learner = _learner(request.user, pk)
    class_id = learner.training_class_id
    if request.method == "POST":
        try:
            services.learner_remove(learner=learner, acting_user=request.user)
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
        else:
            messages.success(request, f"Đã xóa học viên {learner.full_name}.")
    return redirect("studies:class_detail", pk=class_id)


@login_required
def learners_export(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    require_export(user)
    klass = get_scoped_or_404(
        user, Action.EXPORT, TrainingClass.objects.select_related("org"), pk=pk
    )
    return export_response(
        request,
        rows=klass.learners.order_by("search_name", "pk"),
        object_type="training_class",
        description=lambda _n: f"Xuất danh sách học viên lớp {klass.title}",
        filename=f"hoc-vien-lop-{klass.pk}.xlsx",
        title="Học viên",
        headings=["Họ và tên", "Ngày sinh", "Đơn vị", "Đảng viên", "Kết quả",
                  "Số giấy chứng nhận", "Ngày cấp", "Ghi chú"],
        row=lambda x: [x.full_name, x.birth_date, x.unit, "Có" if x.member_id else "Không",
                       x.get_result_display() if x.result else "", x.certificate_number,
                       x.certificate_date, x.note],
    )  # fmt: skip
