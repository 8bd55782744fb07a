"""Host units' figures as .xlsx: the export and the import read the same columns.

The import checks every row first (the preview: nothing written) and reports each bad row
as "Dòng N, cột X: …" in Vietnamese. Only a file without errors is written, all rows in one
transaction through the service the form uses (unit_figures_save), with one audit row
(AuditAction.IMPORT). A row replaces the figures of its unit and period, so importing the
same file twice changes nothing the second time.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

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
from dangbo.orgs.models import Organization
from dangbo.programmes.models import UnitFigures
from dangbo.programmes.services import check_figures, unit_figures_save

SHEET_TITLE = "Số liệu đơn vị"
COLUMNS: list[tuple[str, str]] = [
    ("number", "STT"),
    ("code", "Mã tổ chức"),
    ("name", "Tổ chức cơ sở đảng"),
    ("unit", "Cơ quan, đơn vị"),
    ("start", "Từ ngày"),
    ("end", "Đến ngày"),
    ("revenue", "Doanh thu (triệu đồng)"),
    ("workers", "Số lao động"),
    ("avg_income", "Thu nhập bình quân (triệu đồng/tháng)"),
    ("profit", "Lợi nhuận (triệu đồng)"),
    ("task_completed", "Hoàn thành nhiệm vụ"),
]
HEADINGS = [heading for _, heading in COLUMNS]
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
MAX_BYTES = 5 * 1024 * 1024
YES = {"có", "co", "x", "hoàn thành", "hoan thanh", "1", "true"}
NO = {"không", "khong", "không hoàn thành", "khong hoan thanh", "0", "false"}


class FileProblem(ValueError):
    """The whole file cannot be read; the message is Vietnamese."""


def export_rows(rows: Iterable[UnitFigures]) -> Iterator[list[Any]]:
    for number, row in enumerate(rows, start=1):
        done = {True: "Có", False: "Không", None: ""}[row.task_completed]
        yield [
            number, row.org.code, row.org.name, row.org.host_unit_name, row.period_start,
            row.period_end, row.revenue, row.workers, row.avg_income, row.profit, done,
        ]  # fmt: skip


@dataclass
class PlannedRow:
    line: int
    org: Organization | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    action: str = ""  # "Thêm mới", "Cập nhật"


@dataclass
class Plan:
    rows: list[PlannedRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)

    @property
    def summary(self) -> str:
        new = sum(1 for r in self.rows if r.action == "Thêm mới")
        return f"{format_number(new)} thêm mới, {format_number(len(self.rows) - new)} cập nhật"


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _read(data: bytes) -> tuple[dict[str, int], list[tuple[int, list[Any]]]]:
    if len(data) > MAX_BYTES:
        raise FileProblem("Tệp quá lớn (tối đa 5 MB).")
    try:
        book = open_workbook(data)
    except WorkbookRefused as exc:
        raise FileProblem(str(exc)) from exc
    try:
        sheet = book[SHEET_TITLE] if SHEET_TITLE in book.sheetnames else book.worksheets[0]
        cells = sheet_values(sheet)
        header = [_text(v).casefold() for v in next(cells, None) or ()]
        by_heading = {heading.casefold(): key for key, heading in COLUMNS}
        positions = {by_heading[h]: i for i, h in enumerate(header) if h in by_heading}
        missing = [h for k, h in COLUMNS if k in ("code", "start", "end") and k not in positions]
        if missing:
            shown = ", ".join(f"“{m}”" for m in missing)
            raise FileProblem(f"Dòng 1: thiếu cột {shown}. Hãy giữ nguyên dòng tên cột của mẫu.")
        rows = [
            (n, list(r)) for n, r in enumerate(cells, start=2) if r and any(_text(v) for v in r)
        ]
        if found := formulas_in(rows):
            raise FileProblem(formula_problem(found))
        return positions, rows
    finally:
        book.close()


_VN_NUMBER = re.compile(r"(?P<int>[-+]?(?:\d{1,3}(?:\.\d{3})+|\d+))(?:,(?P<dec>\d+))?")
AMBIGUOUS = (
    "dấu chấm chỉ dùng để tách hàng nghìn (mỗi nhóm đúng 3 chữ số), dấu phẩy là dấu thập phân"
)


def _decimal(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int | float):
        return Decimal(str(value))
    text = _text(value).replace(" ", "").replace("\u00a0", "")
    # Vietnamese writing: "." groups thousands (exactly three digits a group), "," is the
    # decimal mark: "142.066" is 142066, "142.066,7" is 142066.7, "9,75" is 9.75. A cell that
    # fits neither ("1.5", "1,234,5") is refused rather than guessed.
    match = _VN_NUMBER.fullmatch(text)
    if match is None:
        raise ValueError(AMBIGUOUS)
    text = match.group("int").replace(".", "") + "." + (match.group("dec") or "0")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError from None


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return parse_date(_text(value))


NUMBER_HINT = {
    "revenue": "số triệu đồng, ví dụ 142.066,7",
    "workers": "số nguyên người, ví dụ 98",
    "avg_income": "số triệu đồng/tháng, ví dụ 9,75",
    "profit": "số triệu đồng, lỗ ghi số âm",
}


def plan_import(user: Any, data: bytes) -> Plan:
    """Check every row of the file as `user` would write it; write nothing."""
    plan = Plan()
    try:
        positions, raw_rows = _read(data)
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

    def where(line: int, key: str) -> str:
        position = positions.get(key)
        letter = LETTERS[position] if position is not None and position < len(LETTERS) else "?"
        return f"Dòng {line}, cột {letter}"

    codes = {_text(get(v, "code")) for _, v in raw_rows}
    orgs = {o.code: o for o in Organization.objects.filter(code__in=codes)}
    seen: dict[tuple[int, dt.date, dt.date], int] = {}
    for line, values in raw_rows:
        row = PlannedRow(line=line)
        plan.rows.append(row)
        errors: list[str] = []
        code = _text(get(values, "code"))
        org = orgs.get(code)
        if org is None or not scope.covers_path(Action.OFFICE, org.path):
            errors.append(f"{where(line, 'code')}: không có tổ chức mã “{code or '(trống)'}” "
                          "trong phạm vi được giao.")  # fmt: skip
        elif not org.is_base:
            errors.append(f"{where(line, 'code')}: “{org.name}” không phải tổ chức cơ sở đảng.")
        row.org = org
        dates: dict[str, dt.date] = {}
        for key in ("start", "end"):
            try:
                dates[key] = _date(get(values, key))
            except (ValueError, TypeError):
                errors.append(f"{where(line, key)}: ngày “{_text(get(values, key))}” không hợp "
                              "lệ, ghi theo dạng dd/mm/yyyy.")  # fmt: skip
        fields: dict[str, Any] = {}
        for key in ("revenue", "workers", "avg_income", "profit"):
            raw = get(values, key)
            if not _text(raw):
                fields[key] = None
                continue
            try:
                number = _decimal(raw)
                if key == "workers":
                    if number != number.to_integral_value():
                        raise ValueError
                    fields[key] = int(number)
                else:
                    fields[key] = number
            except ValueError as exc:
                why = f" ({exc})" if str(exc) else ""
                errors.append(f"{where(line, key)}: “{_text(raw)}” không phải "
                              f"{NUMBER_HINT[key]}{why}.")  # fmt: skip
        done = _text(get(values, "task_completed")).casefold()
        fields["task_completed"] = True if done in YES else False if done in NO else None
        if done and fields["task_completed"] is None:
            errors.append(f"{where(line, 'task_completed')}: ghi “Có” hoặc “Không”.")
        if len(dates) == 2 and not errors:
            problems = check_figures(
                period_start=dates["start"], period_end=dates["end"],
                revenue=fields["revenue"], workers=fields["workers"],
                avg_income=fields["avg_income"],
            )  # fmt: skip
            names = {"period_end": "end", "period_start": "start"}
            errors += [f"{where(line, names.get(k, k))}: {m}" for k, m in problems.items()]
        if org is not None and len(dates) == 2:
            key3 = (org.pk, dates["start"], dates["end"])
            if key3 in seen:
                errors.append(f"Dòng {line}: trùng đơn vị và kỳ với dòng {seen[key3]}.")
            seen[key3] = line
        if errors:
            plan.errors += errors
            continue
        assert org is not None  # noqa: S101 - checked above
        row.fields = {"period_start": dates["start"], "period_end": dates["end"], **fields}
        exists = UnitFigures.objects.filter(
            org=org, period_start=dates["start"], period_end=dates["end"]
        ).exists()
        row.action = "Cập nhật" if exists else "Thêm mới"
    return plan


def apply_import(user: Any, data: bytes, *, filename: str = "", request: Any = None) -> Plan:
    """Check again and write every row, or none."""
    plan = plan_import(user, data)
    if not plan.ok:
        return plan
    try:
        with transaction.atomic():
            for row in plan.rows:
                assert row.org is not None  # noqa: S101
                unit_figures_save(org=row.org, user=user, audit=False, **row.fields)
            audit_log(
                user=user, action=AuditAction.IMPORT, object_type="unit_figures",
                description=f"Nhập số liệu cơ quan, đơn vị từ tệp {filename}: {plan.summary}",
                request=request,
            )  # fmt: skip
    except ValidationError as exc:  # a concurrent change made a row invalid
        plan.errors += [str(m) for m in exc.messages]
    return plan
