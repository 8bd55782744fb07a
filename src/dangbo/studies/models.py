"""Học tập, bồi dưỡng, hội thi: study sessions held at bridge points with their attendance,
training classes with their learners and certificates, contests with entrants and prizes.

Rows are written by dangbo.studies.services only (the demo writes in bulk through the same
rules). Every record is placed in the tree by its organization's current path (`org__path`,
see apps.py); figures of a period place it by the tree as it stood on its own date
(`orgs.selectors.dated_in_scope`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangbo.core.models import Versioned
from dangbo.core.text import format_date


class SessionKind(models.TextChoices):
    RESOLUTION = "resolution", _("Học tập, quán triệt nghị quyết")
    YEARLY_THEME = "yearly_theme", _("Học tập chuyên đề năm")
    ONLINE_CONFERENCE = "online_conference", _("Hội nghị trực tuyến")


class StudySession(Versioned):
    """A study session (học tập, quán triệt) about a document or a yearly theme."""

    org = models.ForeignKey(
        "orgs.Organization", verbose_name=_("tổ chức đảng tổ chức"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    kind = models.CharField(_("hình thức"), max_length=20, choices=SessionKind.choices)
    title = models.CharField(_("tên hội nghị, buổi học tập"), max_length=400)
    # The documents registry comes later: the document as text, its number apart.
    subject = models.TextField(_("văn bản, chuyên đề học tập"))
    document_number = models.CharField(_("số văn bản"), max_length=64, blank=True)
    theme_year = models.PositiveSmallIntegerField(_("chuyên đề năm"), null=True, blank=True)
    held_on = models.DateField(_("ngày tổ chức"), db_index=True)
    notes = models.TextField(_("ghi chú"), blank=True)
    search_text = models.CharField(max_length=600, editable=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("buổi học tập, quán triệt")
        verbose_name_plural = _("buổi học tập, quán triệt")
        indexes = [models.Index(fields=["org", "held_on"])]

    def __str__(self) -> str:
        return f"{self.title} ({format_date(self.held_on)})"


class BridgePoint(Versioned):
    """One location (điểm cầu) of a session, with its organization and attendance."""

    session = models.ForeignKey(
        StudySession, on_delete=models.CASCADE, related_name="bridge_points"
    )
    org = models.ForeignKey(
        "orgs.Organization", verbose_name=_("tổ chức đảng tại điểm cầu"),
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    # Members of the point's organization subtree on the day, unless entered by hand.
    members_expected = models.PositiveIntegerField(_("số đảng viên phải dự"))
    expected_entered = models.BooleanField(_("số phải dự nhập tay"), default=False)
    non_members_present = models.PositiveIntegerField(_("số quần chúng dự"), default=0)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        ordering = ["session", "pk"]
        verbose_name = _("điểm cầu")
        verbose_name_plural = _("điểm cầu")
        constraints = [
            models.UniqueConstraint(fields=["session", "org"], name="bridge_point_once_per_org")
        ]

    def __str__(self) -> str:
        return f"Điểm cầu {self.place or self.org_id}"


class SessionAttendance(models.Model):
    """One member present at a bridge point (one row per member: the rate counts rows)."""

    session = models.ForeignKey(StudySession, on_delete=models.CASCADE, related_name="+")
    bridge_point = models.ForeignKey(
        BridgePoint, on_delete=models.CASCADE, related_name="attendances"
    )
    member = models.ForeignKey(
        "members.Member", verbose_name=_("đảng viên"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("đảng viên dự học tập")
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="attendance_once_a_session")
        ]

    def __str__(self) -> str:
        return f"Đảng viên {self.member_id} có mặt tại điểm cầu {self.bridge_point_id}"


class ClassKind(models.TextChoices):
    POLITICAL_THEORY = "political_theory", _("Lý luận chính trị")
    AWARENESS = "awareness", _("Bồi dưỡng nhận thức về Đảng")
    NEW_MEMBERS = "new_members", _("Bồi dưỡng lý luận chính trị cho đảng viên mới")
    PROFESSIONAL = "professional", _("Bồi dưỡng nghiệp vụ")
    OTHER = "other", _("Lớp khác")


class TheoryLevel(models.TextChoices):
    NONE = "", _("Không áp dụng")
    ELEMENTARY = "elementary", _("Sơ cấp")
    INTERMEDIATE = "intermediate", _("Trung cấp")
    ADVANCED = "advanced", _("Cao cấp")


class TrainingClass(Versioned):
    org = models.ForeignKey(
        "orgs.Organization", verbose_name=_("tổ chức đảng mở lớp"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    kind = models.CharField(_("loại lớp"), max_length=20, choices=ClassKind.choices)
    level = models.CharField(_("trình độ"), max_length=16, choices=TheoryLevel.choices, blank=True)
    title = models.CharField(_("tên lớp"), max_length=400)
    starts_on = models.DateField(_("ngày khai giảng"))
    ends_on = models.DateField(_("ngày bế giảng"), db_index=True)
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    organizer = models.CharField(_("đơn vị tổ chức, giảng dạy"), max_length=255, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    search_text = models.CharField(max_length=600, editable=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-ends_on", "-pk"]
        verbose_name = _("lớp bồi dưỡng")
        verbose_name_plural = _("lớp bồi dưỡng")
        indexes = [models.Index(fields=["org", "ends_on"])]

    def __str__(self) -> str:
        return self.title


class Result(models.TextChoices):
    NONE = "", _("Chưa có kết quả")
    EXCELLENT = "excellent", _("Xuất sắc")
    VERY_GOOD = "very_good", _("Giỏi")
    GOOD = "good", _("Khá")
    AVERAGE = "average", _("Trung bình")
    FAILED = "failed", _("Không đạt")


PASSED = (Result.EXCELLENT, Result.VERY_GOOD, Result.GOOD, Result.AVERAGE)


class Learner(models.Model):
    """A learner of a class: a member, a person (an admission candidate), or a free name."""

    training_class = models.ForeignKey(
        TrainingClass, on_delete=models.CASCADE, related_name="learners"
    )
    member = models.ForeignKey(
        "members.Member", verbose_name=_("đảng viên"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    person = models.ForeignKey(
        "members.Person", verbose_name=_("người học"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="learner_records",
    )  # fmt: skip
    full_name = models.CharField(_("họ và tên"), max_length=128)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    search_name = models.CharField(max_length=128, editable=False, db_index=True)
    unit = models.CharField(_("đơn vị công tác, chi bộ"), max_length=255, blank=True)
    result = models.CharField(_("kết quả"), max_length=12, choices=Result.choices, blank=True)
    certificate_number = models.CharField(_("số giấy chứng nhận"), max_length=64, blank=True)
    certificate_date = models.DateField(_("ngày cấp giấy chứng nhận"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        ordering = ["training_class", "search_name", "pk"]
        verbose_name = _("học viên")
        verbose_name_plural = _("học viên")
        constraints = [
            models.UniqueConstraint(
                fields=["training_class", "person"], name="learner_once_a_class",
                condition=models.Q(person__isnull=False),
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.full_name


class ContestKind(models.TextChoices):
    REPORTERS = "reporters", _("Báo cáo viên, tuyên truyền viên giỏi")
    SECRETARIES = "secretaries", _("Bí thư chi bộ giỏi")
    KNOWLEDGE = "knowledge", _("Tìm hiểu, kiến thức")
    OTHER = "other", _("Hội thi khác")


class Prize(models.TextChoices):
    FIRST = "first", _("Giải Nhất")
    SECOND = "second", _("Giải Nhì")
    THIRD = "third", _("Giải Ba")
    CONSOLATION = "consolation", _("Giải Khuyến khích")
    NONE = "", _("Không đạt giải")


class Contest(Versioned):
    org = models.ForeignKey(
        "orgs.Organization", verbose_name=_("tổ chức đảng tổ chức"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    kind = models.CharField(_("loại hội thi"), max_length=16, choices=ContestKind.choices)
    title = models.CharField(_("tên hội thi"), max_length=400)
    held_on = models.DateField(_("ngày tổ chức (chung kết)"), db_index=True)
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    search_text = models.CharField(max_length=600, editable=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("hội thi")
        verbose_name_plural = _("hội thi")

    def __str__(self) -> str:
        return self.title


class Entrant(Versioned):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="entrants")
    member = models.ForeignKey(
        "members.Member", verbose_name=_("đảng viên"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    full_name = models.CharField(_("họ và tên"), max_length=128)
    search_name = models.CharField(max_length=128, editable=False, db_index=True)
    org = models.ForeignKey(
        "orgs.Organization", verbose_name=_("đơn vị dự thi"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    topic = models.CharField(_("bài, phần dự thi"), max_length=400, blank=True)
    prize = models.CharField(_("giải"), max_length=12, choices=Prize.choices, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        ordering = ["contest", "pk"]
        verbose_name = _("thí sinh")
        verbose_name_plural = _("thí sinh")

    def __str__(self) -> str:
        return self.full_name
