"""Đảng phí: what each member pays each month, on what basis, with which reliefs.

DuesBasis rows are a member's dated basis (from a month: social-insurance salary, wage,
pension, benefit, student, other fixed amount). DuesRelief rows are exemptions and
reductions decided for a stretch of months. DuesMonth is one row per member per month
the member was in a cell of the tree: the amount due (computed by the rule set of that
month from the basis then in force, see dues.rules), what was paid, when and how. The
row belongs to the cell the member was in that month; scope follows that cell's path.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangbo.core.text import format_number


class BasisKind(models.TextChoices):
    SALARY = "salary", _("Tiền lương, phụ cấp đóng BHXH (cơ quan, đoàn thể, LLVT)")
    WAGE = "wage", _("Tiền lương, tiền công (doanh nghiệp, đơn vị sự nghiệp)")
    BENEFIT = "benefit", _("Trợ cấp BHXH (ốm đau, thai sản)")
    PENSION = "pension", _("Lương hưu")
    STUDENT = "student", _("Học sinh, sinh viên")
    OTHER = "other", _("Đảng viên khác (mức cố định)")


class ReliefKind(models.TextChoices):
    SOCIAL_PENSION = "social_pension", _("Hưởng trợ cấp hưu trí xã hội")
    POOR_HOUSEHOLD = "poor_household", _("Hộ nghèo")
    NEAR_POOR_HOUSEHOLD = "near_poor_household", _("Hộ cận nghèo")
    SERIOUS_ILLNESS = "serious_illness", _("Ốm đau nặng, bệnh hiểm nghèo")
    HARDSHIP = "hardship", _("Hoàn cảnh khó khăn khác")


class Channel(models.TextChoices):
    CASH = "cash", _("Nộp trực tiếp cho chi bộ")
    PORTAL = "portal", _("Cổng Dịch vụ công Quốc gia")


class DuesBasis(models.Model):
    """The basis of a member's dues from `from_month` (first day) until the next row."""

    member = models.ForeignKey(
        "members.Member", on_delete=models.CASCADE, related_name="dues_bases"
    )
    from_month = models.DateField(_("từ tháng"))
    kind = models.CharField(_("căn cứ đóng"), max_length=16, choices=BasisKind.choices)
    # Salary, wage, benefit or pension in đồng; for a fixed-amount basis, the amount.
    amount = models.PositiveBigIntegerField(_("mức căn cứ (đồng)"), default=0)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["member", "from_month"]
        verbose_name = _("căn cứ đóng đảng phí")
        verbose_name_plural = _("căn cứ đóng đảng phí")
        constraints = [
            models.UniqueConstraint(fields=["member", "from_month"], name="dues_basis_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} từ {self.from_month:%m/%Y}"


class DuesRelief(models.Model):
    """An exemption (100%) or a reduction of a member's dues for [from_month, to_month]."""

    member = models.ForeignKey(
        "members.Member", on_delete=models.CASCADE, related_name="dues_reliefs"
    )
    kind = models.CharField(_("trường hợp"), max_length=24, choices=ReliefKind.choices)
    percent = models.PositiveSmallIntegerField(_("mức miễn, giảm (%)"))
    from_month = models.DateField(_("từ tháng"))
    to_month = models.DateField(_("đến tháng"), null=True, blank=True)
    reason = models.CharField(_("lý do"), max_length=255)
    decision_number = models.CharField(_("số quyết định"), max_length=64, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["member", "from_month"]
        verbose_name = _("miễn, giảm đảng phí")
        verbose_name_plural = _("miễn, giảm đảng phí")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.percent}% từ {self.from_month:%m/%Y}"


class DuesMonth(models.Model):
    """One member's dues of one month, in the cell the member was in that month."""

    member = models.ForeignKey("members.Member", on_delete=models.CASCADE, related_name="dues")
    month = models.DateField(_("tháng"))  # the first day of the month
    cell = models.ForeignKey(
        "orgs.Organization", verbose_name=_("chi bộ"), on_delete=models.PROTECT, related_name="+"
    )
    # How the amount due was computed (kept so the history reads as it was decided).
    rule = models.CharField(_("quy định áp dụng"), max_length=32)
    basis_kind = models.CharField(
        _("căn cứ đóng"), max_length=16, choices=BasisKind.choices, blank=True
    )
    base_amount = models.PositiveBigIntegerField(_("mức căn cứ (đồng)"), default=0)
    relief_percent = models.PositiveSmallIntegerField(_("miễn, giảm (%)"), default=0)
    relief_note = models.CharField(_("miễn, giảm"), max_length=255, blank=True)
    amount_due = models.PositiveIntegerField(_("phải đóng (đồng)"), default=0)
    amount_paid = models.PositiveIntegerField(_("đã đóng (đồng)"), default=0)
    paid_on = models.DateField(_("ngày đóng"), null=True, blank=True)
    channel = models.CharField(_("hình thức"), max_length=8, choices=Channel.choices, blank=True)
    collected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thu"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # A good reason for not paying: the month then does not count towards the
    # three unpaid months of Điều lệ Đảng, Điều 8.
    excused_reason = models.CharField(_("lý do chính đáng chưa đóng"), max_length=255, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        ordering = ["month", "member"]
        verbose_name = _("đảng phí tháng")
        verbose_name_plural = _("đảng phí tháng")
        constraints = [
            models.UniqueConstraint(fields=["member", "month"], name="dues_month_unique"),
        ]
        # Month first: every page and indicator reads a month or a range of months.
        indexes = [models.Index(fields=["month", "cell"])]

    def __str__(self) -> str:
        # No related lookup: record lists print thousands of these.
        return (
            f"Đảng phí tháng {self.month:%m/%Y} của đảng viên mã {self.member_id}: phải đóng "
            f"{format_number(self.amount_due)} đ, đã đóng {format_number(self.amount_paid)} đ"
        )

    @property
    def owed(self) -> int:
        return max(self.amount_due - self.amount_paid, 0)

    @property
    def is_paid(self) -> bool:
        return self.amount_paid >= self.amount_due
