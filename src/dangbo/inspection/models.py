"""Kiểm tra, giám sát, đơn thư: inspection and supervision plans with their items, and the
complaints and denunciations received.

Rows are written by dangbo.inspection.services only.

- A plan belongs to an inspecting body: (organization, body kind). Its items are placed in
  the tree by that organization (`plan__org__path`).
- A letter (`Complaint`) is placed by the organization of the body competent to settle it
  (`settling_org__path`). Its sender's name, address and contact are shown only to users
  with Action.VIEW_COMPLAINANT on that path; the folded search column `search` never holds
  them (the sender has its own `sender_search`, read only for those users).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangbo.core.models import Versioned
from dangbo.orgs.models import BodyKind  # noqa: F401  (one list of bodies for both apps)


class ItemKind(models.TextChoices):
    REGULAR_SUPERVISION = "regular_supervision", _("Giám sát thường xuyên")
    THEMATIC_SUPERVISION = "thematic_supervision", _("Giám sát chuyên đề")
    INSPECTION = "inspection", _("Kiểm tra")
    SIGNS_OF_VIOLATION = "signs_of_violation", _("Kiểm tra khi có dấu hiệu vi phạm")
    DISCIPLINE_ENFORCEMENT = "discipline_enforcement", _("Kiểm tra việc thi hành kỷ luật")
    FINANCE = "finance", _("Kiểm tra tài chính đảng, thu nộp đảng phí")


class ItemStatus(models.TextChoices):
    PLANNED = "planned", _("Chưa tiến hành")
    IN_PROGRESS = "in_progress", _("Đang tiến hành")
    DONE = "done", _("Đã hoàn thành")
    CANCELLED = "cancelled", _("Không tiến hành (hủy)")


class InspectionPlan(Versioned):
    """The yearly programme of one inspecting body (chương trình, kế hoạch kiểm tra, giám
    sát năm)."""

    org = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("tổ chức đảng"),
        on_delete=models.PROTECT,
        related_name="inspection_plans",
    )
    body = models.CharField(_("chủ thể kiểm tra"), max_length=12, choices=BodyKind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên kế hoạch"), max_length=300)
    decision_number = models.CharField(_("số văn bản"), max_length=64, blank=True)
    decision_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    # fold(title, number, organization name): the list's search without diacritics.
    search = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-year", "org__path", "body"]
        verbose_name = _("kế hoạch kiểm tra, giám sát")
        verbose_name_plural = _("kế hoạch kiểm tra, giám sát")
        constraints = [
            models.UniqueConstraint(fields=["org", "body", "year"], name="inspection_plan_once")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class InspectionItem(Versioned):
    """One inspection or supervision (một cuộc kiểm tra, giám sát) of a plan."""

    plan = models.ForeignKey(
        InspectionPlan, verbose_name=_("kế hoạch"), on_delete=models.PROTECT, related_name="items"
    )
    kind = models.CharField(_("loại"), max_length=24, choices=ItemKind.choices)
    subject_org = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("tổ chức đảng được kiểm tra, giám sát"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspection_items",
    )
    subject_member = models.ForeignKey(
        "members.Member",
        verbose_name=_("đảng viên được kiểm tra, giám sát"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspection_items",
    )
    content = models.CharField(_("nội dung"), max_length=500)
    planned_quarter = models.PositiveSmallIntegerField(_("quý dự kiến"), null=True, blank=True)
    unplanned = models.BooleanField(_("ngoài kế hoạch"), default=False)
    # The day an unplanned item was decided (quyết định kiểm tra).
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    # First day of the planned quarter, or the day an unplanned item was decided: the day
    # the item counts on (figures by the tree as it stood that day).
    ref_date = models.DateField(editable=False, db_index=True)
    team = models.CharField(_("đoàn, tổ kiểm tra, giám sát"), max_length=500, blank=True)
    team_members = models.ManyToManyField(
        "members.Member", verbose_name=_("thành viên đoàn"), blank=True, related_name="+"
    )
    status = models.CharField(
        _("tình trạng"), max_length=12, choices=ItemStatus.choices, default=ItemStatus.PLANNED
    )
    started_on = models.DateField(_("ngày bắt đầu"), null=True, blank=True)
    ended_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    conclusion = models.TextField(_("kết luận"), blank=True)
    conclusion_number = models.CharField(_("số thông báo kết luận"), max_length=64, blank=True)
    violations_found = models.BooleanField(_("có vi phạm"), default=False)
    violations_count = models.PositiveSmallIntegerField(_("số vi phạm"), default=0)
    violations = models.TextField(_("vi phạm phát hiện"), blank=True)
    cancel_reason = models.CharField(_("lý do không tiến hành"), max_length=300, blank=True)
    search = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["ref_date", "pk"]
        verbose_name = _("cuộc kiểm tra, giám sát")
        verbose_name_plural = _("cuộc kiểm tra, giám sát")
        indexes = [models.Index(fields=["plan", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(planned_quarter__isnull=True)
                | models.Q(planned_quarter__gte=1, planned_quarter__lte=4),
                name="inspection_item_quarter",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subject_label}"

    @property
    def subject_label(self) -> str:
        if self.subject_member_id:
            return f"Đảng viên {self.subject_member}"
        return self.subject_org.name if self.subject_org is not None else ""

    @property
    def quarter_end(self) -> dt.date | None:
        if self.planned_quarter is None:
            return None
        from dangbo.inspection.rules import quarter_bounds

        return quarter_bounds(self.plan.year, self.planned_quarter)[1]

    @property
    def on_time(self) -> bool:
        end = self.quarter_end
        return bool(
            self.status == ItemStatus.DONE and self.ended_on and end and self.ended_on <= end
        )


class LetterKind(models.TextChoices):
    DISCIPLINE_COMPLAINT = "discipline_complaint", _("Khiếu nại quyết định kỷ luật")
    DENOUNCE_MEMBER = "denounce_member", _("Tố cáo đảng viên")
    DENOUNCE_ORG = "denounce_org", _("Tố cáo tổ chức đảng")
    OTHER = "other", _("Đơn khác (phản ánh, kiến nghị)")


DENUNCIATION_KINDS = (LetterKind.DENOUNCE_MEMBER, LetterKind.DENOUNCE_ORG)


class LetterStatus(models.TextChoices):
    OPEN = "open", _("Đang giải quyết")
    SETTLED = "settled", _("Đã giải quyết")
    CLOSED = "closed", _("Lưu đơn, không giải quyết")


class CloseReason(models.TextChoices):
    ANONYMOUS = "anonymous", _("Đơn giấu tên, mạo tên, không rõ địa chỉ")
    OUT_OF_SCOPE = "out_of_scope", _("Không thuộc thẩm quyền (chuyển, hướng dẫn nơi có thẩm quyền)")
    OUT_OF_TIME = "out_of_time", _("Quá thời hạn khiếu nại (Điều lệ Đảng, Điều 39)")
    REPEATED = "repeated", _("Đã được giải quyết, không có tình tiết mới")
    WITHDRAWN = "withdrawn", _("Người gửi rút đơn")


class Outcome(models.TextChoices):
    # Complaints about a discipline decision (22-QĐ/TW Điều 22; 296-QĐ/TW).
    UPHELD = "upheld", _("Giữ nguyên hình thức kỷ luật")
    CHANGED = "changed", _("Thay đổi hình thức kỷ luật")
    ANNULLED = "annulled", _("Xóa kỷ luật (hủy quyết định kỷ luật)")
    # Denunciations.
    TRUE = "true", _("Tố cáo đúng")
    PARTLY_TRUE = "partly_true", _("Tố cáo đúng một phần")
    FALSE = "false", _("Tố cáo sai")
    # Other letters.
    ANSWERED = "answered", _("Đã xem xét, trả lời")


DISCIPLINE_OUTCOMES = (Outcome.UPHELD, Outcome.CHANGED, Outcome.ANNULLED)
DENUNCIATION_OUTCOMES = (Outcome.TRUE, Outcome.PARTLY_TRUE, Outcome.FALSE)


class Complaint(models.Model):
    """A letter received (đơn thư): a complaint about a discipline decision, a
    denunciation of a member or an organization, or another letter."""

    number = models.CharField(_("số vào sổ"), max_length=32)
    received_on = models.DateField(_("ngày nhận"), db_index=True)
    kind = models.CharField(_("loại đơn"), max_length=24, choices=LetterKind.choices)
    settling_org = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("tổ chức có thẩm quyền giải quyết"),
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    settling_body = models.CharField(
        _("cơ quan giải quyết"), max_length=12, choices=BodyKind.choices
    )
    anonymous = models.BooleanField(_("đơn giấu tên, mạo tên, không rõ địa chỉ"), default=False)
    # Protected (Action.VIEW_COMPLAINANT): never in a page, export, search or audit text
    # for anyone else.
    sender_name = models.CharField(_("người gửi"), max_length=200, blank=True)
    sender_address = models.CharField(_("địa chỉ người gửi"), max_length=300, blank=True)
    sender_contact = models.CharField(_("liên hệ người gửi"), max_length=200, blank=True)
    sender_search = models.TextField(editable=False, default="")
    subject = models.CharField(_("trích yếu nội dung"), max_length=500)
    accused_org = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("tổ chức đảng bị khiếu nại, tố cáo"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    accused_member = models.ForeignKey(
        "members.Member",
        verbose_name=_("đảng viên bị khiếu nại, tố cáo"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints_about",
    )
    # A complaint about a discipline decision: the day the complainant received it.
    decision_received_on = models.DateField(
        _("ngày nhận quyết định kỷ luật"), null=True, blank=True
    )
    # The discipline decision complained about (the discipline app reads case.complaints).
    discipline_case = models.ForeignKey(
        "discipline.DisciplineCase",
        verbose_name=_("quyết định kỷ luật bị khiếu nại"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
    )
    deadline = models.DateField(_("hạn giải quyết"), null=True, blank=True, db_index=True)
    extended_to = models.DateField(_("gia hạn đến"), null=True, blank=True)
    rule_name = models.CharField(_("căn cứ"), max_length=120, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=LetterStatus.choices, default=LetterStatus.OPEN
    )
    outcome = models.CharField(_("kết quả"), max_length=12, choices=Outcome.choices, blank=True)
    result = models.TextField(_("nội dung kết quả giải quyết"), blank=True)
    settled_on = models.DateField(_("ngày giải quyết"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định, thông báo"), max_length=64, blank=True)
    decision_date = models.DateField(_("ngày quyết định, thông báo"), null=True, blank=True)
    close_reason = models.CharField(
        _("lý do lưu đơn"), max_length=14, choices=CloseReason.choices, blank=True
    )
    closed_on = models.DateField(_("ngày lưu đơn"), null=True, blank=True)
    close_note = models.TextField(_("ghi chú lưu đơn"), blank=True)
    # fold(number, subject): never the sender.
    search = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("đơn thư khiếu nại, tố cáo")
        verbose_name_plural = _("đơn thư khiếu nại, tố cáo")
        indexes = [models.Index(fields=["settling_org", "received_on"])]

    def __str__(self) -> str:
        return f"Đơn số {self.number} ({self.get_kind_display().lower()})"

    @property
    def is_denunciation(self) -> bool:
        return self.kind in DENUNCIATION_KINDS

    @property
    def due(self) -> dt.date | None:
        """The deadline in force: the extension if granted."""
        return self.extended_to or self.deadline

    def is_overdue(self, on: dt.date) -> bool:
        """Not settled by its deadline as of `on` (open past it, or settled after it)."""
        from dangbo.inspection.rules import is_overdue

        return is_overdue(due=self.due, status=self.status, settled_on=self.settled_on, on=on)
