"""Writes of meetings, their files and notices, and commitments.

Every write also writes an AuditEntry (action "change") in the same transaction: the
indicator cache is keyed by the data version, which counts those rows (see
dangbo.indicators.registry). A refused write changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.activities import rules, selectors
from dangbo.activities.models import (
    COMMITTEE_KINDS,
    REGULAR_KINDS,
    Attendance,
    AttendanceStatus,
    Commitment,
    Meeting,
    MeetingFile,
    MeetingKind,
    MeetingNotice,
    MeetingStatus,
    NoticeRecipient,
)
from dangbo.activities.rules import AttendanceLine
from dangbo.core.dates import check_record
from dangbo.core.locking import check_and_bump
from dangbo.core.scope import Action, scope_of
from dangbo.core.text import fold, format_date
from dangbo.members.models import Member, MemberPeriod
from dangbo.orgs.models import Organization

NON_FIELD = "__all__"


def _user(by: Any) -> Any:
    return by if getattr(by, "is_authenticated", False) else None


def _require(by: Any, path: str, what: str) -> None:
    if by is None:  # the demo and the CLI act as the system
        return
    if not scope_of(by).covers_path(Action.CHANGE, path):
        raise PermissionDenied(f"Đồng chí không có quyền {what}.")


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


@transaction.atomic
def meeting_save(
    *,
    by: Any,
    org: Organization,
    kind: str,
    held_on: dt.date,
    status: str = MeetingStatus.HELD,
    attendance: Sequence[AttendanceLine] = (),
    meeting: Meeting | None = None,
    starts_at: dt.time | None = None,
    duration_minutes: int | None = None,
    place: str = "",
    topic: str = "",
    agenda: str = "",
    resolution: str = "",
    chaired_by: int | None = None,
    minutes_by: int | None = None,
    guests: str = "",
    notes: str = "",
    today: dt.date | None = None,
    expected_version: int | None = None,
) -> Meeting:
    """Record (or correct) a meeting and its attendance, all or nothing. Returns the meeting;
    `meeting.length_warning` tells a length below the minimum (not a refusal)."""
    _require(by, org.path, "ghi sinh hoạt của tổ chức này")
    if meeting is not None and meeting.org_id != org.pk:
        raise ValidationError({"org": "Không chuyển cuộc họp sang tổ chức khác."})
    errors: dict[str, str] = {}
    if kind not in MeetingKind.values:
        errors["kind"] = "Hãy chọn loại sinh hoạt."
    else:
        message = rules.check_org_kind(kind, org.kind)
        if message:
            errors["kind"] = message
    if status not in MeetingStatus.values:
        errors["status"] = "Tình trạng không hợp lệ."
    message = rules.check_held_date(status, held_on, _today(today))
    if message:
        errors["held_on"] = message
    if org.founded_on > held_on or (org.dissolved_on and org.dissolved_on <= held_on):
        errors["held_on"] = (
            f"Ngày {format_date(held_on)} tổ chức {org.name} chưa thành lập hoặc đã giải thể."
        )
    if "kind" not in errors and kind in REGULAR_KINDS and status == MeetingStatus.HELD:
        others = Meeting.objects.filter(
            org=org,
            kind__in=REGULAR_KINDS,
            status=MeetingStatus.HELD,
            held_on__year=held_on.year,
            held_on__month=held_on.month,
        ).exclude(pk=meeting.pk if meeting else 0)
        message = rules.check_second_regular(
            kind, held_on, others.values_list("held_on", flat=True)
        )
        if message:
            errors["kind"] = message
    if duration_minutes is not None and not 1 <= duration_minutes <= 24 * 60:
        errors["duration_minutes"] = "Thời lượng tính bằng phút, từ 1 đến 1.440."
    expected = (
        {e.member_id: e for e in selectors.expected_members(org, kind, held_on)}
        if "kind" not in errors
        else {}
    )
    lines = list(attendance)
    if status == MeetingStatus.HELD and "kind" not in errors and "held_on" not in errors:
        names = {m: e.name for m, e in expected.items()}
        strangers = {line.member_id for line in lines} - set(expected)
        outsiders = dict(
            Member.objects.filter(pk__in=strangers).values_list("pk", "person__full_name")
        )
        outsiders.update({m: f"#{m}" for m in strangers if m not in outsiders})
        errors.update(
            rules.check_attendance(
                lines, names, outsiders, held_on=held_on, is_committee=kind in COMMITTEE_KINDS
            )
        )
        if "attendance" not in errors:
            errors.update(rules.check_roles(lines, chaired_by, minutes_by, names))
    elif status == MeetingStatus.PLANNED:
        lines = []
    if errors:
        raise ValidationError(errors)
    created = meeting is None
    meeting = meeting or Meeting(org=org, created_by=_user(by))
    values = {
        "kind": kind,
        "status": status,
        "held_on": held_on,
        "starts_at": starts_at,
        "duration_minutes": duration_minutes,
        "place": place.strip(),
        "topic": topic.strip(),
        "agenda": agenda.strip(),
        "resolution": resolution.strip(),
        "chaired_by_id": chaired_by if lines else None,
        "minutes_by_id": minutes_by if lines else None,
        "guests": guests.strip(),
        "notes": notes.strip(),
    }
    for name, value in values.items():
        setattr(meeting, name, value)
    by_member = {line.member_id: line for line in lines}
    meeting.expected_count = len(lines) if lines else len(expected)
    meeting.present_count = sum(1 for x in lines if x.status == AttendanceStatus.PRESENT)
    meeting.search_text = fold(
        " ".join([meeting.topic, meeting.agenda, meeting.resolution, meeting.place])
    )
    meeting.updated_by = _user(by)
    check_record(meeting, plannable=["held_on"] if status == MeetingStatus.PLANNED else [])
    check_and_bump(meeting, expected_version, user=by)
    meeting.save()
    meeting.attendance.all().delete()
    Attendance.objects.bulk_create(
        [
            Attendance(
                meeting=meeting,
                member_id=m,
                status=line.status,
                reason=line.reason.strip(),
                spoke=line.spoke,
                remark=line.remark.strip(),
                is_exempted=expected[m].is_exempted,
            )
            for m, line in by_member.items()
        ]
    )
    warning = rules.length_warning(kind, duration_minutes, held_on)
    audit_log(
        user=by,
        action=AuditAction.CHANGE,
        object_type="meeting",
        object_id=meeting.pk,
        description=(
            f"{'Ghi' if created else 'Sửa'} {meeting.get_kind_display().lower()} ngày "
            f"{format_date(held_on)} của {org.name}: có mặt {meeting.present_count}/"
            f"{meeting.expected_count}" + (f"; cảnh báo: {warning}" if warning else "")
        ),
    )
    meeting.length_warning = warning  # type: ignore[attr-defined]
    return meeting


@transaction.atomic
def meeting_add_file(
    *, by: Any, meeting: Meeting, upload: UploadedFile, title: str = ""
) -> MeetingFile:
    _require(by, meeting.org.path, "thêm tài liệu cho cuộc họp này")
    name = (title or upload.name or "").strip()
    if not name:
        raise ValidationError({"file_title": "Hãy đặt tên cho tài liệu."})
    limit = getattr(settings, "DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440) * 8
    if upload.size and upload.size > limit:
        raise ValidationError({"file": "Tệp quá lớn (tối đa 20 MB)."})
    item = MeetingFile(meeting=meeting, title=name[:255], uploaded_by=_user(by))
    item.file.save(upload.name or "tai-lieu", upload, save=False)
    item.save()
    audit_log(
        user=by,
        action=AuditAction.CHANGE,
        object_type="meeting",
        object_id=meeting.pk,
        description=f"Thêm tài liệu “{item.title}” cho {meeting} của {meeting.org.name}",
    )
    return item


def notice_recipients(meeting: Meeting) -> list[tuple[Member, str]]:
    """The members expected at the meeting, each with an e-mail address ("" if none): the
    address on the person's record (members.Person.email), else that of the linked account."""
    ids = [
        e.member_id for e in selectors.expected_members(meeting.org, meeting.kind, meeting.held_on)
    ]
    members = Member.objects.filter(pk__in=ids).select_related("person__user")
    out = []
    for member in sorted(members, key=lambda m: (m.person.search_name, m.pk)):
        address = member.person.email or getattr(member.person.user, "email", "") or ""
        out.append((member, address))
    return out


@transaction.atomic
def meeting_send_notice(
    *, by: Any, meeting: Meeting, subject: str, body: str, now: dt.datetime | None = None
) -> MeetingNotice:
    """E-mail the meeting's notice and its documents to each expected member with an address
    (Django's mail backend), and record the message and who received it."""
    _require(by, meeting.org.path, "gửi tài liệu cuộc họp này")
    errors: dict[str, str] = {}
    if not subject.strip():
        errors["subject"] = "Hãy nhập tiêu đề thư."
    if not body.strip():
        errors["body"] = "Hãy nhập nội dung thông báo."
    recipients = notice_recipients(meeting)
    if not recipients:
        errors[NON_FIELD] = "Cuộc họp chưa có đảng viên nào trong danh sách phải dự."
    if errors:
        raise ValidationError(errors)
    sent_at = now or timezone.now()
    notice = MeetingNotice.objects.create(
        meeting=meeting,
        subject=subject.strip(),
        body=body.strip(),
        sent_at=sent_at,
        sent_by=_user(by),
    )
    files = list(meeting.files.all())
    rows = []
    connection = mail.get_connection()
    for member, address in recipients:
        row = NoticeRecipient(notice=notice, member=member, email=address)
        if not address:
            row.problem = "Chưa có địa chỉ thư điện tử"
        else:
            message = mail.EmailMessage(
                subject=notice.subject, body=notice.body, to=[address], connection=connection
            )
            for item in files:
                try:
                    with item.file.open("rb") as handle:
                        message.attach(item.file.name.rsplit("/", 1)[-1], handle.read())
                except OSError:
                    pass
            try:
                row.delivered = message.send() == 1
            except OSError as exc:  # SMTP down: recorded, the others still go
                row.problem = str(exc)[:255]
        rows.append(row)
    NoticeRecipient.objects.bulk_create(rows)
    delivered = sum(1 for r in rows if r.delivered)
    audit_log(
        user=by,
        action=AuditAction.CHANGE,
        object_type="meeting",
        object_id=meeting.pk,
        description=f"Gửi tài liệu “{notice.subject}” của {meeting} ({meeting.org.name}): "
        f"{delivered}/{len(rows)} đảng viên nhận qua thư điện tử",
    )
    notice.warning = rules.notice_warning(  # type: ignore[attr-defined]
        meeting.held_on, meeting.starts_at, timezone.localtime(sent_at)
    )
    return notice


# --- Commitments -------------------------------------------------------------------------


def _cell_on(member: Member, day: dt.date) -> int | None:
    period = (
        MemberPeriod.objects.filter(member=member, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))
        .first()
    )
    return period.org_id if period else None


@transaction.atomic
def commitment_save(
    *,
    by: Any,
    member: Member,
    year: int,
    content: str,
    registered_on: dt.date,
    duties: str = "",
    theme: str = "",
    today: dt.date | None = None,
    expected_version: int | None = None,
) -> Commitment:
    """Register (or correct) a member's commitment of `year` (Chỉ thị 05-CT/TW)."""
    _require(by, member.org_path, "ghi cam kết của đảng viên này")
    errors = rules.check_commitment(
        year=year, registered_on=registered_on, content=content, today=_today(today)
    )
    cell_id = _cell_on(member, registered_on)
    if cell_id is None and "registered_on" not in errors:
        errors["registered_on"] = (
            f"Ngày {format_date(registered_on)} đồng chí {member} không sinh hoạt tại chi bộ "
            "nào trong hệ thống."
        )
    if errors:
        raise ValidationError(errors)
    commitment = Commitment.objects.filter(member=member, year=year).first()
    created = commitment is None
    commitment = commitment or Commitment(member=member, year=year)
    assert cell_id is not None  # checked above
    commitment.cell_id = cell_id
    commitment.content = content.strip()
    commitment.duties = duties.strip()
    commitment.theme = theme.strip() or rules.commitment_rules(year).theme
    commitment.registered_on = registered_on
    commitment.search_text = fold(f"{member.person.full_name} {commitment.duties}")[:255]
    commitment.updated_by = _user(by)
    check_record(commitment)
    commitment.full_clean()
    check_and_bump(commitment, expected_version, user=by)
    commitment.save()
    audit_log(
        user=by,
        action=AuditAction.CHANGE,
        object_type="commitment",
        object_id=commitment.pk,
        description=f"{'Đăng ký' if created else 'Sửa'} cam kết năm {year} của {member}",
    )
    return commitment


@transaction.atomic
def commitment_review(
    *,
    by: Any,
    commitment: Commitment,
    review: str,
    result: str,
    reviewed_on: dt.date,
    today: dt.date | None = None,
) -> Commitment:
    """The member's year-end self-review against the commitment."""
    _require(by, commitment.member.org_path, "ghi tự đánh giá của đảng viên này")
    errors = rules.check_review(
        year=commitment.year,
        registered_on=commitment.registered_on,
        reviewed_on=reviewed_on,
        review=review,
        result=result,
        today=_today(today),
    )
    valid = {c for c, _ in Commitment._meta.get_field("review_result").choices or []}
    if result and result not in valid:
        errors["review_result"] = "Kết quả tự đánh giá không hợp lệ."
    if errors:
        raise ValidationError(errors)
    commitment.review = review.strip()
    commitment.review_result = result
    commitment.reviewed_on = reviewed_on
    commitment.updated_by = _user(by)
    commitment.save()
    audit_log(
        user=by,
        action=AuditAction.CHANGE,
        object_type="commitment",
        object_id=commitment.pk,
        description=f"Tự đánh giá cuối năm {commitment.year} của {commitment.member}: "
        f"{commitment.get_review_result_display()}",
    )
    return commitment
