"""Đánh giá, xếp loại chất lượng: yearly rating rounds of members, organizations,
committees and their heads, and the residence cells' yearly comments they depend on.

The rules (who is not rated, caps, the quota, the bounds on an organization's grade) live
in rating.rules as dated rule sets; writes go through rating.services, which record
every step (RatingStep) and an audit row, and refuse any change once a round is decided.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangbo.core.models import Versioned


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "good", _("Hoàn thành tốt nhiệm vụ")
    COMPLETED = "completed", _("Hoàn thành nhiệm vụ")
    NOT_COMPLETED = "not_completed", _("Không hoàn thành nhiệm vụ")


# Higher is better; used for caps and bounds.
GRADE_RANK = {
    Grade.EXCELLENT: 4,
    Grade.GOOD: 3,
    Grade.COMPLETED: 2,
    Grade.NOT_COMPLETED: 1,
}
GRADE_SHORT = {
    Grade.EXCELLENT: "HTXSNV",
    Grade.GOOD: "HTTNV",
    Grade.COMPLETED: "HTNV",
    Grade.NOT_COMPLETED: "KHTNV",
}


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Đang đánh giá")
    PROPOSED = "proposed", _("Các chi bộ đã đề xuất")
    DECIDED = "decided", _("Đã quyết định (khóa)")


class NotRatedReason(models.TextChoices):
    EXEMPTED = "exempted", _("Miễn công tác và sinh hoạt đảng")
    SUSPENDED = "suspended", _("Đình chỉ sinh hoạt đảng")
    NEW_MEMBER = "new_member", _("Kết nạp chưa đủ 6 tháng")
    NEW_MEMBER_REVIEWED = (
        "new_member_reviewed",
        _("Kết nạp chưa đủ 6 tháng (có kiểm điểm, không xếp loại)"),
    )


class DisciplineForm(models.TextChoices):
    REPRIMAND = "reprimand", _("Khiển trách")
    WARNING = "warning", _("Cảnh cáo")
    DISMISSAL = "dismissal", _("Cách chức")


class SubjectKind(models.TextChoices):
    ORGANIZATION = "organization", _("Tổ chức đảng")
    COMMITTEE = "committee", _("Tập thể cấp ủy")
    HEAD = "head", _("Người đứng đầu cấp ủy")


class StepKind(models.TextChoices):
    OPENED = "opened", _("Mở đợt xếp loại")
    FACTS = "facts", _("Cập nhật thông tin")
    PROPOSED = "proposed", _("Đề xuất")
    DECIDED = "decided", _("Quyết định")
    LOCKED = "locked", _("Quyết định và khóa đợt")


class RatingRound(models.Model):
    """One year's rating in one scope (a base organization or a level above it)."""

    year = models.PositiveSmallIntegerField(_("năm"))
    scope = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("phạm vi"),
        on_delete=models.PROTECT,
        related_name="rating_rounds",
    )
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    # The day the roster is taken and the 6-month rule is counted to.
    reference_on = models.DateField(_("ngày chốt danh sách"))
    opened_on = models.DateField(_("ngày mở đợt"))
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=64, blank=True)
    rule_set = models.CharField(_("quy định áp dụng"), max_length=255)
    note = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-year", "scope__path"]
        verbose_name = _("đợt xếp loại chất lượng")
        verbose_name_plural = _("đợt xếp loại chất lượng")
        constraints = [
            models.UniqueConstraint(fields=["year", "scope"], name="rating_round_year_scope")
        ]

    def __str__(self) -> str:
        return f"Xếp loại chất lượng năm {self.year} – {self.scope}"

    @property
    def is_locked(self) -> bool:
        return self.status == RoundStatus.DECIDED


class MemberRating(models.Model):
    """A member's entry in a round: the cell's proposal, the base organization's decision."""

    round = models.ForeignKey(RatingRound, on_delete=models.CASCADE, related_name="members")
    year = models.PositiveSmallIntegerField(_("năm"))
    member = models.ForeignKey(
        "members.Member", verbose_name=_("đảng viên"), on_delete=models.PROTECT, related_name="+"
    )
    # Where the member was on the round's reference day.
    cell = models.ForeignKey(
        "orgs.Organization", verbose_name=_("chi bộ"), on_delete=models.PROTECT, related_name="+"
    )
    base_org = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("tổ chức cơ sở đảng"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_exempted = models.BooleanField(_("miễn công tác và sinh hoạt"), default=False)
    not_rated_reason = models.CharField(
        _("lý do không xếp loại"), max_length=24, choices=NotRatedReason.choices, blank=True
    )
    # Facts entered by hand until the discipline app exists.
    suspended = models.BooleanField(_("đình chỉ sinh hoạt đảng"), default=False)
    disciplined = models.BooleanField(_("bị kỷ luật trong năm"), default=False)
    discipline_form = models.CharField(
        _("hình thức kỷ luật"), max_length=16, choices=DisciplineForm.choices, blank=True
    )
    discipline_decision = models.CharField(_("số quyết định kỷ luật"), max_length=64, blank=True)
    discipline_on = models.DateField(_("ngày quyết định kỷ luật"), null=True, blank=True)
    self_remedied = models.BooleanField(_("tự phát hiện và khắc phục xong hậu quả"), default=False)
    sick_leave_months = models.PositiveSmallIntegerField(_("số tháng nghỉ ốm"), default=0)

    proposed_grade = models.CharField(
        _("chi bộ đề xuất"), max_length=16, choices=Grade.choices, blank=True
    )
    proposed_score = models.PositiveSmallIntegerField(_("điểm đề xuất"), null=True, blank=True)
    proposed_on = models.DateField(_("ngày đề xuất"), null=True, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_grade = models.CharField(
        _("cấp ủy cơ sở quyết định"), max_length=16, choices=Grade.choices, blank=True
    )
    decided_score = models.PositiveSmallIntegerField(_("điểm"), null=True, blank=True)
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        ordering = ["round", "cell__path", "member__person__search_name", "pk"]
        verbose_name = _("xếp loại đảng viên")
        verbose_name_plural = _("xếp loại đảng viên")
        constraints = [
            models.UniqueConstraint(fields=["member", "year"], name="member_rating_member_year")
        ]
        indexes = [
            models.Index(fields=["year", "decided_grade"]),
            models.Index(fields=["round", "base_org"]),
        ]

    def __str__(self) -> str:
        return f"{self.member} – {self.year}"


class OrgRating(models.Model):
    """An organization, its committee or its head in a round: proposed by the organization,
    decided by the standing committee of the directly superior committee."""

    round = models.ForeignKey(RatingRound, on_delete=models.CASCADE, related_name="orgs")
    year = models.PositiveSmallIntegerField(_("năm"))
    org = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("tổ chức đảng"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    subject = models.CharField(_("đối tượng"), max_length=16, choices=SubjectKind.choices)
    head = models.ForeignKey(
        "members.Member",
        verbose_name=_("người đứng đầu"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Facts entered by hand until the discipline app exists.
    org_disciplined = models.BooleanField(_("tổ chức bị kỷ luật trong năm"), default=False)
    leadership_disciplined = models.BooleanField(
        _("tập thể lãnh đạo bị kỷ luật trong năm"), default=False
    )
    leadership_member_discipline = models.CharField(
        _("kỷ luật cao nhất của thành viên lãnh đạo"),
        max_length=16,
        choices=DisciplineForm.choices,
        blank=True,
    )
    proposed_grade = models.CharField(
        _("tự đánh giá, đề xuất"), max_length=16, choices=Grade.choices, blank=True
    )
    proposed_score = models.PositiveSmallIntegerField(_("điểm đề xuất"), null=True, blank=True)
    proposed_on = models.DateField(_("ngày đề xuất"), null=True, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_grade = models.CharField(
        _("cấp trên quyết định"), max_length=16, choices=Grade.choices, blank=True
    )
    decided_score = models.PositiveSmallIntegerField(_("điểm"), null=True, blank=True)
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_body = models.CharField(_("cơ quan quyết định"), max_length=255, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        ordering = ["round", "org__path", "subject"]
        verbose_name = _("xếp loại tổ chức đảng")
        verbose_name_plural = _("xếp loại tổ chức đảng")
        constraints = [
            models.UniqueConstraint(fields=["year", "org", "subject"], name="org_rating_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_subject_display()} {self.org} – {self.year}"


class RatingStep(models.Model):
    """The history of a round: who did which step when (one row per entry and step)."""

    round = models.ForeignKey(RatingRound, on_delete=models.CASCADE, related_name="steps")
    member_rating = models.ForeignKey(
        MemberRating, on_delete=models.CASCADE, null=True, blank=True, related_name="steps"
    )
    org_rating = models.ForeignKey(
        OrgRating, on_delete=models.CASCADE, null=True, blank=True, related_name="steps"
    )
    kind = models.CharField(_("bước"), max_length=16, choices=StepKind.choices)
    grade = models.CharField(_("mức xếp loại"), max_length=16, choices=Grade.choices, blank=True)
    score = models.PositiveSmallIntegerField(_("điểm"), null=True, blank=True)
    on = models.DateField(_("ngày"))
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("bước xếp loại")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on:%d/%m/%Y}"


class CommentResult(models.TextChoices):
    GOOD = "good", _("Thực hiện tốt")
    REMARKS = "remarks", _("Có ý kiến, kiến nghị")


class CommentExemption(models.TextChoices):
    """Hướng dẫn 33-HD/BTCTW (2020): members excused from activities at the residence."""

    BARRACKS = "barracks", _("Quân đội, công an ở trong doanh trại")
    WORKS_AWAY = "works_away", _("Làm việc xa nhà, lưu động")
    STUDENT = "student", _("Học sinh, sinh viên học tập trung xa nhà")
    TRAINING = "training", _("Đi học tập trung từ 12 tháng trở lên")


class ResidenceComment(Versioned):
    """The residence cell's yearly comment on a working member (Quy định 213-QĐ/TW)."""

    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("đảng viên"),
        on_delete=models.PROTECT,
        related_name="residence_comments",
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    residence_cell = models.CharField(_("chi bộ nơi cư trú"), max_length=255, blank=True)
    requested_on = models.DateField(_("ngày gửi phiếu xin nhận xét"), null=True, blank=True)
    received_on = models.DateField(_("ngày nhận nhận xét"), null=True, blank=True)
    result = models.CharField(
        _("kết quả nhận xét"), max_length=16, choices=CommentResult.choices, blank=True
    )
    remarks = models.TextField(_("nội dung nhận xét"), blank=True)
    exempt = models.BooleanField(_("không phải lấy nhận xét hằng năm"), default=False)
    exempt_reason = models.CharField(
        _("lý do"), max_length=16, choices=CommentExemption.choices, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-year", "member__person__search_name"]
        verbose_name = _("nhận xét của nơi cư trú")
        verbose_name_plural = _("nhận xét của nơi cư trú")
        constraints = [
            models.UniqueConstraint(fields=["member", "year"], name="residence_comment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.member} – {self.year}"

    @property
    def is_satisfied(self) -> bool:
        return self.exempt or self.received_on is not None
