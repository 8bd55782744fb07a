"""Meetings: the list and its export, the minutes page, the form with the attendance grid,
sending the documents, downloading a file."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from dangbo.activities import rules, selectors, services
from dangbo.activities.forms import ATTENDANCE_CHOICES, MeetingFilterForm, MeetingForm, NoticeForm
from dangbo.activities.models import (
    AttendanceStatus,
    Meeting,
    MeetingFile,
    MeetingKind,
)
from dangbo.activities.views.common import history, require_view, view_orgs
from dangbo.backoffice.views.orgs_common import today
from dangbo.core.files import file_response
from dangbo.core.listing import export_response, list_context, require_export
from dangbo.core.locking import versioned_initial
from dangbo.core.scope import Action, get_scoped_or_404, scope_of
from dangbo.core.text import format_date, parse_date
from dangbo.members.forms import attach_errors
from dangbo.orgs.models import CELL_KINDS, Organization

_ATT = re.compile(r"^att-(\d+)-status$")


def _rows(request: HttpRequest, action: Action) -> tuple[MeetingFilterForm, Any]:
    user = request.user
    form = MeetingFilterForm(request.GET or None, orgs=view_orgs(user).order_by("path"))
    data: dict[str, Any] = form.cleaned_data if form.is_bound and form.is_valid() else {}
    meetings = selectors.meeting_list(
        user,
        query=data.get("q") or "",
        org=data.get("org"),
        kind=data.get("kind") or "",
        year=data.get("year"),
        month=data.get("month"),
        action=action,
    )
    return form, meetings


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    require_view(request.user)
    form, meetings = _rows(request, Action.VIEW)
    can_change = scope_of(request.user).allows(Action.CHANGE)
    return render(
        request,
        "activities/meetings.html",
        list_context(request, form, meetings, can_change=can_change),
    )


@login_required
def meeting_export(request: HttpRequest) -> HttpResponse:
    require_export(request.user)
    _form, meetings = _rows(request, Action.EXPORT)
    return export_response(
        request,
        rows=meetings.select_related("minutes_by__person"),
        object_type="meeting",
        description=lambda n: f"Xuất danh sách cuộc sinh hoạt: {n} dòng",
        filename="sinh-hoat-dang.xlsx",
        title="Sinh hoạt",
        headings=[
            "Ngày họp",
            "Tổ chức",
            "Loại",
            "Tình trạng",
            "Thời lượng (phút)",
            "Địa điểm",
            "Chủ trì",
            "Thư ký",
            "Có mặt",
            "Phải dự",
            "Chủ đề",
            "Nội dung",
            "Nghị quyết",
        ],
        row=lambda m: [
            m.held_on,
            m.org.name,
            m.get_kind_display(),
            m.get_status_display(),
            m.duration_minutes,
            m.place,
            str(m.chaired_by or ""),
            str(m.minutes_by or ""),
            m.present_count,
            m.expected_count,
            m.topic,
            m.agenda,
            m.resolution,
        ],
    )


def _meeting(user: Any, pk: int) -> Meeting:
    return get_scoped_or_404(
        user,
        Action.VIEW,
        Meeting.objects.select_related(
            "org", "chaired_by__person", "minutes_by__person", "created_by", "updated_by"
        ),
        pk=pk,
    )


def _meeting_for_change(user: Any, pk: int) -> Meeting:
    meeting = _meeting(user, pk)
    if not scope_of(user).covers_path(Action.CHANGE, meeting.org.path):
        raise PermissionDenied("Đồng chí không có quyền sửa cuộc sinh hoạt này.")
    return meeting


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request.user, pk)
    rows = list(
        meeting.attendance.select_related("member__person").order_by(
            "member__person__search_name", "pk"
        )
    )
    return render(
        request,
        "activities/meeting_detail.html",
        {
            "meeting": meeting,
            "present": [a for a in rows if a.status == AttendanceStatus.PRESENT],
            "absent": [a for a in rows if a.status != AttendanceStatus.PRESENT],
            "speakers": [a for a in rows if a.spoke],
            "exempted": sum(1 for a in rows if a.is_exempted),
            "files": meeting.files.all(),
            "notices": meeting.notices.prefetch_related("recipients__member__person"),
            "warning": rules.length_warning(
                meeting.kind, meeting.duration_minutes, meeting.held_on
            ),
            "rule": rules.rules_at(meeting.held_on),
            "history": history("meeting", meeting.pk),
            "can_change": scope_of(request.user).covers_path(Action.CHANGE, meeting.org.path),
        },
    )


def _day(request: HttpRequest, meeting: Meeting | None) -> dt.date:
    raw = request.POST.get("held_on") if request.method == "POST" else request.GET.get("held_on")
    if raw:
        try:
            return parse_date(raw)
        except ValueError:
            pass
    return meeting.held_on if meeting else today()


def _lines(request: HttpRequest) -> list[rules.AttendanceLine]:
    post = request.POST
    lines = []
    for key in post:
        match = _ATT.match(key)
        if not match:
            continue
        pk = match[1]
        lines.append(
            rules.AttendanceLine(
                member_id=int(pk),
                status=post.get(key, ""),
                reason=post.get(f"att-{pk}-reason", ""),
                spoke=bool(post.get(f"att-{pk}-spoke")),
                remark=post.get(f"att-{pk}-remark", ""),
            )
        )
    return lines


def _form_page(request: HttpRequest, org: Organization, meeting: Meeting | None) -> HttpResponse:
    user = request.user
    kind = (
        request.POST.get("kind")
        or request.GET.get("kind")
        or (
            meeting.kind
            if meeting
            else (MeetingKind.REGULAR if org.kind in CELL_KINDS else MeetingKind.COMMITTEE)
        )
    )
    day = _day(request, meeting)
    expected = selectors.expected_members(org, kind, day) if kind in MeetingKind.values else []
    names = [(e.member_id, e.name) for e in expected]
    data = request.POST if request.method == "POST" else None
    initial: dict[str, Any] = {"kind": kind, "held_on": day}
    saved: dict[int, Any] = {}
    if meeting is not None:
        initial.update(
            {
                f: getattr(meeting, f)
                for f in (
                    "status",
                    "starts_at",
                    "duration_minutes",
                    "place",
                    "topic",
                    "agenda",
                    "resolution",
                    "guests",
                    "notes",
                )
            }
        )
        initial["chaired_by"] = meeting.chaired_by_id
        initial["minutes_by"] = meeting.minutes_by_id
        saved = {a.member_id: a for a in meeting.attendance.all()}
    form = MeetingForm(
        data, request.FILES or None, initial=versioned_initial(meeting, **initial), members=names
    )
    warning = ""
    if data is not None and form.is_valid():
        v = form.cleaned_data
        try:
            saved_meeting = services.meeting_save(
                expected_version=form.expected_version,
                by=user,
                org=org,
                meeting=meeting,
                kind=v["kind"],
                status=v["status"],
                held_on=v["held_on"],
                attendance=_lines(request),
                starts_at=v["starts_at"],
                duration_minutes=v["duration_minutes"],
                place=v["place"],
                topic=v["topic"],
                agenda=v["agenda"],
                resolution=v["resolution"],
                chaired_by=v["chaired_by"],
                minutes_by=v["minutes_by"],
                guests=v["guests"],
                notes=v["notes"],
                today=today(),
            )
            if v.get("file"):
                services.meeting_add_file(
                    by=user, meeting=saved_meeting, upload=v["file"], title=v["file_title"]
                )
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, f"Đã ghi {saved_meeting} của {org.name}.")
            warning = getattr(saved_meeting, "length_warning", "")
            if warning:
                messages.warning(request, warning)
            return redirect("activities:meeting_detail", pk=saved_meeting.pk)
    posted = {line.member_id: line for line in _lines(request)} if data is not None else {}
    grid = []
    for e in expected:
        line = posted.get(e.member_id)
        old = saved.get(e.member_id)
        default = AttendanceStatus.EXCUSED if e.is_exempted else AttendanceStatus.PRESENT
        grid.append(
            {
                "id": e.member_id,
                "name": e.name,
                "exempted": e.is_exempted,
                "status": line.status if line else (old.status if old else default),
                "reason": line.reason
                if line
                else (old.reason if old else ("Miễn sinh hoạt" if e.is_exempted else "")),
                "spoke": line.spoke if line else (old.spoke if old else False),
                "remark": line.remark if line else (old.remark if old else ""),
            }
        )
    if data is not None:
        v = form.cleaned_data if hasattr(form, "cleaned_data") else {}
        if v.get("held_on") and v.get("duration_minutes") is not None:
            warning = rules.length_warning(kind, v["duration_minutes"], v["held_on"])
    return render(
        request,
        "activities/meeting_form.html",
        {
            "org": org,
            "meeting": meeting,
            "form": form,
            "grid": grid,
            "day": day,
            "choices": ATTENDANCE_CHOICES,
            "warning": warning,
            "rule": rules.rules_at(day),
        },
    )


@login_required
def meeting_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not scope_of(user).allows(Action.CHANGE):
        raise PermissionDenied("Đồng chí không có quyền ghi sinh hoạt đảng.")
    raw = request.GET.get("org") or request.POST.get("org") or ""
    if not raw.isdecimal():
        orgs = view_orgs(user).order_by("path")
        changeable = [o for o in orgs[:500] if scope_of(user).covers_path(Action.CHANGE, o.path)]
        return render(request, "activities/pick_org.html", {"orgs": changeable})
    org = get_scoped_or_404(user, Action.VIEW, Organization.objects.all(), pk=int(raw))
    if not scope_of(user).covers_path(Action.CHANGE, org.path):
        raise PermissionDenied("Đồng chí không có quyền ghi sinh hoạt của tổ chức này.")
    return _form_page(request, org, None)


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_for_change(request.user, pk)
    return _form_page(request, meeting.org, meeting)


@login_required
def meeting_notice(request: HttpRequest, pk: int) -> HttpResponse:
    """Send the meeting's documents to its members by e-mail."""
    meeting = _meeting_for_change(request.user, pk)
    recipients = services.notice_recipients(meeting)
    initial = {
        "subject": f"Thông báo {meeting.get_kind_display().lower()} ngày "
        f"{format_date(meeting.held_on)} – {meeting.org.name}",
        "body": (
            f"Kính gửi các đồng chí đảng viên {meeting.org.name},\n\n"
            f"{meeting.org.name} tổ chức {meeting.get_kind_display().lower()} vào "
            + (f"{meeting.starts_at:%H:%M} " if meeting.starts_at else "")
            + f"ngày {format_date(meeting.held_on)}"
            + (f" tại {meeting.place}" if meeting.place else "")
            + ".\n"
            + (
                f"Nội dung: {meeting.topic or meeting.agenda}\n"
                if meeting.topic or meeting.agenda
                else ""
            )
            + "Tài liệu cuộc họp gửi kèm thư này. Đề nghị các đồng chí nghiên cứu trước.\n"
        ),
    }
    data = request.POST if request.method == "POST" else None
    form = NoticeForm(data, initial=initial)
    if data is not None and form.is_valid():
        try:
            notice = services.meeting_send_notice(
                by=request.user,
                meeting=meeting,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
            )
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            sent = notice.recipients.filter(delivered=True).count()
            messages.success(
                request,
                f"Đã gửi tài liệu tới {sent}/{notice.recipients.count()} "
                "đảng viên qua thư điện tử.",
            )
            warning = getattr(notice, "warning", "")
            if warning:
                messages.warning(request, warning)
            return redirect("activities:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "activities/notice_form.html",
        {
            "meeting": meeting,
            "form": form,
            "recipients": recipients,
            "files": meeting.files.all(),
            "warning": rules.notice_warning(
                meeting.held_on, meeting.starts_at, dt.datetime.combine(today(), dt.time())
            ),
        },
    )


@login_required
def file_download(request: HttpRequest, pk: int) -> FileResponse:
    item = get_scoped_or_404(
        request.user, Action.VIEW, MeetingFile.objects.select_related("meeting__org"), pk=pk
    )
    return file_response(item.file)
