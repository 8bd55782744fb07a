"""Shapes of what the API returns and accepts. Labels are Vietnamese, values stable English."""

import datetime as dt
from typing import Any, Literal

from ninja import Field, Schema

from dangbo.members.choices import EventKind


class Message(Schema):
    detail: str


class ValidationMessage(Schema):
    detail: str
    errors: dict[str, list[str]] = Field(default_factory=dict)


# The error answers, declared in each endpoint's `response=` map so the OpenAPI schema
# names every status an endpoint can give (tests/security/test_api_schema.py).
UNAUTHORIZED: dict[int, Any] = {401: Message}  # no session and no valid bearer token
NOT_FOUND: dict[int, Any] = {404: Message}  # missing, or outside the caller's scope
INVALID: dict[int, Any] = {422: ValidationMessage}  # a parameter or body field refused
FORBIDDEN: dict[int, Any] = {403: Message}  # a write without the right (or CSRF token)


# Organizations


class OrgOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    kind_label: str
    sector: str
    sector_label: str
    parent_code: str | None = None
    depth: int
    founded_on: dt.date
    dissolved_on: dt.date | None = None

    # Rows are Organizations, or OrgVersions (the tree as of a date) annotated alike.
    @staticmethod
    def resolve_id(obj: Any) -> int:
        return obj.org_id if hasattr(obj, "valid_from") else obj.pk  # type: ignore[no-any-return]

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_sector_label(obj: Any) -> str:
        return str(obj.get_sector_display()) if obj.sector else ""


class OrgDetailOut(OrgOut):
    host_unit_name: str = ""
    # The date the answer describes: today, or ?at=.
    at: dt.date
    former_codes: list[str] = Field(default_factory=list)


# Members


class MemberOut(Schema):
    id: int
    full_name: str
    gender: str
    gender_label: str
    birth_date: dt.date
    status: str
    status_label: str
    is_exempted: bool
    cell_id: int | None = None
    cell_code: str | None = None
    cell_name: str | None = None
    admitted_on: dt.date | None = None
    full_on: dt.date | None = None
    left_on: dt.date | None = None
    version: int = Field(
        description="Phiên bản hồ sơ; gửi lại trong expected_version khi ghi để tránh ghi đè"
    )

    @staticmethod
    def resolve_full_name(obj: Any) -> str:
        return str(obj.person.full_name)

    @staticmethod
    def resolve_gender(obj: Any) -> str:
        return str(obj.person.gender)

    @staticmethod
    def resolve_gender_label(obj: Any) -> str:
        return str(obj.person.get_gender_display())

    @staticmethod
    def resolve_birth_date(obj: Any) -> dt.date:
        return obj.person.birth_date  # type: ignore[no-any-return]

    @staticmethod
    def resolve_status_label(obj: Any) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_cell_code(obj: Any) -> str | None:
        return obj.cell.code if obj.cell_id else None

    @staticmethod
    def resolve_cell_name(obj: Any) -> str | None:
        return obj.cell.name if obj.cell_id else None


class MemberDetailOut(MemberOut):
    other_name: str = ""
    birth_place: str = ""
    home_town: str = ""
    ethnicity: str = ""
    religion: str = ""
    occupation: str = ""
    general_education: str = ""
    professional_level: str = ""
    political_theory: str = ""
    card_number: str | None = None
    ceremony_on: dt.date | None = None
    # Shown only to those who may see sensitive data of the member's organization.
    sensitive_shown: bool = False
    citizen_id: str | None = None
    background_number: str | None = None
    phone: str | None = None
    email: str | None = None
    residence: str | None = None
    temporary_residence: str | None = None


class EventOut(Schema):
    id: int
    kind: str
    kind_label: str
    date: dt.date
    decision_number: str
    decision_date: dt.date | None = None
    org_code: str | None = None
    org_name: str | None = None
    from_org_code: str | None = None
    from_org_name: str | None = None
    external_org: str
    status: str
    status_label: str
    note: str

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_status_label(obj: Any) -> str:
        return str(obj.get_status_display()) if obj.status else ""

    @staticmethod
    def resolve_org_code(obj: Any) -> str | None:
        return obj.org.code if obj.org_id else None

    @staticmethod
    def resolve_org_name(obj: Any) -> str | None:
        return obj.org.name if obj.org_id else None

    @staticmethod
    def resolve_from_org_code(obj: Any) -> str | None:
        return obj.from_org.code if obj.from_org_id else None

    @staticmethod
    def resolve_from_org_name(obj: Any) -> str | None:
        return obj.from_org.name if obj.from_org_id else None


class EventIn(Schema):
    kind: EventKind = Field(description="Loại sự kiện, ví dụ recognized, transferred, deceased")
    date: dt.date = Field(description="Ngày hiệu lực (YYYY-MM-DD)")
    decision_number: str = ""
    decision_date: dt.date | None = None
    org_code: str = Field("", description="Mã chi bộ đến (chuyển sinh hoạt, kết nạp)")
    external_org: str = ""
    status: Literal["", "probationary", "full"] = Field(
        "", description="probationary hoặc full (chuyển đến, phục hồi)"
    )
    note: str = ""
    expected_version: int | None = Field(
        None,
        ge=1,
        description="Phiên bản hồ sơ đã đọc (trường version); nếu hồ sơ đã bị người khác sửa "
        "thì trả về 409 và không ghi gì",
    )


class ConflictMessage(Schema):
    detail: str
    version: int = Field(description="Phiên bản hiện tại của hồ sơ")
    changed: dict[str, str] = Field(
        default_factory=dict, description="Trường khác đi và giá trị hiện có"
    )


# Indicators


class IndicatorInfo(Schema):
    key: str
    label: str
    unit: str
    group: str


class RecordOut(Schema):
    id: int
    name: str


class IndicatorValueOut(Schema):
    key: str
    label: str
    unit: str
    # A count, a rate or a breakdown {label: count}.
    value: Any
    scope: str
    at: dt.date
    period: list[dt.date] | None = None
    records: list[RecordOut] | None = None


class IndicatorEntry(Schema):
    """{label, unit, value} as `dangbo indicators --json` prints; `records` with ?records=1."""

    label: str
    unit: str
    # A count, a rate or a breakdown {label: count}.
    value: Any
    records: list[RecordOut] | None = None
