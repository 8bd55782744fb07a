"""Thi đua, khen thưởng: commendations (to collectives and individuals), proposals to a
higher level, and the "Dân vận khéo" models the units register.

Rows are written by dangbo.emulation.services only. A commendation belongs to the Party
organization whose scope it falls in (`org`: the bloc for the bloc standing committee's
decisions, a base organization for its own Giấy khen); a model to the unit that registered
it (`unit`). Scope follows their current paths (`org__path`, `unit__path`; see apps.py);
figures of a period follow the tree as it stood on the decision's day.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangbo.core.models import Versioned
from dangbo.core.text import format_date


class Level(models.TextChoices):
    """Who decides the commendation (cấp khen thưởng)."""

    PRIME_MINISTER = "prime_minister", _("Thủ tướng Chính phủ")
    PROVINCE_CHAIR = "province_chair", _("Chủ tịch UBND tỉnh")
    PROVINCIAL_STANDING = "provincial_standing", _("Ban Thường vụ Tỉnh ủy")
    BLOC_STANDING = "bloc_standing", _("Ban Thường vụ Đảng ủy Khối")
    BASE_COMMITTEE = "base_committee", _("Đảng ủy, chi bộ cơ sở")
    OTHER = "other", _("Cấp khác")


class AwardForm(models.TextChoices):
    """The form of the commendation (hình thức khen thưởng)."""

    MERIT = "bang_khen", _("Bằng khen")
    CERTIFICATE = "giay_khen", _("Giấy khen")
    EMULATION_SOLDIER = "chien_si_thi_dua", _("Chiến sĩ thi đua")
    EMULATION_FLAG = "co_thi_dua", _("Cờ thi đua")
    EXCELLENT_COLLECTIVE = "tap_the_xuat_sac", _("Tập thể lao động xuất sắc")
    PRAISE = "bieu_duong", _("Biểu dương")
    OTHER = "other", _("Hình thức khác")


class Theme(models.TextChoices):
    """The movement or theme rewarded."""

    HO_CHI_MINH = (
        "ct05",
        _("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh (Chỉ thị 05-CT/TW)"),
    )
    DAN_VAN = "dan_van_kheo", _("Dân vận khéo")
    EXCELLENT = "excellent", _("Hoàn thành xuất sắc nhiệm vụ")
    PARTY_BUILDING = "party_building", _("Công tác xây dựng Đảng")
    EPIDEMIC = "epidemic", _("Phòng, chống dịch Covid-19")
    OTHER = "other", _("Khác")


class RecipientKind(models.TextChoices):
    COLLECTIVE = "collective", _("Tập thể")
    INDIVIDUAL = "individual", _("Cá nhân")


class Commendation(Versioned):
    """One decision of commendation, with its recipients."""

    org = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("thuộc tổ chức đảng"),
        on_delete=models.PROTECT,
        related_name="commendations",
    )
    decided_on = models.DateField(_("ngày quyết định"), db_index=True)
    decision_number = models.CharField(_("số quyết định"), max_length=64)
    level = models.CharField(_("cấp khen thưởng"), max_length=24, choices=Level.choices)
    form = models.CharField(_("hình thức"), max_length=24, choices=AwardForm.choices)
    theme = models.CharField(_("phong trào, chủ đề"), max_length=24, choices=Theme.choices)
    theme_other = models.CharField(_("nội dung khen thưởng"), max_length=255, blank=True)
    year_from = models.PositiveSmallIntegerField(_("giai đoạn từ năm"), null=True, blank=True)
    year_to = models.PositiveSmallIntegerField(_("đến năm"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    # Folded decision number, theme text and recipients (dangbo.core.text.fold).
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-decided_on", "-pk"]
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        indexes = [models.Index(fields=["org", "decided_on"])]

    def __str__(self) -> str:
        return f"Quyết định khen thưởng {self.decision_number} ({format_date(self.decided_on)})"

    @property
    def theme_label(self) -> str:
        if self.theme == Theme.OTHER and self.theme_other:
            return self.theme_other
        label = str(self.get_theme_display())
        return f"{label}: {self.theme_other}" if self.theme_other else label

    @property
    def period_label(self) -> str:
        if self.year_from and self.year_to and self.year_from != self.year_to:
            return f"{self.year_from}–{self.year_to}"
        return str(self.year_to or self.year_from or "")


class CommendationRecipient(models.Model):
    """A collective (a Party organization or its host unit) or an individual (a member, or
    anyone named) commended by the decision."""

    commendation = models.ForeignKey(
        Commendation, on_delete=models.CASCADE, related_name="recipients"
    )
    kind = models.CharField(_("đối tượng"), max_length=12, choices=RecipientKind.choices)
    org = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("tổ chức đảng"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    host_unit_name = models.CharField(_("cơ quan, đơn vị"), max_length=255, blank=True)
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("đảng viên"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commendations",
    )
    name = models.CharField(_("họ và tên"), max_length=128, blank=True)
    position = models.CharField(_("chức vụ, đơn vị công tác"), max_length=255, blank=True)
    achievement = models.CharField(_("thành tích"), max_length=255, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["commendation", "order", "pk"]
        verbose_name = _("người, tập thể được khen")
        verbose_name_plural = _("người, tập thể được khen")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.kind == RecipientKind.COLLECTIVE:
            if self.host_unit_name:
                return self.host_unit_name
            return self.org.name if self.org_id and self.org else ""
        if self.member_id and self.member and not self.name:
            return self.member.person.full_name
        return self.name


class ProposalOutcome(models.TextChoices):
    PENDING = "pending", _("Chờ kết quả")
    APPROVED = "approved", _("Được khen thưởng")
    REJECTED = "rejected", _("Không được khen thưởng")


class CommendationProposal(models.Model):
    """A proposal to a higher level to commend collectives and individuals."""

    org = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("tổ chức đề nghị"),
        on_delete=models.PROTECT,
        related_name="commendation_proposals",
    )
    to_level = models.CharField(_("đề nghị cấp"), max_length=24, choices=Level.choices)
    form = models.CharField(_("hình thức đề nghị"), max_length=24, choices=AwardForm.choices)
    theme = models.CharField(_("phong trào, chủ đề"), max_length=24, choices=Theme.choices)
    document_number = models.CharField(_("số tờ trình"), max_length=64, blank=True)
    submitted_on = models.DateField(_("ngày trình"), db_index=True)
    collectives = models.PositiveIntegerField(_("số tập thể"), default=0)
    individuals = models.PositiveIntegerField(_("số cá nhân"), default=0)
    recipients_text = models.TextField(_("danh sách đề nghị"), blank=True)
    outcome = models.CharField(
        _("kết quả"), max_length=10, choices=ProposalOutcome.choices,
        default=ProposalOutcome.PENDING,
    )  # fmt: skip
    decided_on = models.DateField(_("ngày có kết quả"), null=True, blank=True)
    outcome_note = models.TextField(_("ghi chú kết quả"), blank=True)
    commendation = models.ForeignKey(
        Commendation,
        verbose_name=_("quyết định khen thưởng"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-submitted_on", "-pk"]
        verbose_name = _("đề nghị khen thưởng")
        verbose_name_plural = _("đề nghị khen thưởng")

    def __str__(self) -> str:
        return (
            f"Đề nghị {self.get_to_level_display()} khen thưởng ({format_date(self.submitted_on)})"
        )


class ModelField(models.TextChoices):
    ECONOMY = "economy", _("Kinh tế")
    CULTURE_SOCIETY = "culture_society", _("Văn hóa - xã hội")
    DEFENCE_SECURITY = "defence_security", _("Quốc phòng - an ninh")
    POLITICAL_SYSTEM = "political_system", _("Xây dựng hệ thống chính trị")


class ModelStatus(models.TextChoices):
    REGISTERED = "registered", _("Đã đăng ký")
    IMPLEMENTING = "implementing", _("Đang thực hiện")
    RECOGNIZED = "recognized", _("Đã được công nhận")
    STOPPED = "stopped", _("Dừng thực hiện")


class DanVanModel(Versioned):
    """A "Dân vận khéo" model registered by a unit."""

    unit = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("đơn vị đăng ký"),
        on_delete=models.PROTECT,
        related_name="danvan_models",
    )
    name = models.CharField(_("tên mô hình"), max_length=255)
    field = models.CharField(_("lĩnh vực"), max_length=20, choices=ModelField.choices)
    registered_year = models.PositiveSmallIntegerField(_("năm đăng ký"), db_index=True)
    status = models.CharField(
        _("tình trạng"), max_length=14, choices=ModelStatus.choices,
        default=ModelStatus.REGISTERED,
    )  # fmt: skip
    results = models.TextField(_("kết quả thực hiện"), blank=True)
    recognized_on = models.DateField(_("ngày công nhận"), null=True, blank=True)
    stopped_on = models.DateField(_("ngày dừng"), null=True, blank=True)
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-registered_year", "unit__path", "pk"]
        verbose_name = _("mô hình “Dân vận khéo”")
        verbose_name_plural = _("mô hình “Dân vận khéo”")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "registered_year", "name"], name="danvan_model_unique_name"
            )
        ]

    def __str__(self) -> str:
        return f"Mô hình “{self.name}” ({self.registered_year})"
