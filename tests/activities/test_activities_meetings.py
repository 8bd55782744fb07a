"""Meetings: rules, services (refusals change nothing), figures, pages, notices."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from dangbo.activities import rules, services
from dangbo.activities.models import Attendance, AttendanceStatus, Meeting, MeetingKind
from dangbo.activities.rules import AttendanceLine
from dangbo.indicators import registry
from dangbo.indicators.registry import Context

DAY = dt.date(2021, 3, 10)
TODAY = dt.date(2021, 12, 31)
PERIOD = (dt.date(2021, 3, 1), dt.date(2021, 3, 31))


# --- rules --------------------------------------------------------------------------------


def test_months_and_quarters_count_only_whole_ones():
    assert rules.months_in(dt.date(2021, 1, 1), dt.date(2021, 9, 30)) == [
        (2021, m) for m in range(1, 10)
    ]
    assert rules.months_in(dt.date(2021, 1, 2), dt.date(2021, 3, 30)) == [(2021, 2)]
    assert rules.quarters_in(dt.date(2021, 1, 1), dt.date(2021, 9, 30)) == [
        (2021, 1),
        (2021, 2),
        (2021, 3),
    ]
    assert rules.quarters_in(dt.date(2021, 2, 1), dt.date(2021, 6, 30)) == [(2021, 2)]


def test_length_is_a_warning_from_hd42_only():
    assert rules.length_warning(MeetingKind.REGULAR, 30, dt.date(2025, 10, 27)) == ""
    assert rules.length_warning(MeetingKind.REGULAR, 90, dt.date(2025, 11, 5)) == ""
    warning = rules.length_warning(MeetingKind.REGULAR, 89, dt.date(2025, 11, 5))
    assert "90 phút" in warning and "42-HD/BTCTW" in warning
    assert "120 phút" in rules.length_warning(MeetingKind.COMBINED, 100, dt.date(2025, 11, 5))
    assert rules.length_warning(MeetingKind.COMBINED, 120, dt.date(2025, 11, 5)) == ""


def test_refusals_of_the_rules():
    assert "chưa đến" in rules.check_held_date("held", TODAY + dt.timedelta(days=1), TODAY)
    assert rules.check_held_date("planned", TODAY + dt.timedelta(days=1), TODAY) == ""
    message = rules.check_second_regular("regular", DAY, [dt.date(2021, 3, 2)])
    assert "Điều 24" in message and "bất thường" in message
    assert rules.check_second_regular("regular", DAY, [dt.date(2021, 2, 28)]) == ""
    assert rules.check_second_regular("thematic", DAY, [dt.date(2021, 3, 2)]) == ""
    expected = {1: "An", 2: "Bình"}
    lines = [AttendanceLine(1)]
    assert (
        "không bằng"
        in rules.check_attendance(lines, expected, {}, held_on=DAY, is_committee=False)[
            "attendance"
        ]
    )
    assert (
        "Không thuộc chi bộ"
        in rules.check_attendance(
            [*lines, AttendanceLine(3)], expected, {3: "Cường"}, held_on=DAY, is_committee=False
        )["attendance"]
    )
    excused = [AttendanceLine(1), AttendanceLine(2, status=AttendanceStatus.EXCUSED)]
    assert (
        "lý do"
        in rules.check_attendance(excused, expected, {}, held_on=DAY, is_committee=False)[
            "attendance"
        ]
    )
    assert "không có mặt" in rules.check_roles(excused, 2, None, expected)["chaired_by"]


# --- services --------------------------------------------------------------------------


@pytest.fixture
def cell(tree, make_member):
    cell = tree["cell_a"]
    members = [
        make_member(cell, name="Nguyễn Văn An", email="an@example.vn"),
        make_member(cell, name="Trần Thị Bình", email="binh@example.vn"),
        make_member(cell, name="Lê Văn Cường"),
    ]
    return cell, members


def _lines(members, **statuses):
    return [
        AttendanceLine(
            m.pk,
            status=statuses.get(str(i), "present"),
            reason="Đi công tác" if statuses.get(str(i)) == "excused" else "",
        )
        for i, m in enumerate(members)
    ]


def _meeting(cell, members, *, day=DAY, kind="regular", **extra):
    return services.meeting_save(
        by=None,
        org=cell,
        kind=kind,
        held_on=day,
        attendance=_lines(members),
        chaired_by=members[0].pk,
        minutes_by=members[1].pk,
        today=TODAY,
        **extra,
    )


def test_a_meeting_records_each_member(cell):
    org, members = cell
    meeting = _meeting(org, members, agenda="Đánh giá công tác tháng 3")
    assert (meeting.present_count, meeting.expected_count) == (3, 3)
    assert Attendance.objects.filter(meeting=meeting).count() == 3


def test_refused_meetings_change_nothing(cell, make_member, tree):
    org, members = cell
    _meeting(org, members)
    before = (Meeting.objects.count(), Attendance.objects.count())
    with pytest.raises(ValidationError) as err:
        _meeting(org, members, day=dt.date(2021, 3, 20))
    assert "kind" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        _meeting(org, members[:2], day=dt.date(2021, 4, 5))
    assert "không bằng" in err.value.message_dict["attendance"][0]
    outsider = make_member(tree["cell_b"], name="Phạm Văn Ngoài")
    with pytest.raises(ValidationError) as err:
        _meeting(org, [*members, outsider], day=dt.date(2021, 4, 5))
    assert "Phạm Văn Ngoài" in err.value.message_dict["attendance"][0]
    with pytest.raises(ValidationError) as err:
        _meeting(org, members, day=TODAY + dt.timedelta(days=3))
    assert "held_on" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        services.meeting_save(
            by=None,
            org=org,
            kind="regular",
            held_on=dt.date(2021, 5, 5),
            attendance=_lines(members, **{"0": "unexcused"}),
            chaired_by=members[0].pk,
            today=TODAY,
        )
    assert "chaired_by" in err.value.message_dict
    assert (Meeting.objects.count(), Attendance.objects.count()) == before


def test_a_short_meeting_is_saved_with_a_warning(cell):
    org, members = cell
    meeting = services.meeting_save(
        by=None,
        org=org,
        kind="regular",
        held_on=dt.date(2025, 11, 5),
        attendance=_lines(members),
        duration_minutes=60,
        today=dt.date(2025, 12, 1),
    )
    assert meeting.pk and "90 phút" in meeting.length_warning


def _value(key, org, period=PERIOD):
    return registry.compute(key, Context(scope=org, at=period[1], period=period))


def test_a_cell_that_did_not_meet_is_missed_until_the_meeting_is_recorded(
    cell, tree, client, users
):
    org, members = cell
    bloc = tree["bloc"]
    missed = _value("meetings.cells_missed", bloc)
    assert org.pk in set(missed.records.values_list("pk", flat=True))
    assert _value("meetings.expected", bloc).value == 3  # three cells in March
    assert _value("meetings.held", bloc).value == 0
    client.force_login(users["superuser"])
    page = client.get("/quan-ly/sinh-hoat/bo-sinh-hoat/", {"org": bloc.pk, "year": 2021})
    assert "Chi bộ Văn phòng: tháng 3/2021" in page.content.decode()
    _meeting(org, members)
    missed = _value("meetings.cells_missed", bloc)
    assert org.pk not in set(missed.records.values_list("pk", flat=True))
    assert _value("meetings.held", bloc).value == 1
    page = client.get("/quan-ly/sinh-hoat/bo-sinh-hoat/", {"org": bloc.pk, "year": 2021})
    assert "Chi bộ Văn phòng: tháng 3/2021" not in page.content.decode()


def test_attendance_rate_follows_one_attendance(cell, tree):
    org, members = cell
    meeting = _meeting(org, members)
    assert _value("meetings.attendance_rate", tree["bloc"]).value == 100.0
    services.meeting_save(
        by=None,
        org=org,
        meeting=meeting,
        kind="regular",
        held_on=DAY,
        attendance=_lines(members, **{"2": "excused"}),
        chaired_by=members[0].pk,
        today=TODAY,
    )
    assert (
        registry.value(
            "meetings.attendance_rate", Context(scope=tree["bloc"], at=PERIOD[1], period=PERIOD)
        )
        == 66.67
    )


def test_the_notice_reaches_each_member_with_an_address(cell, users):
    org, members = cell
    meeting = _meeting(org, members)
    notice = services.meeting_send_notice(
        by=users["superuser"], meeting=meeting, subject="Thông báo họp", body="Kính gửi"
    )
    assert sorted(m.to[0] for m in mail.outbox) == ["an@example.vn", "binh@example.vn"]
    rows = {r.member_id: r for r in notice.recipients.all()}
    assert rows[members[0].pk].delivered and rows[members[1].pk].delivered
    assert not rows[members[2].pk].delivered and rows[members[2].pk].problem


# --- pages -------------------------------------------------------------------------------


def test_pages_list_detail_form_errors_export(cell, client, users):
    org, members = cell
    meeting = _meeting(org, members, agenda="Quán triệt nghị quyết Đại hội")
    client.force_login(users["cell_secretary"])
    listing = client.get("/quan-ly/sinh-hoat/cuoc-hop/", {"q": "quan triet"})
    assert "Chi bộ Văn phòng" in listing.content.decode()
    assert (
        client.get("/quan-ly/sinh-hoat/cuoc-hop/", {"q": "khong co"})
        .content.decode()
        .count(f"/cuoc-hop/{meeting.pk}/")
        == 0
    )
    detail = client.get(f"/quan-ly/sinh-hoat/cuoc-hop/{meeting.pk}/").content.decode()
    assert "3/3" in detail and "Nguyễn Văn An" in detail and "Lịch sử" in detail
    export = client.get("/quan-ly/sinh-hoat/cuoc-hop/xuat-excel/")
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    assert sheet.max_row == 2
    post = {"kind": "regular", "status": "held", "held_on": "20/03/2021", "org": org.pk}
    for m in members:
        post[f"att-{m.pk}-status"] = "present"
    answer = client.post(f"/quan-ly/sinh-hoat/cuoc-hop/ghi/?org={org.pk}", post)
    assert answer.status_code == 200
    assert 'data-field="kind"' in answer.content.decode()
    assert Meeting.objects.count() == 1
    post["held_on"] = "20/04/2021"
    answer = client.post(f"/quan-ly/sinh-hoat/cuoc-hop/ghi/?org={org.pk}", post)
    assert answer.status_code == 302 and Meeting.objects.count() == 2
    for page in (
        "",
        "ty-le-du-hop/",
        "lich/?month=2021-03",
        "cam-ket/",
        f"dang-vien/{members[0].pk}/",
    ):
        assert client.get(f"/quan-ly/sinh-hoat/{page}").status_code == 200, page


def test_read_only_and_out_of_sight(cell, client, users, tree, make_member):
    org, members = cell
    meeting = _meeting(org, members)
    client.force_login(users["propaganda"])
    assert client.get(f"/quan-ly/sinh-hoat/cuoc-hop/{meeting.pk}/").status_code == 200
    assert client.get(f"/quan-ly/sinh-hoat/cuoc-hop/{meeting.pk}/sua/").status_code == 403
    other = make_member(tree["cell_b"], name="Hoàng Văn Khác")
    elsewhere = services.meeting_save(
        by=None,
        org=tree["cell_b"],
        kind="regular",
        held_on=DAY,
        attendance=[AttendanceLine(other.pk)],
        today=TODAY,
    )
    client.force_login(users["cell_secretary"])
    assert client.get(f"/quan-ly/sinh-hoat/cuoc-hop/{elsewhere.pk}/").status_code == 404
