"""The activities pages in the scope walk: a meeting (with a file and a notice) and a
commitment on each side; B's texts carry the marker."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dangbo.activities import services
from dangbo.activities.models import Attendance, Commitment, Meeting, MeetingFile
from dangbo.activities.rules import AttendanceLine
from dangbo.activities.selectors import expected_members

SEGMENT_KINDS = {"cuoc-hop": "meeting", "tai-lieu": "meeting_file", "cam-ket": "commitment"}
DAY = dt.date(2021, 12, 10)


def build(parts: Any) -> dict[str, dict[str, list[int]]]:
    root = parts.users["superuser"]
    ids: dict[str, dict[str, list[int]]] = {}
    for side in ("A", "B"):
        low = side.lower()
        cell = parts.orgs[f"{low}_cell"]
        text = parts.MARK if side == "B" else "Alpha"
        lines = [AttendanceLine(e.member_id) for e in expected_members(cell, "regular", DAY)]
        meeting = services.meeting_save(
            by=root,
            org=cell,
            kind="regular",
            held_on=DAY,
            attendance=lines,
            agenda=f"Nội dung {text}",
            resolution=f"Nghị quyết {text}",
            place=f"Phòng {text}",
            chaired_by=lines[0].member_id,
            today=dt.date(2022, 1, 1),
        )
        # A file row without a file on disk (the download answers 404 for it): the walk
        # writes nothing under MEDIA_ROOT.
        item = MeetingFile.objects.create(
            meeting=meeting, title=f"Dự thảo {text}", file=f"activities/walk/{low}.txt"
        )
        services.meeting_send_notice(
            by=root, meeting=meeting, subject=f"Thông báo {text}", body=f"Kính gửi {text}"
        )
        member = (parts.b_members if side == "B" else parts.a_members)[0]
        commitment = services.commitment_save(
            by=root,
            member=member,
            year=2021,
            content=f"Cam kết {text}",
            registered_on=dt.date(2021, 2, 1),
            duties=f"Chuyên viên {text}",
            today=dt.date(2022, 1, 1),
        )
        ids[side] = {
            "meeting": [meeting.pk],
            "meeting_file": [item.pk],
            "commitment": [commitment.pk],
        }
    return ids


def snapshot(parts: Any) -> list[Any]:
    path = parts.orgs["b_base"].path
    return [
        *Meeting.objects.filter(org__path__startswith=path).order_by("pk").values_list(),
        *Attendance.objects.filter(meeting__org__path__startswith=path)
        .order_by("pk")
        .values_list(),
        *MeetingFile.objects.filter(meeting__org__path__startswith=path)
        .order_by("pk")
        .values_list("pk", "title", "file"),
        *Commitment.objects.filter(member__org_path__startswith=path)
        .order_by("pk")
        .values_list("pk", "content", "review", "registered_on", "reviewed_on"),
    ]
