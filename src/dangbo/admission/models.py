"""Admission of new members, from candidate to full member, and political standard
conclusions.

An AdmissionCase is one candidate moving through the steps of Điều lệ Đảng Điều 4 and the
rules implementing it; each step is an AdmissionStep with its date and document. The
case's stage, status and deadlines are derived from its steps by admission.rules and
copied onto the case for lists; they are never edited by hand.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangbo.core.fields import PathField
from dangbo.core.models import Versioned


class Source(models.TextChoices):
    """Who introduces the candidate (Điều lệ Đảng Điều 4; forms 4-KNĐ, 4A-KNĐ)."""

    TWO_MEMBERS = "two_members", _("Hai đảng viên chính thức giới thiệu")
    YOUTH_UNION = "youth_union", _("Đoàn TNCS Hồ Chí Minh và một đảng viên chính thức")
    TRADE_UNION = "trade_union", _("Công đoàn cơ sở và một đảng viên chính thức")


class Stage(models.TextChoices):
    """The steps, in the order they happen."""

    IDENTIFIED = "identified", _("Chi bộ tạo nguồn, phân công giúp đỡ")
    TRAINED = "trained", _("Học lớp bồi dưỡng nhận thức về Đảng")
    APPLIED = "applied", _("Nộp đơn và lý lịch (1-KNĐ, 2-KNĐ)")
    INTRODUCED = "introduced", _("Giới thiệu vào Đảng (4-KNĐ)")
    VERIFIED = "verified", _("Thẩm tra lý lịch, ý kiến nơi cư trú (5-KNĐ)")
    CONCLUDED = "concluded", _("Kết luận tiêu chuẩn chính trị")
    CELL_RESOLUTION = "cell_resolution", _("Chi bộ xét, biểu quyết kết nạp (6-KNĐ)")
    HIGHER_RESOLUTION = "higher_resolution", _("Nghị quyết của đảng ủy cơ sở (8-KNĐ)")
    DECISION = "decision", _("Quyết định kết nạp (9-KNĐ)")
    CEREMONY = "ceremony", _("Lễ kết nạp")
    RECOGNITION_RESOLUTION = "recognition_resolution", _("Chi bộ xét công nhận chính thức (13-KNĐ)")
    RECOGNITION = "recognition", _("Quyết định công nhận đảng viên chính thức")
    NOT_RECOGNIZED = "not_recognized", _("Không công nhận chính thức (xóa tên)")
    WITHDRAWN = "withdrawn", _("Dừng xem xét")


class CaseStatus(models.TextChoices):
    PREPARING = "preparing", _("Đang bồi dưỡng, xem xét")
    PROBATION = "probation", _("Đảng viên dự bị")
    FULL = "full", _("Đã là đảng viên chính thức")
    NOT_RECOGNIZED = "not_recognized", _("Không được công nhận chính thức")
    WITHDRAWN = "withdrawn", _("Dừng xem xét")


class ExitReason(models.TextChoices):
    """Why a re-admission candidate left the Party (Quy định 232-QĐ/TW, 3.5)."""

    OTHER = "other", _("Lý do khác (được xem xét kết nạp lại)")
    ABANDONED = "abandoned", _("Tự ý bỏ sinh hoạt đảng, tự ý trả thẻ đảng viên")
    RESIGNED = "resigned", _("Xin ra Đảng")
    CORRUPTION = "corruption", _("Bị kết án về tội tham nhũng")
    SERIOUS_CRIME = "serious_crime", _("Bị kết án về tội nghiêm trọng trở lên")


class AdmissionCase(models.Model):
    person = models.ForeignKey(
        "members.Person", verbose_name=_("người được xem xét"), on_delete=models.PROTECT,
        related_name="admission_cases",
    )  # fmt: skip
    cell = models.ForeignKey(
        "orgs.Organization", verbose_name=_("chi bộ"), on_delete=models.PROTECT, related_name="+"
    )
    # The cell's current path, copied for scope (kept by services like Member.org_path).
    org_path = PathField(max_length=255, db_index=True)
    source = models.CharField(
        _("nguồn giới thiệu"), max_length=16, choices=Source.choices, default=Source.TWO_MEMBERS
    )
    identified_on = models.DateField(_("ngày chi bộ tạo nguồn"))
    helper = models.ForeignKey(
        "members.Member", verbose_name=_("đảng viên được phân công giúp đỡ"),
        on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
    )  # fmt: skip
    is_readmission = models.BooleanField(_("kết nạp lại"), default=False)
    exit_reason = models.CharField(
        _("lý do ra khỏi Đảng trước đây"), max_length=16, choices=ExitReason.choices, blank=True
    )
    over_age_approval = models.CharField(
        _("văn bản đồng ý kết nạp người trên 60 tuổi"), max_length=128, blank=True
    )
    note = models.TextField(_("ghi chú"), blank=True)

    # Derived from the steps by admission.rules.derive_case; never set by hand.
    stage = models.CharField(
        _("bước hiện tại"), max_length=24, choices=Stage.choices, default=Stage.IDENTIFIED
    )
    status = models.CharField(
        _("tình trạng"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.PREPARING
    )
    certificate_valid_until = models.DateField(
        _("giấy chứng nhận có giá trị đến"), null=True, blank=True
    )
    decided_on = models.DateField(
        _("ngày quyết định kết nạp"), null=True, blank=True, db_index=True
    )
    probation_ends_on = models.DateField(_("ngày hết dự bị"), null=True, blank=True)
    # The next deadline of the current stage, for the due list.
    due_on = models.DateField(_("hạn bước tiếp theo"), null=True, blank=True, db_index=True)
    member = models.OneToOneField(
        "members.Member", verbose_name=_("hồ sơ đảng viên"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="admission_case",
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("hồ sơ kết nạp")
        verbose_name_plural = _("hồ sơ kết nạp")
        indexes = [models.Index(fields=["org_path", "status"])]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_stage_display()})"


class AdmissionStep(models.Model):
    case = models.ForeignKey(AdmissionCase, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("bước"), max_length=24, choices=Stage.choices)
    date = models.DateField(_("ngày"))
    document_number = models.CharField(_("số văn bản"), max_length=64, blank=True)
    body = models.CharField(_("cơ quan, tổ chức thực hiện"), max_length=255, blank=True)
    # The committee that decides (admission, recognition): checked against the tree.
    deciding_org = models.ForeignKey(
        "orgs.Organization", verbose_name=_("cấp ủy quyết định"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    certificate_number = models.CharField(_("số giấy chứng nhận"), max_length=64, blank=True)
    votes_for = models.PositiveSmallIntegerField(_("số tán thành"), null=True, blank=True)
    votes_total = models.PositiveSmallIntegerField(
        _("tổng số đảng viên chính thức"), null=True, blank=True
    )
    conclusion = models.ForeignKey(
        "admission.PoliticalStandardConclusion", verbose_name=_("kết luận tiêu chuẩn chính trị"),
        on_delete=models.PROTECT, null=True, blank=True, related_name="+",
    )  # fmt: skip
    # Why a deadline was passed: an extension decision, the superior committee's agreement.
    late_reason = models.CharField(_("văn bản gia hạn, lý do chậm"), max_length=255, blank=True)
    document = models.FileField(_("tệp văn bản"), upload_to="admission/%Y/", blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["case", "date", "id"]
        verbose_name = _("bước kết nạp")
        indexes = [models.Index(fields=["kind", "date"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"


class Introducer(models.Model):
    class Kind(models.TextChoices):
        MEMBER = "member", _("Đảng viên chính thức")
        YOUTH_UNION = "youth_union", _("Ban Chấp hành Đoàn cơ sở")
        TRADE_UNION = "trade_union", _("Ban Chấp hành Công đoàn cơ sở")

    case = models.ForeignKey(AdmissionCase, on_delete=models.CASCADE, related_name="introducers")
    kind = models.CharField(_("người, tổ chức giới thiệu"), max_length=16, choices=Kind.choices)
    member = models.ForeignKey(
        "members.Member", verbose_name=_("đảng viên giới thiệu"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    union_name = models.CharField(_("tên tổ chức đoàn thể"), max_length=255, blank=True)
    introduced_on = models.DateField(_("ngày giới thiệu"))
    worked_with_since = models.DateField(
        _("cùng công tác với người vào Đảng từ"), null=True, blank=True
    )
    document_number = models.CharField(
        _("số nghị quyết, giấy giới thiệu"), max_length=64, blank=True
    )

    class Meta:
        ordering = ["case", "id"]
        verbose_name = _("người giới thiệu")

    def __str__(self) -> str:
        return str(self.member) if self.member_id else self.union_name


class AdmissionDelegation(models.Model):
    """A base committee empowered to decide admissions itself (đảng ủy cơ sở được ủy quyền
    quyết định kết nạp đảng viên)."""

    org = models.ForeignKey(
        "orgs.Organization", verbose_name=_("đảng ủy cơ sở"), on_delete=models.CASCADE,
        related_name="+",
    )  # fmt: skip
    org_path = PathField(max_length=255, db_index=True)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định ủy quyền"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("ủy quyền kết nạp đảng viên")

    def __str__(self) -> str:
        return f"{self.org} ({self.starts_on:%d/%m/%Y})"


class Purpose(models.TextChoices):
    ADMISSION = "admission", _("Kết nạp đảng viên")
    APPOINTMENT = "appointment", _("Bổ nhiệm, giới thiệu ứng cử")
    COMMITTEE = "committee", _("Nhân sự cấp ủy")
    PLANNING = "planning", _("Quy hoạch cán bộ")
    TRAINING = "training", _("Cử đi đào tạo, công tác nước ngoài")
    OTHER = "other", _("Khác")


class ConclusionResult(models.TextChoices):
    MEETS = "meets", _("Đủ tiêu chuẩn chính trị")
    NOT_MEETS = "not_meets", _("Chưa đủ tiêu chuẩn chính trị")


class PoliticalStandardConclusion(Versioned):
    """Kết luận tiêu chuẩn chính trị (Quy định 58-QĐ/TW, 08/02/2022, on internal political
    protection): for admissions and for cadre work."""

    person = models.ForeignKey(
        "members.Person", verbose_name=_("người được kết luận"), on_delete=models.PROTECT,
        related_name="political_conclusions",
    )  # fmt: skip
    org = models.ForeignKey(
        "orgs.Organization", verbose_name=_("tổ chức đề nghị"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    org_path = PathField(max_length=255, db_index=True)
    purpose = models.CharField(_("mục đích"), max_length=16, choices=Purpose.choices)
    position = models.CharField(_("chức danh, nội dung xem xét"), max_length=255, blank=True)
    concluded_on = models.DateField(_("ngày kết luận"), db_index=True)
    concluding_body = models.CharField(_("cơ quan kết luận"), max_length=255)
    result = models.CharField(
        _("kết luận"), max_length=16, choices=ConclusionResult.choices,
        default=ConclusionResult.MEETS,
    )  # fmt: skip
    document_number = models.CharField(_("số văn bản"), max_length=64, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("kết luận tiêu chuẩn chính trị")
        verbose_name_plural = _("kết luận tiêu chuẩn chính trị")
        ordering = ["-concluded_on", "-id"]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_purpose_display()} ({self.concluded_on:%d/%m/%Y})"
