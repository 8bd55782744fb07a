"""Huy hiệu Đảng: the badges awarded to members at 30, 40, 45, 50… years of Party age.

Rows are written by dangbo.badges.services only. An award belongs to the cell the member
was in on the presentation date (`cell`, for figures by the tree as it stood); who may see
it follows the member's current place (`member__org_path`, kept current when members or
organizations move; see apps.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Occasion(models.TextChoices):
    """HD 01-HD/TW (2021) mục 18 / HD 06-HD/TW (2025): 3/2, 19/5, 2/9, 7/11 or another."""

    FEB_3 = "02-03", _("Dịp 3/2 (ngày thành lập Đảng)")
    MAY_19 = "05-19", _("Dịp 19/5 (ngày sinh Chủ tịch Hồ Chí Minh)")
    SEP_2 = "09-02", _("Dịp 2/9 (Quốc khánh)")
    NOV_7 = "11-07", _("Dịp 7/11 (Cách mạng Tháng Mười Nga)")
    OTHER = "other", _("Dịp quan trọng khác")


class EarlyReason(models.TextChoices):
    NONE = "", _("Đủ tuổi đảng")
    SERIOUS_ILLNESS = "serious_illness", _("Đảng viên bị bệnh nặng (xét tặng sớm)")
    POSTHUMOUS = "posthumous", _("Truy tặng đảng viên đã từ trần")


class AwardStatus(models.TextChoices):
    AWARDED = "awarded", _("Đã trao")
    RETURNED = "returned", _("Đã thu hồi (ra khỏi Đảng)")
    REISSUED = "reissued", _("Đã cấp lại")


class BadgeAward(models.Model):
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("đảng viên"),
        on_delete=models.PROTECT,
        related_name="badge_awards",
    )
    years = models.PositiveSmallIntegerField(_("huy hiệu (năm tuổi đảng)"))
    decision_number = models.CharField(_("số quyết định"), max_length=64)
    decision_date = models.DateField(_("ngày quyết định"))
    presented_on = models.DateField(_("ngày trao"), db_index=True)
    occasion = models.CharField(_("dịp trao"), max_length=8, choices=Occasion.choices)
    early_reason = models.CharField(
        _("trường hợp"), max_length=16, choices=EarlyReason.choices, blank=True
    )
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=AwardStatus.choices, default=AwardStatus.AWARDED
    )
    # The cell the member was in on the presentation date (the last one, posthumously).
    cell = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("chi bộ khi trao"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    returned_on = models.DateField(_("ngày thu hồi"), null=True, blank=True)
    reissued_on = models.DateField(_("ngày cấp lại"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-presented_on", "pk"]
        verbose_name = _("huy hiệu Đảng")
        verbose_name_plural = _("huy hiệu Đảng")
        constraints = [
            models.UniqueConstraint(fields=["member", "years"], name="badge_once_per_level")
        ]
        indexes = [models.Index(fields=["cell", "presented_on"])]

    def __str__(self) -> str:
        return f"Huy hiệu {self.years} năm tuổi đảng ({self.presented_on:%d/%m/%Y})"
