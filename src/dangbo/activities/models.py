"""Sinh hoạt đảng: meetings of cells and committees with per-member attendance, the notices
that sent their documents, and each member's yearly exemplary-conduct commitment.

Rows are written by dangbo.activities.services only (the demo writes in bulk after the
same rules). A meeting belongs to the organization that held it (`org`, for figures by the
tree as it stood on `held_on`); who may see it follows that organization's current place
(`org__path`, see apps.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangbo.core.models import Versioned
from dangbo.core.text import format_date


class MeetingKind(models.TextChoices):
    REGULAR = "regular", _("Sinh hoạt chi bộ thường kỳ")
    THEMATIC = "thematic", _("Sinh hoạt chuyên đề")
    COMBINED = "combined", _("Sinh hoạt thường kỳ kết hợp chuyên đề")
    EXTRAORDINARY = "extraordinary", _("Sinh hoạt bất thường")
    CELL_COMMITTEE = "cell_committee", _("Họp chi ủy")
    COMMITTEE = "committee", _("Họp cấp ủy (ban chấp hành)")
    STANDING = "standing", _("Họp ban thường vụ")


# Meetings of a cell's members (the attendance list is the cell's members on the day).
CELL_MEETING_KINDS = (
    MeetingKind.REGULAR,
    MeetingKind.THEMATIC,
    MeetingKind.COMBINED,
    MeetingKind.EXTRAORDINARY,
)
# Meetings of a committee (the attendance list is the committee's seats on the day).
COMMITTEE_KINDS = (MeetingKind.CELL_COMMITTEE, MeetingKind.COMMITTEE, MeetingKind.STANDING)
# What covers a month's regular meeting, and a quarter's thematic one (HD 12-HD/BTCTW).
REGULAR_KINDS = (MeetingKind.REGULAR, MeetingKind.COMBINED)
THEMATIC_KINDS = (MeetingKind.THEMATIC, MeetingKind.COMBINED)


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Dự kiến (chưa họp)")
    HELD = "held", _("Đã họp")


class Meeting(Versioned):
    org = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("tổ chức đảng"),
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    kind = models.CharField(_("loại sinh hoạt"), max_length=16, choices=MeetingKind.choices)
    status = models.CharField(
        _("tình trạng"), max_length=8, choices=MeetingStatus.choices, default=MeetingStatus.HELD
    )
    held_on = models.DateField(_("ngày họp"), db_index=True)
    starts_at = models.TimeField(_("giờ bắt đầu"), null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("thời lượng (phút)"), null=True, blank=True
    )
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    topic = models.CharField(_("chủ đề chuyên đề"), max_length=255, blank=True)
    agenda = models.TextField(_("nội dung, chương trình"), blank=True)
    resolution = models.TextField(_("nghị quyết, kết luận"), blank=True)
    chaired_by = models.ForeignKey(
        "members.Member",
        verbose_name=_("chủ trì"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    minutes_by = models.ForeignKey(
        "members.Member",
        verbose_name=_("thư ký"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    guests = models.TextField(_("đại biểu dự"), blank=True)
    expected_count = models.PositiveSmallIntegerField(_("số đảng viên phải dự"), default=0)
    present_count = models.PositiveSmallIntegerField(_("số có mặt"), default=0)
    notes = models.TextField(_("ghi chú"), blank=True)
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "pk"]
        verbose_name = _("cuộc sinh hoạt")
        verbose_name_plural = _("cuộc sinh hoạt")
        indexes = [
            models.Index(fields=["org", "held_on"]),
            models.Index(fields=["kind", "held_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {format_date(self.held_on)}"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Có mặt")
    EXCUSED = "excused", _("Vắng có lý do")
    UNEXCUSED = "unexcused", _("Vắng không lý do")


class Attendance(models.Model):
    """One member expected at a meeting (the cell's members, or the committee's, that day)."""

    # No index of its own: the unique (meeting, member) constraint serves lookups by meeting.
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendance", db_index=False
    )
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("đảng viên"),
        on_delete=models.PROTECT,
        related_name="attendances",
    )
    status = models.CharField(_("tham dự"), max_length=10, choices=AttendanceStatus.choices)
    reason = models.CharField(_("lý do vắng"), max_length=255, blank=True)
    # Miễn công tác và sinh hoạt đảng (Điều lệ Đảng Điều 7): expected, excused.
    is_exempted = models.BooleanField(_("miễn sinh hoạt"), default=False)
    spoke = models.BooleanField(_("phát biểu"), default=False)
    remark = models.CharField(_("ý kiến phát biểu"), max_length=500, blank=True)

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("điểm danh")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.member_id}: {self.get_status_display()}"


class MeetingFile(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="files")
    title = models.CharField(_("tên tài liệu"), max_length=255)
    file = models.FileField(_("tệp"), upload_to="activities/%Y/%m/")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("tài liệu cuộc họp")

    def __str__(self) -> str:
        return self.title


class MeetingNotice(models.Model):
    """The meeting's documents sent by e-mail to the members expected at it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="notices")
    subject = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"))
    sent_at = models.DateTimeField(_("thời điểm gửi"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-sent_at", "pk"]
        verbose_name = _("thông báo, tài liệu gửi trước")

    def __str__(self) -> str:
        return self.subject


class NoticeRecipient(models.Model):
    notice = models.ForeignKey(MeetingNotice, on_delete=models.CASCADE, related_name="recipients")
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    email = models.CharField(_("địa chỉ thư điện tử"), max_length=254, blank=True)
    delivered = models.BooleanField(_("đã gửi"), default=False)
    problem = models.CharField(_("lý do không gửi được"), max_length=255, blank=True)

    class Meta:
        ordering = ["notice", "pk"]

    def __str__(self) -> str:
        return f"{self.member_id} {self.email}"


class Commitment(Versioned):
    """A member's yearly commitment of exemplary conduct, tied to their duties and to the
    year's theme of learning from Hồ Chí Minh's example (Chỉ thị 05-CT/TW), and its
    year-end self-review."""

    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("đảng viên"),
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    # The cell the member was in when registering (figures by the tree as it stood).
    cell = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("chi bộ khi đăng ký"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    theme = models.CharField(_("chuyên đề học tập và làm theo"), max_length=500, blank=True)
    duties = models.CharField(_("chức vụ, nhiệm vụ được giao"), max_length=255, blank=True)
    content = models.TextField(_("nội dung cam kết"))
    registered_on = models.DateField(_("ngày đăng ký"))
    review = models.TextField(_("tự đánh giá cuối năm"), blank=True)
    review_result = models.CharField(
        _("kết quả tự đánh giá"),
        max_length=16,
        blank=True,
        choices=[
            ("done", "Thực hiện tốt cam kết"),
            ("partly", "Thực hiện chưa đầy đủ"),
            ("not_done", "Không thực hiện cam kết"),
        ],
    )
    reviewed_on = models.DateField(_("ngày tự đánh giá"), null=True, blank=True)
    search_text = models.CharField(max_length=255, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-year", "member__person__search_name"]
        verbose_name = _("cam kết nêu gương")
        verbose_name_plural = _("cam kết nêu gương")
        constraints = [models.UniqueConstraint(fields=["member", "year"], name="commitment_once")]
        indexes = [models.Index(fields=["year", "cell"])]

    def __str__(self) -> str:
        return f"Cam kết năm {self.year} – {self.member}"
