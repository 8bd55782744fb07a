"""Rules of cell meetings and yearly commitments, with the regulation named next to each.

Meetings (RULES.md §7):
- Điều lệ Đảng Điều 24: a cell and its committee meet regularly once a month.
- HD 12-HD/BTCTW (18/01/2018): regular monthly meetings, and thematic meetings at least once
  a quarter; they do not replace each other but may be held in one session ("combined").
- Chỉ thị 50-CT/TW (23/7/2025) and HD 42-HD/BTCTW (28/10/2025): a meeting lasts at least
  90 minutes, a combined one at least 120 (higher committees may set other limits for small
  cells: a WARNING, not a refusal); documents are posted at least 1 day ahead. Before HD 42 no
  minimum length or notice was found (none is applied).
- Exempted members (miễn công tác và sinh hoạt đảng, Điều lệ Đảng Điều 7, decided by the
  cell) stay on the meeting's list as excused absences and are left out of attendance rates.
- The quorum (2/3 of the members called?) is NOT confirmed (RULES.md §7): not applied.

Pure functions: no database.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from dangbo.activities.models import (
    CELL_MEETING_KINDS,
    REGULAR_KINDS,
    AttendanceStatus,
    MeetingKind,
    MeetingStatus,
)
from dangbo.core import rulesets
from dangbo.core.text import format_date
from dangbo.orgs.models import CELL_KINDS


@dataclasses.dataclass(frozen=True)
class MeetingRules(rulesets.RuleSet):
    family = "meetings"
    regular_per_month: int = 1
    thematic_per_quarter: int = 1
    # None: no minimum found for the time before HD 42-HD/BTCTW.
    min_minutes: int | None = None
    min_minutes_combined: int | None = None
    notice_days_ahead: int | None = None


HD12 = MeetingRules(
    name="Hướng dẫn 12-HD/BTCTW",
    effective_from=dt.date(2018, 1, 18),
    source="Điều lệ Đảng Điều 24; Hướng dẫn 12-HD/BTCTW ngày 18/01/2018",
)
HD42 = MeetingRules(
    name="Hướng dẫn 42-HD/BTCTW",
    effective_from=dt.date(2025, 10, 28),
    source="Chỉ thị 50-CT/TW ngày 23/7/2025; Hướng dẫn 42-HD/BTCTW ngày 28/10/2025",
    min_minutes=90,
    min_minutes_combined=120,
    notice_days_ahead=1,
)
VERSIONS = (HD12, HD42)


def rules_at(day: dt.date) -> MeetingRules:
    return rulesets.pick(VERSIONS, day)


# --- Months and quarters ---------------------------------------------------------------


def month_last(year: int, month: int) -> dt.date:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def months_in(start: dt.date, end: dt.date) -> list[tuple[int, int]]:
    """The whole months inside [start, end] (a month is expected once it is over)."""
    out = []
    year, month = start.year, start.month
    if start.day != 1:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    while month_last(year, month) <= end:
        out.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


def quarters_in(start: dt.date, end: dt.date) -> list[tuple[int, int]]:
    """The whole quarters inside [start, end]."""
    months = set(months_in(start, end))
    return sorted(
        {
            (y, quarter_of(m))
            for y, m in months
            if all((y, 3 * (quarter_of(m) - 1) + k) in months for k in (1, 2, 3))
        }
    )


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, 3 * (quarter - 1) + 1, 1)
    return first, month_last(year, 3 * quarter)


def existed_whole(
    founded_on: dt.date, dissolved_on: dt.date | None, first: dt.date, last: dt.date
) -> bool:
    """A cell is expected to meet in a month (a quarter) it existed for the whole of."""
    return founded_on <= first and (dissolved_on is None or dissolved_on > last)


# --- Checks of one meeting ---------------------------------------------------------------


@dataclass(frozen=True)
class AttendanceLine:
    member_id: int
    status: str = AttendanceStatus.PRESENT
    reason: str = ""
    spoke: bool = False
    remark: str = ""
    is_exempted: bool = False


def check_org_kind(kind: str, org_kind: str) -> str:
    if kind in CELL_MEETING_KINDS and org_kind not in CELL_KINDS:
        return (
            "Sinh hoạt thường kỳ, chuyên đề, bất thường là sinh hoạt của chi bộ; tổ chức này "
            "không phải chi bộ (Điều lệ Đảng Điều 24)."
        )
    if kind == MeetingKind.CELL_COMMITTEE and org_kind not in CELL_KINDS:
        return "Họp chi ủy chỉ ghi cho chi bộ; với đảng bộ hãy chọn họp cấp ủy hoặc ban thường vụ."
    if kind in (MeetingKind.COMMITTEE, MeetingKind.STANDING) and org_kind in CELL_KINDS:
        return "Chi bộ không có ban chấp hành, ban thường vụ; hãy chọn “Họp chi ủy”."
    return ""


def check_held_date(status: str, held_on: dt.date, today: dt.date) -> str:
    if status == MeetingStatus.HELD and held_on > today:
        return (
            f"Ngày {format_date(held_on)} chưa đến: chỉ ghi biên bản cuộc họp đã diễn ra; "
            "cuộc họp sắp tới hãy ghi là “Dự kiến”."
        )
    return ""


def check_second_regular(kind: str, held_on: dt.date, others: Iterable[dt.date]) -> str:
    """One regular meeting a month (Điều lệ Đảng Điều 24; HD 12-HD/BTCTW)."""
    if kind not in REGULAR_KINDS:
        return ""
    for other in others:
        if (other.year, other.month) == (held_on.year, held_on.month):
            return (
                f"Chi bộ đã có cuộc sinh hoạt thường kỳ tháng {held_on.month}/{held_on.year} "
                f"(ngày {format_date(other)}); mỗi tháng sinh hoạt thường kỳ một lần (Điều lệ "
                "Đảng Điều 24; Hướng dẫn 12-HD/BTCTW). Nếu là cuộc họp khác, hãy chọn “Sinh "
                "hoạt chuyên đề” hoặc “Sinh hoạt bất thường”; nếu kết hợp chuyên đề, sửa cuộc "
                "họp đã ghi thành “thường kỳ kết hợp chuyên đề”."
            )
    return ""


def check_attendance(
    lines: Sequence[AttendanceLine],
    expected: dict[int, str],
    outsiders: dict[int, str],
    *,
    held_on: dt.date,
    is_committee: bool,
) -> dict[str, str]:
    """`expected`: member id -> name of those who must be on the list that day; `outsiders`:
    names of the listed members who are not. Present + absent must equal the list."""
    errors: dict[str, str] = {}
    where = "cấp ủy" if is_committee else "chi bộ"
    if outsiders:
        names = ", ".join(sorted(outsiders.values()))
        errors["attendance"] = (
            f"Không thuộc {where} ngày {format_date(held_on)}: {names}. Chỉ điểm danh đảng "
            f"viên của {where} vào ngày họp."
        )
        return errors
    listed = [line.member_id for line in lines]
    if len(listed) != len(set(listed)) or set(listed) != set(expected):
        missing = sorted(expected[m] for m in set(expected) - set(listed))
        errors["attendance"] = (
            f"Số có mặt và vắng mặt ({len(set(listed))}) không bằng số đảng viên của {where} "
            f"phải dự ({len(expected)})"
            + (f"; chưa điểm danh: {', '.join(missing)}" if missing else "")
            + "."
        )
        return errors
    for line in lines:
        if line.status not in AttendanceStatus.values:
            errors["attendance"] = "Tình trạng tham dự không hợp lệ."
        elif line.status == AttendanceStatus.EXCUSED and not line.reason.strip():
            errors["attendance"] = (
                f"Đồng chí {expected[line.member_id]} vắng có lý do: hãy ghi lý do (biên bản "
                "ghi rõ từng đảng viên vắng mặt và lý do)."
            )
        elif line.spoke and line.status != AttendanceStatus.PRESENT:
            errors["attendance"] = (
                f"Đồng chí {expected[line.member_id]} vắng mặt nên không thể ghi là có phát biểu."
            )
        if errors:
            break
    return errors


def check_roles(
    lines: Sequence[AttendanceLine],
    chaired_by: int | None,
    minutes_by: int | None,
    names: dict[int, str],
) -> dict[str, str]:
    """The chair and the secretary are members present at the meeting."""
    present = {line.member_id for line in lines if line.status == AttendanceStatus.PRESENT}
    errors: dict[str, str] = {}
    for field, who, label in (
        ("chaired_by", chaired_by, "chủ trì"),
        ("minutes_by", minutes_by, "thư ký"),
    ):
        if who is not None and who not in present:
            name = names.get(who, "đã chọn")
            errors[field] = f"Đồng chí {name} không có mặt trong cuộc họp nên không thể {label}."
    return errors


def length_warning(kind: str, minutes: int | None, held_on: dt.date) -> str:
    """Below the minimum length: a warning (higher committees may set other limits for small
    cells, HD 42-HD/BTCTW), never a refusal."""
    rule = rules_at(held_on)
    if kind not in CELL_MEETING_KINDS or rule.min_minutes is None or minutes is None:
        return ""
    minimum = rule.min_minutes_combined if kind == MeetingKind.COMBINED else rule.min_minutes
    if minimum is None or minutes >= minimum:
        return ""
    return (
        f"Thời lượng {minutes} phút dưới mức tối thiểu {minimum} phút "
        f"({'sinh hoạt kết hợp' if kind == MeetingKind.COMBINED else 'mỗi cuộc sinh hoạt'}; "
        f"{rule.source}), trừ khi cấp ủy cấp trên quy định khác cho chi bộ ít đảng viên."
    )


def notice_warning(held_on: dt.date, starts_at: dt.time | None, sent_at: dt.datetime) -> str:
    """Documents posted at least 1 day before the meeting (HD 42-HD/BTCTW): a warning."""
    rule = rules_at(held_on)
    if rule.notice_days_ahead is None:
        return ""
    if (held_on - sent_at.date()).days >= rule.notice_days_ahead:
        return ""
    return (
        f"Tài liệu gửi ngày {format_date(sent_at.date())}, chưa đủ {rule.notice_days_ahead} "
        f"ngày trước cuộc họp ngày {format_date(held_on)} ({rule.source})."
    )


# --- Commitments -------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class CommitmentRules(rulesets.RuleSet):
    family = "commitments"
    theme: str = ""
    # The year-end self-review: from this month of the year on (Low: the usual practice of
    # reviewing with the year-end rating; no text found).
    review_from_month: int = 11


CT05 = CommitmentRules(
    name="Chỉ thị 05-CT/TW",
    effective_from=dt.date(2016, 5, 15),
    source="Chỉ thị 05-CT/TW ngày 15/5/2016 của Bộ Chính trị",
    theme="Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
)
KL01 = CommitmentRules(
    name="Kết luận 01-KL/TW",
    effective_from=dt.date(2021, 1, 1),
    source="Chỉ thị 05-CT/TW; Kết luận 01-KL/TW ngày 18/5/2021 (chuyên đề toàn khóa 2021–2025)",
    theme="Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý chí tự lực, tự "
    "cường và khát vọng phát triển đất nước phồn vinh, hạnh phúc",
)
COMMITMENT_VERSIONS = (CT05, KL01)


def commitment_rules(year: int) -> CommitmentRules:
    return rulesets.pick(COMMITMENT_VERSIONS, dt.date(year, 1, 1))


def check_commitment(
    *, year: int, registered_on: dt.date, content: str, today: dt.date
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not content.strip():
        errors["content"] = "Hãy ghi nội dung cam kết (việc làm cụ thể gắn với nhiệm vụ được giao)."
    if registered_on > today:
        errors["registered_on"] = f"Ngày {format_date(registered_on)} chưa đến."
    elif registered_on.year not in (year - 1, year) or (
        registered_on.year == year - 1 and registered_on.month != 12
    ):
        errors["registered_on"] = (
            f"Cam kết năm {year} đăng ký trong năm {year} (hoặc tháng 12 năm trước) "
            f"({commitment_rules(year).source})."
        )
    return errors


def check_review(
    *,
    year: int,
    registered_on: dt.date,
    reviewed_on: dt.date,
    review: str,
    result: str,
    today: dt.date,
) -> dict[str, str]:
    rule = commitment_rules(year)
    errors: dict[str, str] = {}
    earliest = dt.date(year, rule.review_from_month, 1)
    if reviewed_on > today:
        errors["reviewed_on"] = f"Ngày {format_date(reviewed_on)} chưa đến."
    elif reviewed_on < max(earliest, registered_on):
        errors["reviewed_on"] = (
            f"Tự đánh giá cuối năm thực hiện từ ngày {format_date(max(earliest, registered_on))}"
            f" (cuối năm {year}, cùng kiểm điểm, đánh giá chất lượng đảng viên)."
        )
    if not review.strip():
        errors["review"] = "Hãy ghi nội dung tự đánh giá việc thực hiện cam kết."
    if not result:
        errors["review_result"] = "Hãy chọn kết quả tự đánh giá."
    return errors
