"""Figures of sinh hoạt đảng, commitments and the residence comments.

Meetings: a cell (base cell, sub cell) under the scope as the tree stood on a month's first
day that existed the whole month is expected to hold one regular meeting in it (regular or
combined), and one thematic meeting (thematic or combined) in each whole quarter (Điều lệ
Đảng Điều 24; HD 12-HD/BTCTW). Only whole months (quarters) inside the period count.
Commitments and residence comments: members in the scope on the period's end (or the date),
of that year.
"""

from __future__ import annotations

import datetime as dt

from dangbo.activities import selectors
from dangbo.activities.models import COMMITTEE_KINDS, AttendanceStatus, Commitment
from dangbo.indicators.registry import Context, Result, indicator
from dangbo.members.choices import Occupation
from dangbo.members.models import Member
from dangbo.members.selectors import periods_at
from dangbo.orgs.models import Organization
from dangbo.rating.models import ResidenceComment


def _coverage(context: Context) -> selectors.Coverage:
    return selectors.coverage(context.scope, *context.period_or_year)


def _end(context: Context) -> dt.date:
    return context.period_or_year[1]


@indicator(
    "meetings.expected",
    "Lượt chi bộ phải sinh hoạt thường kỳ (chi bộ × tháng)",
    "lượt",
    group="meetings",
)
def meetings_expected(context: Context) -> Result:
    cov = _coverage(context)
    ids = {c for cells in cov.expected.values() for c in cells}
    return Result(value=cov.expected_count, records=Organization.objects.filter(pk__in=ids))


@indicator(
    "meetings.held",
    "Lượt chi bộ đã sinh hoạt thường kỳ (chi bộ × tháng)",
    "lượt",
    group="meetings",
)
def meetings_held(context: Context) -> Result:
    cov = _coverage(context)
    ids = {c for c, _y, _m in cov.held}
    return Result(value=cov.held_count, records=Organization.objects.filter(pk__in=ids))


@indicator(
    "meetings.held_rate",
    "Tỷ lệ lượt sinh hoạt thường kỳ đã tổ chức so với phải tổ chức",
    "%",
    group="meetings",
)
def meetings_held_rate(context: Context) -> Result:
    cov = _coverage(context)
    return Result(value=selectors.rate(cov.held_count, cov.expected_count))


@indicator(
    "meetings.thematic_expected",
    "Lượt chi bộ phải sinh hoạt chuyên đề (chi bộ × quý)",
    "lượt",
    group="meetings",
)
def meetings_thematic_expected(context: Context) -> Result:
    cov = _coverage(context)
    ids = {c for cells in cov.thematic_expected.values() for c in cells}
    return Result(
        value=cov.thematic_expected_count, records=Organization.objects.filter(pk__in=ids)
    )


@indicator(
    "meetings.thematic_held",
    "Lượt chi bộ đã sinh hoạt chuyên đề (chi bộ × quý)",
    "lượt",
    group="meetings",
)
def meetings_thematic_held(context: Context) -> Result:
    cov = _coverage(context)
    ids = {c for c, _y, _q in cov.thematic_held}
    return Result(value=cov.thematic_held_count, records=Organization.objects.filter(pk__in=ids))


@indicator(
    "meetings.cells_missed",
    "Chi bộ bỏ sinh hoạt thường kỳ ít nhất một tháng trong kỳ",
    "chi bộ",
    group="meetings",
)
def meetings_cells_missed(context: Context) -> Result:
    ids = {c for c, _y, _m, _n in _coverage(context).missed_months()}
    return Result(value=len(ids), records=Organization.objects.filter(pk__in=ids))


@indicator(
    "meetings.committee_held",
    "Cuộc họp chi ủy, cấp ủy, ban thường vụ trong kỳ",
    "cuộc",
    group="meetings",
)
def meetings_committee_held(context: Context) -> Result:
    meetings = selectors.meetings_dated(context.scope, *context.period_or_year).filter(
        kind__in=COMMITTEE_KINDS
    )
    return Result(value=meetings.count(), records=meetings)


@indicator(
    "meetings.attendance_rate",
    "Tỷ lệ lượt đảng viên dự sinh hoạt (có mặt trên tổng số phải dự, trừ miễn sinh hoạt)",
    "%",
    group="meetings",
)
def meetings_attendance_rate(context: Context) -> Result:
    rows = selectors.attendance_dated(context.scope, *context.period_or_year)
    total = rows.count()
    present = rows.filter(status=AttendanceStatus.PRESENT)
    return Result(value=selectors.rate(present.count(), total), records=present)


@indicator(
    "meetings.participation_rate",
    "Tỷ lệ lượt đảng viên có mặt phát biểu ý kiến trong sinh hoạt",
    "%",
    group="meetings",
)
def meetings_participation_rate(context: Context) -> Result:
    present = selectors.attendance_dated(context.scope, *context.period_or_year).filter(
        status=AttendanceStatus.PRESENT
    )
    spoke = present.filter(spoke=True)
    return Result(value=selectors.rate(spoke.count(), present.count()), records=spoke)


# --- Commitments -------------------------------------------------------------------------


def _members_and_commitments(context: Context) -> tuple[set[int], set[int], set[int]]:
    end = _end(context)
    members = set(periods_at(context.scope, end).values_list("member_id", flat=True))
    rows = Commitment.objects.filter(year=end.year, registered_on__lte=end, member_id__in=members)
    registered = set(rows.values_list("member_id", flat=True))
    reviewed = set(
        rows.filter(reviewed_on__isnull=False, reviewed_on__lte=end).values_list(
            "member_id", flat=True
        )
    )
    return members, registered, reviewed


@indicator(
    "commitments.registered",
    "Đảng viên đã đăng ký cam kết nêu gương trong năm",
    "đảng viên",
    group="commitments",
)
def commitments_registered(context: Context) -> Result:
    _members, registered, _reviewed = _members_and_commitments(context)
    return Result(value=len(registered), records=Member.objects.filter(pk__in=registered))


@indicator(
    "commitments.registered_rate",
    "Tỷ lệ đảng viên đã đăng ký cam kết nêu gương trong năm",
    "%",
    group="commitments",
)
def commitments_registered_rate(context: Context) -> Result:
    members, registered, _reviewed = _members_and_commitments(context)
    missing = members - registered
    return Result(
        value=selectors.rate(len(registered), len(members)),
        records=Member.objects.filter(pk__in=missing),
    )


@indicator(
    "commitments.reviewed",
    "Đảng viên đã tự đánh giá cuối năm việc thực hiện cam kết",
    "đảng viên",
    group="commitments",
)
def commitments_reviewed(context: Context) -> Result:
    _members, _registered, reviewed = _members_and_commitments(context)
    return Result(value=len(reviewed), records=Member.objects.filter(pk__in=reviewed))


# --- Residence comments (rating.models.ResidenceComment) --------------------------------


def _residence(context: Context) -> tuple[set[int], set[int], set[int]]:
    """Working members in the scope on the period's end (not retired, not exempted from
    activities: Quy định 213-QĐ/TW; rating.rules), and those whose comment of that year was
    received, or who are excused from a yearly comment (HD 33-HD/BTCTW). As the rating reads
    them: the comment of the year, whenever it came in."""
    end = _end(context)
    required = set(
        periods_at(context.scope, end)
        .filter(is_exempted=False)
        .exclude(member__person__occupation=Occupation.RETIRED)
        .values_list("member_id", flat=True)
    )
    comments = ResidenceComment.objects.filter(year=end.year, member_id__in=required)
    received = set(comments.filter(received_on__isnull=False).values_list("member_id", flat=True))
    exempt = set(comments.filter(exempt=True).values_list("member_id", flat=True))
    return required, received, exempt


@indicator(
    "residence.comments_required",
    "Đảng viên đang công tác phải lấy nhận xét của nơi cư trú trong năm",
    "đảng viên",
    group="commitments",
)
def residence_comments_required(context: Context) -> Result:
    required, _received, _exempt = _residence(context)
    return Result(value=len(required), records=Member.objects.filter(pk__in=required))


@indicator(
    "residence.comments_received",
    "Đảng viên đã có nhận xét của chi ủy, chi bộ nơi cư trú trong năm",
    "đảng viên",
    group="commitments",
)
def residence_comments_received(context: Context) -> Result:
    _required, received, _exempt = _residence(context)
    return Result(value=len(received), records=Member.objects.filter(pk__in=received))


@indicator(
    "residence.comments_exempt",
    "Đảng viên không phải lấy nhận xét nơi cư trú hằng năm (Hướng dẫn 33-HD/BTCTW)",
    "đảng viên",
    group="commitments",
)
def residence_comments_exempt(context: Context) -> Result:
    _required, _received, exempt = _residence(context)
    return Result(value=len(exempt), records=Member.objects.filter(pk__in=exempt))


@indicator(
    "residence.comments_rate",
    "Tỷ lệ đảng viên đã có nhận xét nơi cư trú (hoặc được miễn) trên số phải lấy",
    "%",
    group="commitments",
)
def residence_comments_rate(context: Context) -> Result:
    required, received, exempt = _residence(context)
    missing = required - received - exempt
    return Result(
        value=selectors.rate(len((received | exempt) & required), len(required)),
        records=Member.objects.filter(pk__in=missing),
    )
