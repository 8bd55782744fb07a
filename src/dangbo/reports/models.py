"""A periodic report: its period and scope, the figures it was written from, and its text.

`figures` holds every figure the text uses ({key: {label, unit, value, text, url}}) and `body`
every paragraph ({paragraph key: {generated, edited, edited_by, edited_at}}). A draft is
regenerated from the indicators; a frozen report is never recomputed, so it reads the same
forever. Rows are written by dangbo.reports.services only.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangbo.core.secrecy import secrecy_field
from dangbo.core.text import format_date


class ReportKind(models.TextChoices):
    HALF_YEAR = "half_year", _("Báo cáo 6 tháng")
    NINE_MONTHS = "nine_months", _("Báo cáo 9 tháng")
    YEAR = "year", _("Báo cáo năm")
    TERM = "term", _("Báo cáo nhiệm kỳ")
    OTHER = "other", _("Báo cáo khác")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    FROZEN = "frozen", _("Đã chốt")


class Template(models.TextChoices):
    FULL = "full", _("Mẫu đầy đủ (cấp ủy cấp trên cơ sở)")
    BASE = "base", _("Mẫu tổ chức cơ sở đảng")


class Report(models.Model):
    org = models.ForeignKey(
        "orgs.Organization", verbose_name=_("tổ chức đảng"), on_delete=models.PROTECT,
        related_name="reports",
    )  # fmt: skip
    kind = models.CharField(_("loại báo cáo"), max_length=16, choices=ReportKind.choices)
    template = models.CharField(
        _("mẫu"), max_length=8, choices=Template.choices, default=Template.FULL
    )
    title = models.CharField(_("tiêu đề"), max_length=255)
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    dated = models.DateField(_("ngày báo cáo"))
    secrecy = secrecy_field()
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    previous = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="next_versions"
    )
    figures = models.JSONField(default=dict, blank=True)
    body = models.JSONField(default=dict, blank=True)
    generated_at = models.DateTimeField(_("lập lúc"), null=True, blank=True)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    frozen_at = models.DateTimeField(_("chốt lúc"), null=True, blank=True)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    # Filed as a Party document (programmes.Document): its code as issued, "12-BC/ĐUK".
    document = models.ForeignKey(
        "programmes.Document", verbose_name=_("văn bản"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="reports",
    )  # fmt: skip
    document_code = models.CharField(_("số, ký hiệu"), max_length=64, blank=True)
    # A report asked for by a superior (submissions.Call), and what was submitted.
    call = models.ForeignKey(
        "submissions.Call", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="reports",
    )  # fmt: skip
    submission = models.ForeignKey(
        "submissions.Submission", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip

    class Meta:
        ordering = ["-period_end", "-pk"]
        verbose_name = _("báo cáo")
        verbose_name_plural = _("báo cáo")

    def __str__(self) -> str:
        return f"{self.title} ({format_date(self.period_start)} – {format_date(self.period_end)})"

    @property
    def is_frozen(self) -> bool:
        return self.status == ReportStatus.FROZEN

    def paragraph_text(self, key: str) -> str:
        entry: dict[str, Any] = self.body.get(key) or {}
        edited = entry.get("edited")
        return str(edited if edited is not None else entry.get("generated") or "")
