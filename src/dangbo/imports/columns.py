"""The columns of the member spreadsheet, in the order of the Phiếu đảng viên (2-HSĐV).

One list serves the template, the export and the import, so what is written can
always be read back. Choices are written as their Vietnamese labels and read back
from labels (without regard to case or diacritics) or from the stable values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from openpyxl.utils import get_column_letter

from dangbo.core.text import fold, parse_date
from dangbo.core.xlsx_input import Formula
from dangbo.members.choices import (
    ETHNICITIES,
    Gender,
    GeneralEducation,
    Occupation,
    PoliticalTheory,
    ProfessionalLevel,
    Religion,
)
from dangbo.members.models import Member, Person

SHEET_TITLE = "Đảng viên"
GUIDE_TITLE = "Hướng dẫn"
LISTS_TITLE = "Danh mục"
DATE_FORMAT = "DD/MM/YYYY"

# Where a column's value goes: a Person field, a Member field, or the membership events.
PERSON, MEMBER, EVENT = "person", "member", "event"


class CellError(ValueError):
    """A value that cannot be read; the message is Vietnamese."""


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    owner: str
    kind: str = "text"  # text | date | choice | digits | email | code
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    digits: int = 0
    note: str = ""
    index: int = 0  # 0-based position, set below

    @property
    def letter(self) -> str:
        return get_column_letter(self.index + 1)

    @property
    def max_length(self) -> int | None:
        model = {PERSON: Person, MEMBER: Member}.get(self.owner)
        if model is None or self.kind != "text":
            return None
        return getattr(model._meta.get_field(self.field), "max_length", None)


def _choices(choices: Any) -> tuple[tuple[str, str], ...]:
    return tuple((str(value), str(label)) for value, label in choices)


_SPEC = [
    Column("Họ và tên", "full_name", PERSON, required=True, note="Họ, chữ đệm và tên khai sinh."),
    Column("Giới tính", "gender", PERSON, "choice", True, _choices(Gender.choices)),
    Column("Ngày sinh", "birth_date", PERSON, "date", True,
           note="Ngày/tháng/năm, ví dụ 05/09/1985."),
    Column("Nơi đăng ký khai sinh", "birth_place", PERSON),
    Column("Quê quán", "home_town", PERSON),
    Column("Nơi thường trú", "residence", PERSON),
    Column("Dân tộc", "ethnicity", PERSON, "choice", choices=_choices(ETHNICITIES)),
    Column("Tôn giáo", "religion", PERSON, "choice", choices=_choices(Religion.choices)),
    Column("Nghề nghiệp", "occupation", PERSON, "choice", choices=_choices(Occupation.choices)),
    Column("GDPT", "general_education", PERSON, "choice",
           choices=_choices(GeneralEducation.choices), note="Giáo dục phổ thông."),
    Column("Chuyên môn", "professional_level", PERSON, "choice",
           choices=_choices(ProfessionalLevel.choices),
           note="Trình độ chuyên môn nghiệp vụ cao nhất."),
    Column("Lý luận chính trị", "political_theory", PERSON, "choice",
           choices=_choices(PoliticalTheory.choices)),
    Column("Ngoại ngữ", "foreign_language", PERSON, note="Ví dụ: Tiếng Anh B1."),
    Column("Tin học", "it_level", PERSON, note="Ví dụ: Chuẩn kỹ năng cơ bản."),
    Column("Số căn cước", "citizen_id", PERSON, "digits", digits=12,
           note="Đúng 12 chữ số, ghi dạng văn bản để giữ số 0 ở đầu."),
    Column("Số lý lịch", "background_number", MEMBER, "digits", digits=10,
           note="Số lý lịch đảng viên, đúng 10 chữ số."),
    Column("Số thẻ đảng viên", "card_number", MEMBER, "digits", digits=12,
           note="Đúng 12 chữ số."),
    Column("Mã chi bộ", "cell_code", EVENT, "code", True,
           note="Mã của chi bộ nơi đảng viên sinh hoạt (xem trang Danh mục của tệp mẫu)."),
    Column("Ngày vào Đảng", "admitted_on", EVENT, "date", True, note="Ngày kết nạp vào Đảng."),
    Column("Ngày chính thức", "full_on", EVENT, "date",
           note="Để trống nếu còn là đảng viên dự bị; không sớm hơn 12 tháng sau ngày vào Đảng."),
    Column("Người giới thiệu", "introducers", MEMBER, note="Họ tên người giới thiệu vào Đảng."),
    Column("Ngày vào Đoàn", "youth_union_on", PERSON, "date",
           note="Ngày vào Đoàn TNCS Hồ Chí Minh."),
    Column("Điện thoại", "phone", PERSON),
    Column("Email", "email", PERSON, "email"),
]  # fmt: skip

COLUMNS: tuple[Column, ...] = tuple(replace(c, index=i) for i, c in enumerate(_SPEC))
HEADERS: tuple[str, ...] = tuple(c.header for c in COLUMNS)
BY_FIELD: dict[str, Column] = {c.field: c for c in COLUMNS}
_BY_FOLDED_HEADER: dict[str, Column] = {fold(c.header): c for c in COLUMNS}
_LOOKUPS: dict[str, dict[str, str]] = {
    c.field: {
        **{fold(label): value for value, label in c.choices},
        **{fold(value): value for value, _ in c.choices},
    }
    for c in COLUMNS
    if c.kind == "choice"
}
_LABELS: dict[str, dict[str, str]] = {
    c.field: dict(c.choices) for c in COLUMNS if c.kind == "choice"
}


def column_for_header(text: Any) -> Column | None:
    """The column a header names; case, diacritics and a trailing "*" do not matter."""
    if text is None:
        return None
    return _BY_FOLDED_HEADER.get(fold(str(text).replace("*", "")))


def label_of(column: Column, value: str) -> str:
    return _LABELS[column.field].get(value, value)


def to_cell(column: Column, value: Any) -> Any:
    """The spreadsheet value of a model value (labels for choices, "" for nothing)."""
    if value is None or value == "":
        return None
    if column.kind == "choice":
        return label_of(column, value)
    return value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    return " ".join(str(value).split())


def from_cell(column: Column, raw: Any) -> Any:
    """The model value of a spreadsheet value; None for an empty cell; CellError if unreadable."""
    if isinstance(raw, Formula):
        raise CellError(raw.message)
    if column.kind == "date":
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        if isinstance(raw, dt.datetime):
            return raw.date()
        if isinstance(raw, dt.date):
            return raw
        try:
            return parse_date(_text(raw))
        except ValueError as exc:
            raise CellError(str(exc)) from exc
    text = _text(raw)
    if not text:
        return None
    if column.kind == "choice":
        value = _LOOKUPS[column.field].get(fold(text))
        if value is None and column.field == "ethnicity" and text.isdecimal():
            value = _LOOKUPS[column.field].get(f"{int(text):02d}")
        if value is None:
            raise CellError(f"“{text}” không có trong danh mục {column.header.lower()}.")
        return value
    if column.kind == "digits":
        digits = text.replace(" ", "").replace(".", "")
        if not digits.isdecimal() or len(digits) != column.digits:
            hint = ""
            if isinstance(raw, int | float) and len(digits) < column.digits:
                hint = " Ô đang ở dạng số nên mất số 0 ở đầu; hãy định dạng cột là Văn bản."
            raise CellError(
                f"{column.header} phải gồm đúng {column.digits} chữ số (đang là “{text}”).{hint}"
            )
        return digits
    if column.kind == "email":
        try:
            validate_email(text)
        except ValidationError as exc:
            raise CellError(f"Địa chỉ email “{text}” không hợp lệ.") from exc
    limit = column.max_length
    if limit is not None and len(text) > limit:
        raise CellError(f"Dài quá {limit} ký tự.")
    return text
