"""Đoàn thể chính trị - xã hội: the trade union, the Youth Union and the veterans'
association of the bloc and of each host unit; their congresses and terms, member counts
over time, and activities with the money raised or given.

Rows are written by dangbo.massorgs.services only. A mass organization works under a Party
organization (`party_org`: the bloc or a base organization); scope follows its current path
(`party_org__path`), figures of a period the tree as it stood on each activity's day.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from dangbo.core.models import Versioned
from dangbo.core.text import format_date, format_number


class MassOrgKind(models.TextChoices):
    TRADE_UNION = "trade_union", _("Công đoàn")
    YOUTH_UNION = "youth_union", _("Đoàn Thanh niên Cộng sản Hồ Chí Minh")
    VETERANS = "veterans", _("Hội Cựu chiến binh")


class MassOrganization(Versioned):
    kind = models.CharField(_("loại đoàn thể"), max_length=12, choices=MassOrgKind.choices)
    party_org = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("tổ chức đảng lãnh đạo"),
        on_delete=models.PROTECT,
        related_name="mass_organizations",
    )
    name = models.CharField(_("tên"), max_length=255)
    host_unit_name = models.CharField(_("cơ quan, đơn vị"), max_length=255, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["party_org__path", "kind", "pk"]
        verbose_name = _("tổ chức đoàn thể")
        verbose_name_plural = _("tổ chức đoàn thể")
        constraints = [
            models.UniqueConstraint(fields=["kind", "party_org"], name="massorg_one_per_kind")
        ]

    def __str__(self) -> str:
        return self.name


class MassOrgTerm(models.Model):
    """A congress (đại hội) and the term it opened."""

    massorg = models.ForeignKey(MassOrganization, on_delete=models.CASCADE, related_name="terms")
    congress_on = models.DateField(_("ngày đại hội"))
    name = models.CharField(_("nhiệm kỳ"), max_length=16)
    start_year = models.PositiveSmallIntegerField(_("từ năm"))
    end_year = models.PositiveSmallIntegerField(_("đến năm"))
    chair_name = models.CharField(_("chủ tịch / bí thư"), max_length=128, blank=True)
    committee_size = models.PositiveSmallIntegerField(
        _("số ủy viên ban chấp hành"), null=True, blank=True
    )
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["massorg", "-congress_on"]
        verbose_name = _("nhiệm kỳ đoàn thể")
        verbose_name_plural = _("nhiệm kỳ đoàn thể")

    def __str__(self) -> str:
        return f"Nhiệm kỳ {self.name}"


class MassOrgMembership(models.Model):
    """How many members (đoàn viên, hội viên) on a date: counts, not persons."""

    massorg = models.ForeignKey(
        MassOrganization, on_delete=models.CASCADE, related_name="memberships"
    )
    as_of = models.DateField(_("tính đến ngày"))
    members = models.PositiveIntegerField(_("số đoàn viên, hội viên"))
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        ordering = ["massorg", "-as_of"]
        verbose_name = _("số đoàn viên, hội viên")
        verbose_name_plural = _("số đoàn viên, hội viên")
        constraints = [
            models.UniqueConstraint(fields=["massorg", "as_of"], name="massorg_count_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{format_number(self.members)} ({format_date(self.as_of)})"


class ActivityKind(models.TextChoices):
    CAMPAIGN = "campaign", _("Phong trào, cuộc vận động")
    SUPPORT = "support", _("Hỗ trợ, thăm hỏi")
    FUND_RAISING = "fund_raising", _("Ủng hộ quỹ")
    HOUSE_BUILDING = "house_building", _("Xây nhà tình nghĩa, mái ấm")
    BLOOD_DONATION = "blood_donation", _("Hiến máu tình nguyện")
    LOAN = "loan", _("Cho vay vốn")
    OTHER = "other", _("Hoạt động khác")


class Purpose(models.TextChoices):
    EPIDEMIC_FUND = "epidemic_fund", _("Quỹ phòng, chống dịch")
    HOUSES = "houses", _("Nhà tình nghĩa, mái ấm")
    MEMBER_SUPPORT = "member_support", _("Hỗ trợ đoàn viên, hội viên khó khăn")
    SOCIAL_SECURITY = "social_security", _("An sinh xã hội")
    CAMPAIGNS = "campaigns", _("Các chương trình, cuộc vận động các cấp phát động")
    LOANS = "loans", _("Vay vốn phát triển kinh tế")
    DISASTER = "disaster", _("Khắc phục thiên tai, bão lũ")
    VOLUNTEER = "volunteer", _("Tình nguyện, công trình thanh niên")
    OTHER = "other", _("Mục đích khác")
    NONE = "", _("Không có tiền")


class MassOrgActivity(Versioned):
    massorg = models.ForeignKey(
        MassOrganization, on_delete=models.PROTECT, related_name="activities"
    )
    date = models.DateField(_("ngày"), db_index=True)
    kind = models.CharField(_("loại hoạt động"), max_length=16, choices=ActivityKind.choices)
    title = models.CharField(_("nội dung"), max_length=255)
    purpose = models.CharField(
        _("mục đích sử dụng tiền"), max_length=16, choices=Purpose.choices, blank=True
    )
    amount_vnd = models.BigIntegerField(_("số tiền (đồng)"), default=0)
    houses = models.PositiveIntegerField(_("số nhà"), default=0)
    blood_units = models.PositiveIntegerField(_("đơn vị máu"), default=0)
    beneficiaries = models.PositiveIntegerField(_("số người được hỗ trợ"), default=0)
    notes = models.TextField(_("ghi chú"), blank=True)
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("hoạt động đoàn thể")
        verbose_name_plural = _("hoạt động đoàn thể")

    def __str__(self) -> str:
        return f"{self.title} ({format_date(self.date)})"
