"""Kỷ luật đảng: one case per member or Party organization disciplined.

Rows are written by dangbo.discipline.services only. A case is placed in the tree by its
subject: `subject_path` is a copy of the member's current `org_path` or of the organization's
path (registered with scope, so organization moves rewrite it in one UPDATE like
`Member.org_path`; a member's own transfer is followed by a post_save hook on Member, see
apps.py). One copied column rather than two lookups because scope.register takes one lookup
and a prefix match on one indexed column is what every list and figure filters by.

Two kinds of case: a Party decision (`DECISION`, checked for authority and limitation, with
its consequences) and an external decision recorded as information (`INFORMATION`: a state
body, mass organization or another channel disciplined the member; 296-QĐ/TW asks for a
notice to the Party organization within 5 days).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangbo.core.fields import PathField
from dangbo.orgs.models import BodyKind  # noqa: F401  (one list of bodies for both apps)


class CaseKind(models.TextChoices):
    DECISION = "decision", _("Kỷ luật đảng")
    INFORMATION = "information", _("Thông tin kỷ luật từ cơ quan khác")


class SubjectKind(models.TextChoices):
    MEMBER = "member", _("Đảng viên")
    ORGANIZATION = "organization", _("Tổ chức đảng")


class Form(models.TextChoices):
    """Forms of discipline (Điều lệ Đảng Điều 35; 69-QĐ/TW Điều 7)."""

    REPRIMAND = "reprimand", _("Khiển trách")
    WARNING = "warning", _("Cảnh cáo")
    DISMISSAL = "dismissal", _("Cách chức")
    EXPULSION = "expulsion", _("Khai trừ")
    STRUCK_OFF = "struck_off", _("Xóa tên (đảng viên dự bị)")
    DISSOLUTION = "dissolution", _("Giải tán")


class CaseStatus(models.TextChoices):
    IN_FORCE = "in_force", _("Có hiệu lực")
    ANNULLED = "annulled", _("Đã hủy sau khiếu nại")


class ComplaintOutcome(models.TextChoices):
    NONE = "", _("Không có / chưa giải quyết")
    PENDING = "pending", _("Đang giải quyết")
    UPHELD = "upheld", _("Giữ nguyên quyết định")
    CHANGED = "changed", _("Thay đổi hình thức kỷ luật")
    ANNULLED = "annulled", _("Hủy quyết định kỷ luật")


class DisciplineCase(models.Model):
    kind = models.CharField(
        _("loại"), max_length=12, choices=CaseKind.choices, default=CaseKind.DECISION
    )
    subject_kind = models.CharField(_("đối tượng"), max_length=12, choices=SubjectKind.choices)
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("đảng viên"),
        on_delete=models.PROTECT,
        related_name="discipline_cases",
        null=True,
        blank=True,
    )
    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("tổ chức đảng bị kỷ luật"),
        on_delete=models.PROTECT,
        related_name="discipline_cases",
        null=True,
        blank=True,
    )
    # Where the subject was on the decision date: the member's cell then, or the
    # organization itself. Figures of a period count by it, as the tree stood that day.
    subject_org = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("đơn vị của đối tượng khi quyết định"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The subject's current path, copied for scope (see the module docstring).
    subject_path = PathField(max_length=255, db_index=True)
    subject_name = models.CharField(_("tên đối tượng"), max_length=255)
    # fold(subject name + decision number), for the search that ignores diacritics.
    search_text = models.CharField(max_length=400, db_index=True, default="")
    # The member's status on the decision day (full / probationary), as checked.
    member_status = models.CharField(_("tình trạng đảng viên"), max_length=16, blank=True)

    violation = models.TextField(_("nội dung vi phạm"))
    violation_on = models.DateField(_("ngày vi phạm"))
    found_on = models.DateField(_("ngày phát hiện / kết luận"))
    later_violation_on = models.DateField(_("ngày có vi phạm mới"), null=True, blank=True)

    body_org = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("tổ chức của cơ quan quyết định"),
        on_delete=models.PROTECT,
        related_name="discipline_decisions",
        null=True,
        blank=True,
    )
    body_kind = models.CharField(
        _("cơ quan quyết định"), max_length=12, choices=BodyKind.choices, blank=True
    )
    form = models.CharField(_("hình thức kỷ luật"), max_length=12, choices=Form.choices, blank=True)
    # The cell's vote (expulsion: at least 2/3 of its full members, Điều lệ Đảng Điều 36).
    vote_on = models.DateField(_("ngày chi bộ biểu quyết"), null=True, blank=True)
    votes_for = models.PositiveIntegerField(_("số phiếu tán thành"), null=True, blank=True)
    full_members = models.PositiveIntegerField(
        _("số đảng viên chính thức của chi bộ"), null=True, blank=True
    )
    decision_number = models.CharField(_("số quyết định"), max_length=64)
    decision_date = models.DateField(_("ngày quyết định"), db_index=True)

    # Information from another channel (state body, mass organization, …).
    external_body = models.CharField(_("cơ quan ra quyết định"), max_length=255, blank=True)
    external_form = models.CharField(_("hình thức kỷ luật của cơ quan khác"), max_length=128,
                                     blank=True)  # fmt: skip
    notified_on = models.DateField(_("ngày tổ chức đảng được thông báo"), null=True, blank=True)
    notice_deadline = models.DateField(_("hạn thông báo"), null=True, blank=True)
    notice_late = models.BooleanField(_("thông báo chậm"), default=False)

    # A complaint against the decision (Điều lệ Đảng Điều 39) and its outcome.
    complaint_received_on = models.DateField(_("ngày nhận khiếu nại"), null=True, blank=True)
    complaint_outcome = models.CharField(
        _("kết quả giải quyết khiếu nại"),
        max_length=12,
        choices=ComplaintOutcome.choices,
        blank=True,
    )
    complaint_decided_on = models.DateField(_("ngày giải quyết khiếu nại"), null=True, blank=True)
    complaint_body = models.CharField(_("cơ quan giải quyết khiếu nại"), max_length=255, blank=True)
    changed_form = models.CharField(
        _("hình thức sau khiếu nại"), max_length=12, choices=Form.choices, blank=True
    )
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.IN_FORCE
    )

    # Consequences applied in the decision's transaction.
    membership_event = models.ForeignKey(
        "members.MembershipEvent",
        verbose_name=_("sự kiện đảng tịch"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    seats_ended = models.PositiveSmallIntegerField(_("số chức vụ cấp ủy chấm dứt"), default=0)
    consequences = models.TextField(_("hệ quả đã áp dụng"), blank=True)

    note = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-decision_date", "-pk"]
        verbose_name = _("hồ sơ kỷ luật")
        verbose_name_plural = _("hồ sơ kỷ luật")
        indexes = [
            models.Index(fields=["member", "decision_date"]),
            models.Index(fields=["organization", "decision_date"]),
            models.Index(fields=["kind", "status", "decision_date"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_form_display()} {self.subject_name} ({self.decision_number})"

    @property
    def effective_form(self) -> str:
        """The form in force: changed after a complaint, or as decided."""
        return self.changed_form or self.form

    @property
    def counts(self) -> bool:
        """A Party decision still in force (annulled ones and information do not count)."""
        return self.kind == CaseKind.DECISION and self.status == CaseStatus.IN_FORCE
