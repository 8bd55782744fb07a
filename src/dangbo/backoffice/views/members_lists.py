"""Editing the lists of a member's file: work history, training history and family.

Work and training take Action.CHANGE on the member; family relations are sensitive
and also take Action.VIEW_SENSITIVE (403 without it), and opening them is logged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.backoffice.views.members import member_for_change
from dangbo.core.locking import EditConflict
from dangbo.core.scope import Action, scope_of
from dangbo.members import services
from dangbo.members.forms_lists import (
    FamilyRelationFormSet,
    RowsFormSet,
    TrainingHistoryFormSet,
    WorkHistoryFormSet,
)
from dangbo.members.services import BulkRowsError


@dataclass(frozen=True)
class ListPage:
    title: str
    formset: type[RowsFormSet]
    save: Callable[..., Any]
    sensitive: bool = False


WORK = ListPage(
    "Quá trình công tác", WorkHistoryFormSet, services.person_work_history_save
)  # fmt: skip
TRAINING = ListPage(
    "Quá trình đào tạo, bồi dưỡng", TrainingHistoryFormSet, services.person_training_history_save
)
FAMILY = ListPage(
    "Quan hệ gia đình", FamilyRelationFormSet, services.person_family_save, sensitive=True
)


def can_edit_family(user: Any, org_path: str) -> bool:
    scope = scope_of(user)
    return scope.covers_path(Action.CHANGE, org_path) and scope.covers_path(
        Action.VIEW_SENSITIVE, org_path
    )


def _list_page(request: HttpRequest, pk: int, page: ListPage) -> HttpResponse:
    user = request.user
    member = member_for_change(user, pk)
    person = member.person
    if page.sensitive and not can_edit_family(user, member.org_path):
        raise PermissionDenied("Đồng chí không có quyền xem thông tin này.")
    data = request.POST if request.method == "POST" else None
    formset = page.formset(data, instance=person)
    # The lists are part of the person's record: the form carries its version (core.locking).
    version = str(person.version) if data is None else data.get("expected_person_version", "")
    conflict = ""
    if data is not None and not version.isdecimal():
        conflict = "Biểu mẫu thiếu số phiên bản của hồ sơ; đề nghị tải lại trang."
    elif data is not None and formset.is_valid():
        rows, row_forms = formset.rows()
        try:
            page.save(person=person, rows=rows, acting_user=user, expected_version=int(version))
        except BulkRowsError as exc:
            for index, message in exc.problems:
                row_forms[index].add_error(None, message)
        except EditConflict as exc:
            conflict = exc.messages[0]
        else:
            messages.success(request, f"Đã lưu {page.title.lower()} của {person.full_name}.")
            return redirect("backoffice:member_detail", pk=member.pk)
    # Every one of a member's lists (work, training, family) is personal data.
    audit_log(
        user=user,
        action=AuditAction.VIEW,
        object_type="person",
        object_id=person.pk,
        description=f"Xem {page.title.lower()} của {person.full_name}",
        request=request,
    )
    return render(
        request,
        "backoffice/members/list_form.html",
        {
            "member": member,
            "person": person,
            "title": page.title,
            "formset": formset,
            "version": version,
            "conflict": conflict,
        },  # fmt: skip
    )


@login_required
def member_work_history(request: HttpRequest, pk: int) -> HttpResponse:
    return _list_page(request, pk, WORK)


@login_required
def member_training_history(request: HttpRequest, pk: int) -> HttpResponse:
    return _list_page(request, pk, TRAINING)


@login_required
def member_family(request: HttpRequest, pk: int) -> HttpResponse:
    return _list_page(request, pk, FAMILY)
