"""Calls for reports and statistics forms from below, and what each organization submits.

A superior organization (the issuer) asks the organizations below it for a report or a
statistics form of a period, by a deadline (a Call, with one CallRecipient per organization
asked). Each recipient submits a frozen payload; submitting again makes a new version, and
the latest version counts. The kinds of payload belong to other apps (reports, statforms),
which register how to fill and show them (submissions.registry).

Rows are written by dangbo.submissions.services only. Scope: a call by its issuer's path, a
recipient row and a submission by the recipient's path, so a base organization sees the
calls addressed to it and the superior sees everything it asked for.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangbo.core.text import format_date


class CallKind(models.TextChoices):
    REPORT = "report", _("Báo cáo")
    STATFORM = "statform", _("Biểu thống kê")


class Call(models.Model):
    issuer = models.ForeignKey(
        "orgs.Organization", verbose_name=_("cấp yêu cầu"), on_delete=models.PROTECT,
        related_name="calls_issued",
    )  # fmt: skip
    kind = models.CharField(_("loại"), max_length=16, choices=CallKind.choices)
    # What is asked for, in the kind's own terms: a report template key, a form number.
    subject = models.CharField(_("mẫu"), max_length=64)
    title = models.CharField(_("tiêu đề"), max_length=255)
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    at = models.DateField(_("thời điểm số liệu"))
    deadline = models.DateField(_("hạn nộp"))
    note = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("yêu cầu báo cáo")
        verbose_name_plural = _("yêu cầu báo cáo")
        ordering = ["-deadline", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} (hạn {format_date(self.deadline)})"


class CallRecipient(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="recipients")
    org = models.ForeignKey(
        "orgs.Organization", verbose_name=_("tổ chức"), on_delete=models.PROTECT,
        related_name="calls_received",
    )  # fmt: skip

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["call", "org"], name="callrecipient_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.call.title} – {self.org}"


class Submission(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="submissions")
    org = models.ForeignKey(
        "orgs.Organization", verbose_name=_("tổ chức"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    version = models.PositiveIntegerField(_("lần nộp"))
    title = models.CharField(_("tiêu đề"), max_length=255)
    # Frozen: whatever the kind's app put in (figures, text, cells, definition version).
    payload = models.JSONField(_("nội dung"), default=dict)
    submitted_at = models.DateTimeField(_("thời điểm nộp"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("báo cáo đã nộp")
        verbose_name_plural = _("báo cáo đã nộp")
        ordering = ["call", "org", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "org", "version"], name="submission_unique_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} – {self.org} (lần {self.version})"
