"""Members and their membership events, within the caller's scope."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.api.common import user_of
from dangbo.api.schemas import (
    EventIn,
    EventOut,
    MemberDetailOut,
    MemberOut,
    Message,
    ValidationMessage,
)
from dangbo.core.scope import Action, get_scoped_or_404, scope_of, scoped
from dangbo.members.choices import EventKind, MemberStatus
from dangbo.members.models import Member, MembershipEvent
from dangbo.members.selectors import member_list_from_params
from dangbo.members.services import member_record_event
from dangbo.orgs.models import Organization
from dangbo.orgs.selectors import resolve_code

router = Router(tags=["Đảng viên"])

SENSITIVE_FIELDS = (
    "citizen_id", "phone", "email", "residence", "temporary_residence"
)  # fmt: skip
PUBLIC_PERSON_FIELDS = (
    "other_name", "birth_place", "home_town",
)  # fmt: skip
LABELLED_PERSON_FIELDS = (
    "ethnicity", "religion", "occupation", "general_education", "professional_level",
    "political_theory",
)  # fmt: skip


class MemberFilters(Schema):
    q: str = ""
    org: str = ""
    status: str = ""
    gender: str = ""
    include_left: bool = False
    order: str = "name"


@router.get("/members", response=list[MemberOut], summary="Danh sách đảng viên trong phạm vi")
@paginate(PageNumberPagination, page_size=50)
def member_list(request: HttpRequest, filters: Query[MemberFilters]) -> Any:
    """Cùng bộ lọc với trang danh sách: `q` (tên không dấu, số căn cước, số thẻ), `org`
    (id tổ chức), `status`, `gender`, `include_left`, `order` (name, -name, birth, -birth,
    admitted, -admitted, cell)."""
    user = user_of(request)
    params = filters.model_dump()
    params["include_left"] = "1" if filters.include_left else ""
    audit_log(
        user=user,
        action=AuditAction.VIEW,
        object_type="member_list",
        description="Xem danh sách đảng viên qua API"
        + "".join(f", {k}={v}" for k, v in params.items() if v and k != "order"),
        request=request,
    )
    return member_list_from_params(user, params)


def _may_see_sensitive(user: Any, member: Member) -> bool:
    scope = scope_of(user)
    if scope.covers_path(Action.VIEW_SENSITIVE, member.org_path):
        return True
    # A member sees their own record in full.
    return Action.VIEW_SENSITIVE in scope.self_actions and member.person.user_id == user.pk


@router.get(
    "/members/{int:member_id}",
    response={200: MemberDetailOut, 404: Message},
    summary="Hồ sơ một đảng viên",
)
def member_detail(request: HttpRequest, member_id: int) -> Any:
    """Số căn cước, số lý lịch và thông tin liên hệ chỉ trả về cho người có quyền xem."""
    user = user_of(request)
    member = get_scoped_or_404(
        user, Action.VIEW, Member.objects.select_related("person", "cell"), pk=member_id
    )
    person = member.person
    shown = _may_see_sensitive(user, member)
    audit_log(
        user=user,
        action=AuditAction.VIEW,
        object_type="member",
        object_id=member.pk,
        description=f"Xem hồ sơ đảng viên {person.full_name} qua API"
        + (" (cả thông tin nhạy cảm)" if shown else ""),
        request=request,
    )
    row: Any = member
    for name in PUBLIC_PERSON_FIELDS:
        setattr(row, name, getattr(person, name))
    for name in LABELLED_PERSON_FIELDS:
        setattr(row, name, str(getattr(person, f"get_{name}_display")()))
    row.sensitive_shown = shown
    for name in SENSITIVE_FIELDS:
        setattr(row, name, (getattr(person, name) or "") if shown else None)
    if not shown:
        row.background_number = None
    return row


@router.get(
    "/members/{int:member_id}/events",
    response={200: list[EventOut], 404: Message},
    summary="Lịch sử đảng tịch của một đảng viên",
)
def member_events(request: HttpRequest, member_id: int) -> Any:
    user = user_of(request)
    member = get_scoped_or_404(
        user, Action.VIEW, Member.objects.select_related("person"), pk=member_id
    )
    audit_log(
        user=user,
        action=AuditAction.VIEW,
        object_type="member",
        object_id=member.pk,
        description=f"Xem lịch sử đảng tịch của {member.person.full_name} qua API",
        request=request,
    )
    return member.events.select_related("org", "from_org").order_by("date", "id")


def _invalid(field: str, message: str) -> Status[dict[str, Any]]:
    return Status(422, {"detail": message, "errors": {field: [message]}})


@router.post(
    "/members/{int:member_id}/events",
    response={201: EventOut, 403: Message, 404: Message, 422: ValidationMessage},
    summary="Ghi một sự kiện đảng tịch",
)
def member_event_create(request: HttpRequest, member_id: int, payload: EventIn) -> Any:
    """Sự kiện được kiểm tra cùng toàn bộ lịch sử của đảng viên; nếu không hợp lệ thì trả về
    422 kèm lý do và không ghi gì."""
    user = user_of(request)
    member = get_scoped_or_404(
        user, Action.VIEW, Member.objects.select_related("person", "cell"), pk=member_id
    )
    if not scoped(user, Action.CHANGE, Member.objects.filter(pk=member.pk)).exists():
        return Status(403, {"detail": "Bạn không có quyền cập nhật hồ sơ đảng viên này."})
    if payload.kind not in EventKind.values:
        return _invalid("kind", f"Loại sự kiện không hợp lệ: {payload.kind}.")
    if payload.status and payload.status not in (MemberStatus.PROBATIONARY, MemberStatus.FULL):
        return _invalid("status", "Tình trạng phải là probationary (dự bị) hoặc full (chính thức).")
    org = None
    if payload.org_code:
        org = resolve_code(payload.org_code, at=payload.date)
        if (
            org is None
            or not scoped(user, Action.CHANGE, Organization.objects.filter(pk=org.pk)).exists()
        ):
            return _invalid(
                "org_code", f"Không tìm thấy chi bộ có mã {payload.org_code} trong phạm vi của bạn."
            )
    try:
        event = member_record_event(
            member=member,
            kind=payload.kind,
            date=payload.date,
            decision_number=payload.decision_number,
            decision_date=payload.decision_date,
            org=org,
            external_org=payload.external_org,
            status=payload.status,
            note=payload.note,
            acting_user=user,
        )
    except ValidationError as exc:
        return Status(422, _validation_body(exc))
    return Status(201, MembershipEvent.objects.select_related("org", "from_org").get(pk=event.pk))


def _validation_body(exc: ValidationError) -> dict[str, Any]:
    if hasattr(exc, "error_dict"):
        errors = {
            ("org_code" if field == "org" else field): [str(m) for m in messages]
            for field, messages in exc.message_dict.items()
        }
    else:
        errors = {"__all__": [str(m) for m in exc.messages]}
    detail = " ".join(m for messages in errors.values() for m in messages)
    return {"detail": detail, "errors": errors}
