"""A month's dues list as .xlsx: the export and the import read the same columns.

The import checks every row first (the preview: nothing written) and reports each bad row
as "Dòng N, cột X: …". Only a file without errors is written, all rows in one transaction
through the same function the payment form uses, with one audit row. A row sets the total
paid for the month, so importing the same file twice changes nothing the second time. An
empty "Đã đóng" cell leaves the month as it is (the export leaves unpaid months empty).
Rows are read inline: a few thousand rows take a few seconds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.core.scope import Action, scope_of
from dangbo.core.text import format_number, parse_date
from dangbo.core.xlsx_input import (
    WorkbookRefused,
    formula_problem,
    formulas_in,
    open_workbook,
    sheet_values,
)
from dangbo.dues import rules
from dangbo.dues.models import Channel, DuesMonth
from dangbo.dues.services import dues_row_for, payment_apply, payment_errors
from dangbo.members.models import Member
from dangbo.orgs.models import Organization

SHEET_TITLE = "Đảng phí"
# (key, heading) in the order of the sheet; the import finds columns by heading.
COLUMNS: list[tuple[str, str]] = [
    ("number", "STT"),
    ("member_id", "Mã đảng viên"),
    ("card", "Số thẻ đảng viên"),
    ("name", "Họ và tên"),
    ("cell", "Chi bộ"),
    ("month", "Tháng"),
    ("basis", "Căn cứ đóng"),
    ("base", "Mức căn cứ (đồng)"),
    ("due", "Phải đóng (đồng)"),
    ("paid", "Đã đóng (đồng)"),
    ("paid_on", "Ngày đóng"),
    ("channel", "Hình thức"),
    ("excused", "Lý do chính đáng chưa đóng"),
    ("note", "Ghi chú"),
    ("confirm", "Xác nhận số tiền lớn"),
]
# The confirmation column may be absent; "x", "có", "1" in it confirm a large payment.
CONFIRM_WORDS = {"x", "có", "co", "1", "yes", "true", "đúng"}
HEADINGS = [heading for _, heading in COLUMNS]
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
CHANNEL_BY_TEXT = {
    **{str(label).casefold(): value for value, label in Channel.choices},
    "tiền mặt": Channel.CASH,
    "trực tiếp": Channel.CASH,
    "cổng dịch vụ công": Channel.PORTAL,
    "dịch vụ công": Channel.PORTAL,
    **{value: value for value in Channel.values},
}
MAX_BYTES = 5 * 1024 * 1024


class FileProblem(ValueError):
    """The whole file cannot be read; the message is Vietnamese."""


def export_rows(rows: Iterable[DuesMonth]) -> Iterator[list[Any]]:
    for number, row in enumerate(rows, start=1):
        yield [
            number,
            row.member_id,
            row.member.card_number or "",
            row.member.person.full_name,
            row.cell.name,
            rules.format_month(row.month),
            row.get_basis_kind_display(),
            row.base_amount,
            row.amount_due,
            row.amount_paid or None,
            row.paid_on,
            row.get_channel_display() if row.channel else "",
            row.excused_reason,
            row.note,
            "",
        ]


@dataclass
class PlannedRow:
    line: int
    member: Member | None = None
    month: dt.date | None = None
    paid: int | None = None
    paid_on: dt.date | None = None
    channel: str = ""
    excused: str = ""
    note: str = ""
    confirm_large: bool = False
    member_text: str = ""  # the member's id or card as the file gave it
    action: str = ""  # "Thêm mới", "Cập nhật", "Không đổi", "Bỏ qua"
    due: int = 0


@dataclass
class Plan:
    rows: list[PlannedRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def summary(self) -> str:
        return (
            f"{format_number(self.count('Thêm mới'))} thêm mới, "
            f"{format_number(self.count('Cập nhật'))} cập nhật, "
            f"{format_number(self.count('Không đổi'))} không đổi, "
            f"{format_number(self.count('Bỏ qua'))} bỏ qua (ô “Đã đóng” trống)"
        )


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_rows(source: bytes | IO[bytes]) -> tuple[dict[str, int], list[tuple[int, list[Any]]]]:
    """The column positions by key and the non-empty data rows (Excel row number, values)."""
    data = source if isinstance(source, bytes) else source.read()
    if len(data) > MAX_BYTES:
        raise FileProblem("Tệp quá lớn (tối đa 5 MB).")
    try:
        book = open_workbook(data)
    except WorkbookRefused as exc:
        raise FileProblem(str(exc)) from exc
    try:
        sheet = book[SHEET_TITLE] if SHEET_TITLE in book.sheetnames else book.worksheets[0]
        cells = sheet_values(sheet)
        header = [_cell_text(v).casefold() for v in next(cells, None) or ()]
        by_heading = {heading.casefold(): key for key, heading in COLUMNS}
        positions = {by_heading[h]: i for i, h in enumerate(header) if h in by_heading}
        missing = [h for k, h in COLUMNS if k in ("month", "paid") and k not in positions]
        if "member_id" not in positions and "card" not in positions:
            missing.insert(0, "Mã đảng viên” hoặc “Số thẻ đảng viên")
        if missing:
            shown = ", ".join(f"“{m}”" for m in missing)
            raise FileProblem(
                f"Dòng 1: thiếu cột {shown}. Hãy giữ nguyên dòng tên cột của tệp xuất."
            )
        rows = []
        for number, row in enumerate(cells, start=2):
            if row and any(_cell_text(v) for v in row):
                rows.append((number, list(row)))
        if found := formulas_in(rows):
            raise FileProblem(formula_problem(found))
        return positions, rows
    finally:
        book.close()


def _where(line: int, positions: dict[str, int], key: str) -> str:
    position = positions.get(key)
    letter = LETTERS[position] if position is not None and position < len(LETTERS) else "?"
    return f"Dòng {line}, cột {letter}"


def _whole_number(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError
        return int(value)
    text = _cell_text(value).replace(".", "").replace(" ", "").replace("đ", "")
    if not text.lstrip("-").isdecimal():
        raise ValueError
    return int(text)


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return parse_date(_cell_text(value))


def plan_import(user: Any, source: bytes | IO[bytes], today: dt.date | None = None) -> Plan:
    """Check every row of the file as `user` would write it; write nothing."""
    today = today or timezone.localdate()
    plan = Plan()
    try:
        positions, raw_rows = read_rows(source)
    except FileProblem as exc:
        plan.errors.append(str(exc))
        return plan
    if not raw_rows:
        plan.errors.append("Tệp không có dòng dữ liệu nào.")
        return plan
    scope = scope_of(user)

    def get(values: list[Any], key: str) -> Any:
        position = positions.get(key)
        return values[position] if position is not None and position < len(values) else None

    ids = {_cell_text(get(v, "member_id")) for _, v in raw_rows}
    cards = {_cell_text(get(v, "card")) for _, v in raw_rows}
    found = Member.objects.select_related("person")
    by_id = {str(m.pk): m for m in found.filter(pk__in=[i for i in ids if i.isdecimal()])}
    by_card = {m.card_number: m for m in found.filter(card_number__in=[c for c in cards if c])}
    seen: dict[tuple[int, dt.date], int] = {}
    for line, values in raw_rows:
        row = PlannedRow(line=line)
        plan.rows.append(row)
        errors: list[str] = []
        member_text, card = _cell_text(get(values, "member_id")), _cell_text(get(values, "card"))
        member = by_id.get(member_text) if member_text else by_card.get(card)
        if member is not None and member_text and card and member.card_number != card:
            errors.append(
                f"{_where(line, positions, 'card')}: số thẻ “{card}” không phải của đảng viên "
                f"mã {member_text}."
            )
        if member is None:
            key = "member_id" if member_text else "card"
            shown = member_text or card or "(trống)"
            errors.append(
                f"{_where(line, positions, key)}: không tìm thấy đảng viên “{shown}” trong phạm vi "
                "được giao."
            )
        try:
            row.month = rules.parse_month(_cell_text(get(values, "month")))
        except ValueError as exc:
            errors.append(f"{_where(line, positions, 'month')}: {exc}")
        raw_paid = get(values, "paid")
        if _cell_text(raw_paid):
            try:
                row.paid = _whole_number(raw_paid)
                if row.paid < 0:
                    raise ValueError
            except ValueError:
                errors.append(
                    f"{_where(line, positions, 'paid')}: số tiền đã đóng “{_cell_text(raw_paid)}” "
                    "phải là số nguyên đồng, không âm (ví dụ 85.000)."
                )
        if _cell_text(get(values, "paid_on")):
            try:
                row.paid_on = _date(get(values, "paid_on"))
            except ValueError as exc:
                errors.append(f"{_where(line, positions, 'paid_on')}: {exc}")
        channel_text = _cell_text(get(values, "channel")).casefold()
        row.channel = CHANNEL_BY_TEXT.get(channel_text, "") if channel_text else ""
        if channel_text and not row.channel:
            errors.append(
                f"{_where(line, positions, 'channel')}: hình thức "
                f"“{_cell_text(get(values, 'channel'))}” "
                "không hợp lệ (ghi “Nộp trực tiếp cho chi bộ” hoặc “Cổng Dịch vụ công Quốc gia”)."
            )
        if row.paid and not row.channel:
            row.channel = Channel.CASH
        row.excused = _cell_text(get(values, "excused"))[:255]
        row.note = _cell_text(get(values, "note"))[:255]
        row.confirm_large = _cell_text(get(values, "confirm")).casefold() in CONFIRM_WORDS
        row.member = member
        row.member_text = member_text or card
        if member is not None and row.month is not None:
            key = (member.pk, row.month)
            if key in seen:
                errors.append(f"Dòng {line}: trùng đảng viên và tháng với dòng {seen[key]}.")
            seen[key] = line
        if not errors and member is not None and row.month is not None:
            errors += _check_row(scope, row, positions, today)
        plan.errors += errors
    return plan


_FIELD_KEYS = {"month": "month", "amount_paid": "paid", "paid_on": "paid_on", "channel": "channel"}


def _check_row(scope: Any, row: PlannedRow, positions: dict[str, int], today: dt.date) -> list[str]:
    """What writing the row would say, without writing; sets the row's action."""
    assert row.member is not None and row.month is not None
    key = "member_id" if "member_id" in positions else "card"
    not_found = [
        f"{_where(row.line, positions, key)}: không tìm thấy đảng viên "
        f"“{row.member_text}” trong phạm vi được giao."
    ]

    def covered(path: str) -> bool:
        return scope.covers_path(Action.IMPORT, path) and scope.covers_path(Action.CHANGE, path)

    try:
        existing = dues_row_for(member=row.member, month=row.month)
    except ValidationError as exc:
        if not covered(row.member.org_path or "-"):
            return not_found
        return [f"{_where(row.line, positions, 'month')}: {m}" for m in exc.messages]
    cell_path = (
        Organization.objects.filter(pk=existing.cell_id).values_list("path", flat=True).first()
    )
    if not covered(cell_path or "-"):
        return not_found
    row.due = existing.amount_due
    if row.paid is None:
        row.action = "Bỏ qua"
        return []
    paid_on = row.paid_on if row.paid else None
    errors = payment_errors(
        month=row.month,
        amount_paid=row.paid,
        paid_on=paid_on,
        amount_due=existing.amount_due,
        confirm_large=row.confirm_large,
        today=today,
    )
    if errors:
        return [
            f"{_where(row.line, positions, _FIELD_KEYS.get(name, name))}: {message}"
            for name, message in errors.items()
        ]
    same = existing.pk is not None and (
        existing.amount_paid == row.paid
        and existing.paid_on == paid_on
        and existing.channel == (row.channel if row.paid else "")
        and existing.excused_reason == row.excused
        and existing.note == row.note
    )
    row.action = "Không đổi" if same else ("Cập nhật" if existing.pk else "Thêm mới")
    return []


@transaction.atomic
def apply_import(
    user: Any,
    source: bytes | IO[bytes],
    *,
    filename: str = "",
    request: Any = None,
    today: dt.date | None = None,
) -> Plan:
    """Check again and write every row, or nothing when any row is bad."""
    plan = plan_import(user, source, today)
    if not plan.ok:
        return plan
    written = 0
    for row in plan.rows:
        if row.action in ("Bỏ qua", "Không đổi"):
            continue
        assert row.member is not None and row.month is not None and row.paid is not None
        try:
            _row, changed = payment_apply(
                member=row.member,
                month=row.month,
                amount_paid=row.paid,
                paid_on=row.paid_on if row.paid else None,
                channel=row.channel,
                excused_reason=row.excused,
                note=row.note,
                acting_user=user,
                today=today,
                confirm_large=row.confirm_large,
            )
        except ValidationError as exc:
            transaction.set_rollback(True)
            plan.errors += [f"Dòng {row.line}: {m}" for m in exc.messages]
            return plan
        written += int(changed)
    audit_log(
        user=user,
        action=AuditAction.IMPORT,
        object_type="dues_month",
        description=(
            f"Nhập đảng phí từ tệp {filename}: {format_number(len(plan.rows))} dòng, "
            f"{format_number(written)} dòng ghi"
        ),
        request=request,
    )
    return plan
