"""Creating and editing member records."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms.models import model_to_dict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.backoffice.views.members import change_cells, member_for_change
from dangbo.core.locking import versioned_initial
from dangbo.core.scope import Action, scope_of, scoped
from dangbo.members import services
from dangbo.members.forms import MemberFieldsForm, MemberStartForm, PersonForm, attach_errors
from dangbo.members.models import Member, Person
from dangbo.members.sensitive import may_see_sensitive, sensitive_member_q

_CLASH_LABELS = {"citizen_id": "Số căn cước", "card_number": "Số thẻ đảng viên"}


def _clash_message(user: Any, field: str, value: str, own_person_id: int | None) -> Any:
    """The duplicate's message: a link to the existing profile if the user may read that
    number on it (members.sensitive), otherwise one message that does not tell whose
    record it is, nor whether it lies inside or outside the user's scope."""
    if field == "citizen_id":
        members = Member.objects.filter(person__citizen_id=value)
        others = Person.objects.filter(citizen_id=value)
        readable = sensitive_member_q(user)
    else:
        members = Member.objects.filter(cards__number=value)
        others = Person.objects.filter(member__cards__number=value)
        readable = None  # the card number is not sensitive: VIEW is enough
    if own_person_id is not None:
        members = members.exclude(person_id=own_person_id)
        others = others.exclude(pk=own_person_id)
    visible = scoped(user, Action.VIEW, members)
    if readable is not None:
        visible = visible.filter(readable)
    holder = visible.select_related("person").first()
    label = _CLASH_LABELS[field]
    if holder is not None:
        return format_html(
            '{} {} đã có trong hồ sơ của {}. <a href="{}">Mở hồ sơ đã có</a>',
            label,
            value,
            holder.person.full_name,
            reverse("backoffice:member_detail", args=[holder.pk]),
        )
    if others.exists():
        return (
            f"{label} {value} đã có trong một hồ sơ khác mà đồng chí không được xem; "
            "đề nghị liên hệ Ban Tổ chức Đảng ủy để chuyển sinh hoạt hoặc hợp nhất hồ sơ."
        )
    return None


def explain_duplicates(
    user: Any, exc: ValidationError, values: dict[str, Any], own_person_id: int | None = None
) -> ValidationError:
    """Replace the services' duplicate messages by ones that respect the user's scope."""
    if not hasattr(exc, "error_dict"):
        return exc
    errors: dict[str, Any] = dict(exc.error_dict)
    for field in _CLASH_LABELS:
        value = values.get(field)
        if field in errors and value:
            message = _clash_message(user, field, value, own_person_id)
            if message is not None:
                errors[field] = [ValidationError(message)]
    return ValidationError(errors)


@login_required
def member_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not scope_of(user).allows(Action.CHANGE):
        raise PermissionDenied("Đồng chí không có quyền thêm đảng viên.")
    data = request.POST if request.method == "POST" else None
    person_form = PersonForm(data)
    member_form = MemberFieldsForm(data)
    start_form = MemberStartForm(data, cells=change_cells(user))
    forms_ = [person_form, member_form, start_form]
    if data is not None and all([form.is_valid() for form in forms_]):  # noqa: C419 - every form
        try:
            # One transaction: a refused record leaves no orphan person behind.
            with transaction.atomic():
                person = services.person_save(acting_user=user, **person_form.values())
                member = services.member_create(
                    person=person,
                    acting_user=user,
                    **start_form.service_kwargs(),
                    **member_form.values(),
                )
        except ValidationError as exc:
            values = {**person_form.cleaned_data, **member_form.cleaned_data}
            attach_errors(
                forms_, explain_duplicates(user, exc, values), aliases={"kind": "start_kind"}
            )
        else:
            messages.success(request, f"Đã tạo hồ sơ đảng viên {person.full_name}.")
            return redirect("backoffice:member_detail", pk=member.pk)
    return render(
        request,
        "backoffice/members/form.html",
        {
            "title": "Thêm đảng viên",
            "person_form": person_form,
            "member_form": member_form,
            "start_form": start_form,
            "all_forms": forms_,
            "cancel_url": reverse("backoffice:member_list"),
        },
    )


@login_required
def member_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    member = member_for_change(user, pk)
    sensitive = may_see_sensitive(user, member)
    data = request.POST if request.method == "POST" else None
    person_form = PersonForm(
        data,
        initial=versioned_initial(
            member.person,
            "expected_person_version",
            **model_to_dict(member.person, fields=services.PERSON_FIELDS),
        ),
        sensitive=sensitive,
    )
    member_form = MemberFieldsForm(
        data,
        initial=versioned_initial(member, **model_to_dict(member, fields=services.MEMBER_FIELDS)),
        sensitive=sensitive,
    )
    forms_ = [person_form, member_form]
    if data is None:
        audit_log(
            user=user,
            action=AuditAction.VIEW,
            object_type="member",
            object_id=member.pk,
            description=f"Mở biểu mẫu sửa hồ sơ đảng viên {member.person.full_name}",
            request=request,
        )
    elif all([form.is_valid() for form in forms_]):  # noqa: C419 - validate every form
        try:
            with transaction.atomic():
                services.member_update(
                    member=member,
                    acting_user=user,
                    expected_version=member_form.expected_version,
                    expected_person_version=person_form.expected_version,
                    **person_form.values(),
                    **member_form.values(),
                )
        except ValidationError as exc:
            values = {**person_form.cleaned_data, **member_form.cleaned_data}
            attach_errors(
                forms_,
                explain_duplicates(user, exc, values, own_person_id=member.person_id),
                aliases={"date": "ceremony_on"},
            )
        else:
            messages.success(request, f"Đã lưu hồ sơ đảng viên {member.person.full_name}.")
            return redirect("backoffice:member_detail", pk=member.pk)
    return render(
        request,
        "backoffice/members/form.html",
        {
            "title": f"Sửa hồ sơ: {member.person.full_name}",
            "member": member,
            "person_form": person_form,
            "member_form": member_form,
            "start_form": None,
            "all_forms": forms_,
            "sensitive": sensitive,
            "cancel_url": reverse("backoffice:member_detail", args=[member.pk]),
        },
    )
