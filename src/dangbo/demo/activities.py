"""Demo records of sinh hoạt đảng and commitments, from January 2021 to today.

Every cell meets once a month in about 98 % of its months (some cells miss one now and
then), holds a thematic meeting in most quarters (half of them combined with the month's
regular meeting), and the committees that have seats meet monthly. Attendance is one row per
member of the cell on the meeting day (member periods), 90–97 % present, absences with
reasons, exempted members excused, a few speakers. Every member in the Party in a year
registers a commitment in January–March (or soon after arriving) and reviews it in December
of past years. Checked by activities.rules, written in bulk (executemany)."""

from __future__ import annotations

import datetime as dt
import functools
import random
from collections import defaultdict
from typing import Any

from django.db import connection
from django.utils import timezone

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.activities import rules
from dangbo.activities.models import (
    Attendance,
    AttendanceStatus,
    Commitment,
    Meeting,
    MeetingKind,
    MeetingStatus,
)
from dangbo.core.text import fold
from dangbo.members.models import MemberPeriod
from dangbo.orgs.models import CELL_KINDS, CommitteeSeat, Organization

START = dt.date(2021, 1, 1)
MISS_SHARE = 0.02  # cell-months without a regular meeting
THEMATIC_SHARE = 0.85  # quarters with a thematic meeting
COMBINED_SHARE = 0.5  # of those, held with the month's regular meeting
BATCH = 5000

REASONS = ["Đi công tác", "Ốm", "Việc gia đình", "Đi học tập trung", "Nghỉ phép", "Trực cơ quan"]
AGENDAS = [
    "Đánh giá kết quả thực hiện nhiệm vụ chính trị tháng; phương hướng tháng tới",
    "Thông tin thời sự; quán triệt văn bản mới của cấp trên",
    "Kiểm điểm việc thực hiện nghị quyết tháng trước; công tác phát triển đảng viên",
    "Công tác chuyên môn, đoàn thể; thu nộp đảng phí",
]
TOPICS = [
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Nâng cao tinh thần trách nhiệm, nêu gương của đảng viên",
    "Phòng, chống tham nhũng, lãng phí, tiêu cực",
    "Chuyển đổi số trong cơ quan, đơn vị",
    "Công tác bảo vệ nền tảng tư tưởng của Đảng",
    "Cải cách hành chính, nâng cao chất lượng phục vụ",
]
COMMITMENTS = [
    "Hoàn thành tốt nhiệm vụ được giao; gương mẫu chấp hành kỷ luật, kỷ cương",
    "Giữ gìn phẩm chất đạo đức, lối sống; không vi phạm những điều đảng viên không được làm",
    "Tích cực học tập nâng cao trình độ; đi đầu trong chuyển đổi số của đơn vị",
    "Thực hành tiết kiệm, chống lãng phí; gần gũi, lắng nghe quần chúng",
]

_MEETING_COLUMNS = (
    "org_id",
    "kind",
    "status",
    "held_on",
    "starts_at",
    "duration_minutes",
    "place",
    "topic",
    "agenda",
    "resolution",
    "guests",
    "expected_count",
    "present_count",
    "notes",
    "search_text",
    "created_at",
    "updated_at",
)
PRESENT, EXCUSED, UNEXCUSED = (str(s) for s in AttendanceStatus)  # plain str: fast compares
_COMMITMENT_COLUMNS = (
    "member_id",
    "year",
    "cell_id",
    "theme",
    "content",
    "registered_on",
    "review",
    "review_result",
    "reviewed_on",
    "duties",
    "updated_at",
    "search_text",
)
_ATTENDANCE_COLUMNS = (
    "meeting_id",
    "member_id",
    "status",
    "reason",
    "is_exempted",
    "spoke",
    "remark",
)


def _insert(model: Any, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        return
    table = model._meta.db_table
    marks = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"  # noqa: S608
    with connection.cursor() as cursor:
        for offset in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[offset : offset + BATCH])


@functools.cache
def _folded(text: str) -> str:
    return fold(text)


def _workday(rng: random.Random, year: int, month: int, last_day: dt.date) -> dt.date | None:
    day = dt.date(year, month, rng.randint(3, 24))
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day if day <= last_day else None


Period = tuple[int, dt.date, dt.date | None, bool]  # member, from, to, exempted


def _on(periods: list[Period], day: dt.date) -> list[Period]:
    return [p for p in periods if p[1] <= day and (p[2] is None or p[2] > day)]


def build_activities(rng: random.Random, today: dt.date) -> int:
    """Write the demo's meetings, attendance and commitments; return how many meetings."""
    periods: dict[int, list[Period]] = defaultdict(list)
    for member_id, org_id, start, end, exempted in MemberPeriod.objects.values_list(
        "member_id", "org_id", "valid_from", "valid_to", "is_exempted"
    ).order_by("member_id", "valid_from"):
        periods[org_id].append((member_id, start, end, exempted))
    cells = list(
        Organization.objects.filter(kind__in=CELL_KINDS)
        .order_by("path")
        .values_list("pk", "founded_on", "dissolved_on")
    )
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    meetings: list[tuple[Any, ...]] = []
    lines: dict[tuple[int, dt.date, str], list[tuple[Any, ...]]] = {}
    chairs: dict[tuple[int, dt.date, str], tuple[int | None, int | None]] = {}

    def add(org_id: int, kind: str, day: dt.date, people: list[Period], topic: str = "") -> None:
        key = (org_id, day, kind)
        if key in lines or not people:
            return
        rows = []
        present_ids = []
        for member_id, _s, _e, exempted in people:
            if exempted:
                rows.append((member_id, EXCUSED, "Miễn sinh hoạt", True))
                continue
            roll = rng.random()
            if roll < 0.94:
                rows.append((member_id, PRESENT, "", False))
                present_ids.append(member_id)
            elif roll < 0.99:
                rows.append((member_id, EXCUSED, rng.choice(REASONS), False))
            else:
                rows.append((member_id, UNEXCUSED, "", False))
        if not present_ids:
            return
        chair = present_ids[0]
        secretary = present_ids[1] if len(present_ids) > 1 else chair
        out = []
        for member_id, status, reason, exempted in rows:
            spoke = status == PRESENT and rng.random() < 0.3
            out.append(
                (
                    member_id,
                    status,
                    reason,
                    exempted,
                    spoke,
                    "Nhất trí, bổ sung ý kiến vào dự thảo nghị quyết" if spoke else "",
                )
            )
        lines[key] = out
        chairs[key] = (chair, secretary)
        rule = rules.rules_at(day)
        minimum = (
            (rule.min_minutes_combined if kind == MeetingKind.COMBINED else rule.min_minutes)
            if kind in (MeetingKind.REGULAR, MeetingKind.THEMATIC, MeetingKind.COMBINED)
            else None
        )
        base = minimum or (120 if kind == MeetingKind.COMBINED else 90)
        minutes = base + rng.choice((0, 10, 15, 30)) - (20 if rng.random() < 0.05 else 0)
        agenda = rng.choice(AGENDAS)
        present = sum(1 for r in out if r[1] == PRESENT)
        meetings.append(
            (
                org_id,
                kind,
                MeetingStatus.HELD.value,
                connection.ops.adapt_datefield_value(day),
                connection.ops.adapt_timefield_value(dt.time(14, 0)),
                minutes,
                "Phòng họp cơ quan",
                topic,
                agenda,
                "Chi bộ thống nhất thông qua nghị quyết, giao nhiệm vụ cho từng đảng viên",
                "",
                len(out),
                present,
                "",
                _folded(f"{topic} {agenda} Phòng họp cơ quan"),
                now,
                now,
            )
        )

    months = []
    year, month = START.year, START.month
    while dt.date(year, month, 1) <= today:
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    for org_id, founded, dissolved in cells:
        members = periods.get(org_id, [])
        thematic_month: dict[tuple[int, int], tuple[int, bool]] = {}
        for y, m in months:
            q = rules.quarter_of(m)
            if (y, q) not in thematic_month:
                held = rng.random() < THEMATIC_SHARE
                thematic_month[(y, q)] = (
                    3 * (q - 1) + rng.randint(1, 3) if held else 0,
                    rng.random() < COMBINED_SHARE,
                )
            last = min(rules.month_last(y, m), today)
            if founded > dt.date(y, m, 1) or (dissolved and dissolved <= last):
                continue
            day = _workday(rng, y, m, last)
            t_month, combined = thematic_month[(y, q)]
            topic = rng.choice(TOPICS) if t_month == m else ""
            if day is not None and rng.random() >= MISS_SHARE:
                kind = MeetingKind.COMBINED if topic and combined else MeetingKind.REGULAR
                add(org_id, kind.value, day, _on(members, day), topic if combined else "")
                if topic and not combined:
                    other = day + dt.timedelta(days=7)
                    while other.weekday() >= 5:
                        other += dt.timedelta(days=1)
                    if other <= last:
                        add(org_id, MeetingKind.THEMATIC.value, other, _on(members, other), topic)
    # Committees with seats meet monthly.
    seats: dict[int, list[tuple[int, dt.date, dt.date | None]]] = defaultdict(list)
    for org_id, member_id, start, end in CommitteeSeat.objects.values_list(
        "term__org_id", "member_id", "starts_on", "ends_on"
    ).order_by("term__org_id", "member_id", "starts_on"):
        seats[org_id].append((member_id, start, end))
    for org_id in sorted(seats):
        for y, m in months:
            day = _workday(rng, y, m, min(rules.month_last(y, m), today))
            if day is None or rng.random() < 0.05:
                continue
            on = sorted(
                {
                    (s[0], s[1], s[2], False)
                    for s in seats[org_id]
                    if s[1] <= day and (s[2] is None or s[2] > day)
                }
            )
            first_seat: dict[int, tuple[int, dt.date, dt.date | None, bool]] = {}
            for seat in on:
                first_seat.setdefault(seat[0], seat)
            people = list(first_seat.values())
            add(org_id, MeetingKind.COMMITTEE.value, day, people)
    _insert(Meeting, _MEETING_COLUMNS, meetings)
    ids = {
        (org_id, day, kind): pk
        for pk, org_id, day, kind in Meeting.objects.values_list("pk", "org_id", "held_on", "kind")
    }
    attendance = [
        (ids[key], *row) for key in sorted(lines, key=lambda k: ids[k]) for row in lines[key]
    ]
    _insert(Attendance, _ATTENDANCE_COLUMNS, attendance)
    _set_chairs(ids, chairs)
    written = _build_commitments(rng, today, periods)
    audit_log(
        user=None,
        action=AuditAction.CHANGE,
        object_type="meeting",
        description=f"Dữ liệu mẫu: {len(meetings)} cuộc sinh hoạt, {len(attendance)} lượt điểm "
        f"danh, {written} cam kết",
    )
    return len(meetings)


def _set_chairs(
    ids: dict[tuple[int, dt.date, str], int],
    chairs: dict[tuple[int, dt.date, str], tuple[int | None, int | None]],
) -> None:
    table = Meeting._meta.db_table
    sql = f"UPDATE {table} SET chaired_by_id = %s, minutes_by_id = %s WHERE id = %s"  # noqa: S608
    rows = [(c, s, ids[key]) for key, (c, s) in chairs.items()]
    with connection.cursor() as cursor:
        for offset in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[offset : offset + BATCH])


def _build_commitments(rng: random.Random, today: dt.date, by_org: dict[int, list[Period]]) -> int:
    """Every member in the Party in a year registers (January–March, or two weeks after
    arriving), reviews in December of the years that are over."""
    spans: dict[int, list[tuple[int, dt.date, dt.date | None]]] = defaultdict(list)
    for org_id, rows in by_org.items():
        for member_id, start, end, _exempted in rows:
            spans[member_id].append((org_id, start, end))
    commitments: list[tuple[Any, ...]] = []
    theme_of = {y: rules.commitment_rules(y).theme for y in range(START.year, today.year + 1)}
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    for member_id in sorted(spans):
        member_spans = sorted(spans[member_id], key=lambda s: s[1])
        for year in range(START.year, today.year + 1):
            first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
            inside = [s for s in member_spans if s[1] <= last and (s[2] is None or s[2] > first)]
            if not inside:
                continue
            arrived = max(inside[0][1], first)
            day = max(
                dt.date(year, 1, 5) + dt.timedelta(days=rng.randint(0, 80)),
                arrived + dt.timedelta(days=14),
            )
            if day > min(last, today):
                continue
            cell = next(
                (s[0] for s in inside if s[1] <= day and (s[2] is None or s[2] > day)), None
            )
            if cell is None:
                continue
            if rules.check_commitment(year=year, registered_on=day, content="x", today=today):
                continue
            review_day = dt.date(year, 12, rng.randint(10, 28))
            still = any(s[1] <= review_day and (s[2] is None or s[2] > review_day) for s in inside)
            reviewed = review_day <= today and still and year < today.year
            result = rng.choices(["done", "partly", "not_done"], weights=(92, 7, 1))[0]
            commitments.append(
                (
                    member_id,
                    year,
                    cell,
                    theme_of[year],
                    rng.choice(COMMITMENTS),
                    connection.ops.adapt_datefield_value(day),
                    "Đã thực hiện các nội dung cam kết" if reviewed else "",
                    result if reviewed else "",
                    connection.ops.adapt_datefield_value(review_day) if reviewed else None,
                    "",
                    now,
                    "",
                )
            )
    _insert(Commitment, _COMMITMENT_COLUMNS, commitments)
    return len(commitments)
