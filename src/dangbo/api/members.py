"""Members and their membership events, within the caller's scope."""

from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.api.common import Pages, user_of
from dangbo.api.schemas import (
    FORBIDDEN,
    INVALID,
    NOT_FOUND,
    UNAUTHORIZED,
    ConflictMessage,
    EventIn,
    EventOut,
    MemberDetailOut,
    MemberOut,
)
from dangbo.core.locking import EditConflict
from dangbo.core.scope import Action, get_scoped_or_404, scoped
from dangbo.members.choices import EventKind, Gender, MemberStatus
from dangbo.members.models import Member, MembershipEvent
from dangbo.members.selectors import member_list_from_params
from dangbo.members.sensitive import mask, may_see_sensitive
from dangbo.members.services import member_record_event
from dangbo.orgs.models import Organization
from dangbo.orgs.selectors import resolve_code

router = Router(tags=["Đảng viên"])

# The person's fields of MemberDetailOut; members.sensitive decides which are hidden.
PERSON_OUT_FIELDS = (
    "other_name", "birth_place", "home_town", "citizen_id", "phone", "email", "residence",
    "temporary_residence",
)  # fmt: skip
LABELLED_PERSON_FIELDS = (
    "ethnicity", "religion", "occupation", "general_education", "professional_level",
    "political_theory",
)  # fmt: skip


MemberOrder = Literal["name", "-name", "birth", "-birth", "admitted", "-admitted", "cell"]


class MemberFilters(Schema):
    q: str = ""
    org: str = ""
    status: MemberStatus | Literal[""] = ""
    gender: Gender | Literal[""] = ""
    include_left: bool = False
    order: MemberOrder = "name"


@router.get(
    "/members",
    response={200: list[MemberOut], **UNAUTHORIZED, **NOT_FOUND, **INVALID},
    summary="Danh sách đảng viên trong phạm vi",
)
@paginate(Pages, page_size=50)
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


@router.get(
    "/members/{id:member_id}",
    response={200: MemberDetailOut, **UNAUTHORIZED, **NOT_FOUND, **INVALID},
    summary="Hồ sơ một đảng viên",
)
def member_detail(request: HttpRequest, member_id: int) -> Any:
    """Số căn cước, số lý lịch và thông tin liên hệ chỉ trả về cho người có quyền xem."""
    user = user_of(request)
    member = get_scoped_or_404(
        user, Action.VIEW, Member.objects.select_related("person", "cell"), pk=member_id
    )
    person = member.person
    shown = may_see_sensitive(user, member)
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
    values = {name: getattr(person, name) or "" for name in PERSON_OUT_FIELDS}
    values["background_number"] = member.background_number
    for name, value in mask(user, member, values).items():
        setattr(row, name, value)
    for name in LABELLED_PERSON_FIELDS:
        setattr(row, name, str(getattr(person, f"get_{name}_display")()))
    row.sensitive_shown = shown
    return row


@router.get(
    "/members/{id:member_id}/events",
    response={200: list[EventOut], **UNAUTHORIZED, **NOT_FOUND, **INVALID},
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
    "/members/{id:member_id}/events",
    response={
        201: EventOut,
        **UNAUTHORIZED,
        **FORBIDDEN,
        **NOT_FOUND,
        409: ConflictMessage,
        **INVALID,
    },
    summary="Ghi một sự kiện đảng tịch",
)
def member_event_create(request: HttpRequest, member_id: int, payload: EventIn) -> Any:
    """Sự kiện được kiểm tra cùng toàn bộ lịch sử của đảng viên; nếu không hợp lệ thì trả về
    422 kèm lý do và không ghi gì. Nếu gửi expected_version mà hồ sơ đã được người khác sửa
    sau lần đọc đó thì trả về 409 và không ghi gì."""
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
            expected_version=payload.expected_version,
        )
    except EditConflict as exc:
        return Status(
            409,
            {
                "detail": exc.messages[0],
                "version": exc.version,
                "changed": {name: value for name, _, value in exc.changed},
            },
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
