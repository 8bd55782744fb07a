"""Party documents, action programmes and their targets, the year's work programme, and
the host units' yearly figures.

Rows are written by dangbo.programmes.services only. Every row belongs to an organization
(`org`: the committee that issued or received a document, whose programme or target it
is, whose host unit the figures describe); scope follows that organization's current path
(apps.py); figures of a period follow the tree as it stood on the row's own date.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangbo.core.models import Versioned
from dangbo.core.secrecy import secrecy_field
from dangbo.core.text import format_date


class Direction(models.TextChoices):
    ISSUED = "issued", _("Văn bản đi (ban hành)")
    RECEIVED = "received", _("Văn bản đến")


class DocType(models.TextChoices):
    """Types of Party documents (399-QĐ/TW; codes as written, HD 36-HD/VPTW). The value is
    the abbreviation written in the code, except REGULATION: "QĐ" is written for both
    quyết định and quy định (69-QĐ/TW is a quy định), so it keeps a value of its own and
    `code_abbr()` gives "QĐ"."""

    RESOLUTION = "NQ", _("Nghị quyết")
    DIRECTIVE = "CT", _("Chỉ thị")
    CONCLUSION = "KL", _("Kết luận")
    DECISION = "QĐ", _("Quyết định")
    REGULATION = "QĐi", _("Quy định")
    RULES = "QC", _("Quy chế")
    GUIDANCE = "HD", _("Hướng dẫn")
    PROGRAMME = "CTr", _("Chương trình")
    PLAN = "KH", _("Kế hoạch")
    REPORT = "BC", _("Báo cáo")
    NOTICE = "TB", _("Thông báo")
    OFFICIAL_LETTER = "CV", _("Công văn")
    SUBMISSION = "TTr", _("Tờ trình")
    MINUTES = "BB", _("Biên bản")
    PROJECT = "ĐA", _("Đề án")
    INVITATION = "GM", _("Giấy mời")
    CIRCULAR = "TT", _("Thông tri")


def code_abbr(doc_type: str) -> str:
    """The abbreviation written in the code of a document of this type."""
    return "QĐ" if doc_type == DocType.REGULATION else str(doc_type)


class Document(Versioned):
    org = models.ForeignKey(
        "orgs.Organization", verbose_name=_("cấp ủy ban hành, tiếp nhận"),
        on_delete=models.PROTECT, related_name="documents",
    )  # fmt: skip
    direction = models.CharField(
        _("loại sổ"), max_length=10, choices=Direction.choices, default=Direction.ISSUED
    )
    issuer_name = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    doc_type = models.CharField(_("loại văn bản"), max_length=4, choices=DocType.choices)
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    code = models.CharField(_("số, ký hiệu"), max_length=64, blank=True, db_index=True)
    issued_on = models.DateField(_("ngày ban hành"), db_index=True)
    subject = models.TextField(_("trích yếu"))
    file = models.FileField(_("tệp văn bản"), upload_to="documents/%Y/", blank=True)
    secrecy = secrecy_field()
    is_public = models.BooleanField(_("được đăng lên cổng thông tin"), default=False)
    term = models.ForeignKey(
        "orgs.Term", verbose_name=_("nhiệm kỳ"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="+",
    )  # fmt: skip
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        indexes = [models.Index(fields=["org", "doc_type", "issued_on"])]
        constraints = [
            # HD 36-HD/VPTW: one sequence per type of document per committee term.
            models.UniqueConstraint(
                fields=["org", "term", "doc_type", "number"],
                condition=models.Q(direction="issued", term__isnull=False),
                name="programmes_document_number_per_term",
            )
        ]

    def __str__(self) -> str:
        label = self.get_doc_type_display()
        code = f" số {self.code}" if self.code else ""
        return f"{label}{code}, ngày {format_date(self.issued_on)}"

    @property
    def title(self) -> str:
        return f"{self}: {self.subject}"


class LinkKind(models.TextChoices):
    IMPLEMENTS = "implements", _("thực hiện")
    REPLACES = "replaces", _("thay thế")
    AMENDS = "amends", _("sửa đổi, bổ sung")


# How a link reads from its target's side.
LINK_REVERSE = {
    LinkKind.IMPLEMENTS: "được thực hiện bởi",
    LinkKind.REPLACES: "bị thay thế bởi",
    LinkKind.AMENDS: "được sửa đổi, bổ sung bởi",
}


class DocumentLink(models.Model):
    source = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="links_out")
    target = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="links_in")
    kind = models.CharField(_("quan hệ"), max_length=12, choices=LinkKind.choices)

    class Meta:
        verbose_name = _("liên kết văn bản")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "kind"], name="programmes_link_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.get_kind_display()} {self.target}"


class IssuerProfile(models.Model):
    """How an organization is written in the header of its documents, where the tree's
    names are not enough (all fields optional; blank = derived from the tree)."""

    org = models.OneToOneField(
        "orgs.Organization", on_delete=models.CASCADE, related_name="issuer_profile"
    )
    abbreviation = models.CharField(_("ký hiệu cơ quan"), max_length=16, blank=True)
    place = models.CharField(_("địa danh"), max_length=64, blank=True)
    superior_line = models.CharField(_("dòng cơ quan cấp trên"), max_length=255, blank=True)
    body_line = models.CharField(_("dòng cơ quan ban hành"), max_length=255, blank=True)
    signature_title = models.CharField(_("thẩm quyền ký"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("thể thức cơ quan ban hành")

    def __str__(self) -> str:
        return f"Thể thức văn bản của {self.org}"


class Programme(Versioned):
    """An action programme (chương trình hành động) implementing one or more documents."""

    org = models.ForeignKey(
        "orgs.Organization", verbose_name=_("cấp ủy"), on_delete=models.PROTECT,
        related_name="programmes",
    )  # fmt: skip
    title = models.CharField(_("tên chương trình"), max_length=500)
    issued_on = models.DateField(_("ngày ban hành"))
    issued_as = models.ForeignKey(
        Document, verbose_name=_("văn bản ban hành chương trình"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    documents = models.ManyToManyField(
        Document, verbose_name=_("thực hiện văn bản"), blank=True, related_name="programmes"
    )
    term = models.ForeignKey(
        "orgs.Term", verbose_name=_("nhiệm kỳ"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="+",
    )  # fmt: skip
    year_from = models.PositiveSmallIntegerField(_("từ năm"))
    year_to = models.PositiveSmallIntegerField(_("đến năm"))
    secrecy = secrecy_field()
    search_text = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("chương trình hành động")
        verbose_name_plural = _("chương trình hành động")

    def __str__(self) -> str:
        return self.title


class Comparison(models.TextChoices):
    AT_LEAST = "at_least", _("ít nhất")
    AT_MOST = "at_most", _("không quá")
    EXACTLY = "exactly", _("đúng bằng")
    SHARE = "share", _("tỉ lệ (%) ít nhất")


class PeriodKind(models.TextChoices):
    YEAR = "year", _("Năm")
    TERM = "term", _("Nhiệm kỳ")
    QUARTER = "quarter", _("Quý")
    CUSTOM = "custom", _("Kỳ khác")


class Target(Versioned):
    """A target (chỉ tiêu): an indicator compared with a value over a period and a scope.
    No indicator key = measured by hand (TargetManualValue)."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("chương trình hành động"), on_delete=models.CASCADE,
        null=True, blank=True, related_name="targets",
    )  # fmt: skip
    org = models.ForeignKey(
        "orgs.Organization", verbose_name=_("phạm vi (tổ chức đảng)"),
        on_delete=models.PROTECT, related_name="targets",
    )  # fmt: skip
    label = models.CharField(_("chỉ tiêu"), max_length=500)
    indicator_key = models.CharField(_("chỉ số đo"), max_length=64, blank=True)
    denominator_key = models.CharField(_("chỉ số mẫu số (tỉ lệ)"), max_length=64, blank=True)
    comparison = models.CharField(_("so sánh"), max_length=10, choices=Comparison.choices)
    value = models.DecimalField(_("giá trị chỉ tiêu"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("đơn vị tính"), max_length=32, blank=True)
    period_kind = models.CharField(_("loại kỳ"), max_length=8, choices=PeriodKind.choices)
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))

    class Meta:
        ordering = ["period_start", "pk"]
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        indexes = [models.Index(fields=["org", "period_start", "period_end"])]

    def __str__(self) -> str:
        return self.label

    @property
    def is_manual(self) -> bool:
        return not self.indicator_key


class TargetManualValue(models.Model):
    """A value entered by hand for a target no record can measure, with who and when."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="manual_values")
    at = models.DateField(_("tính đến ngày"))
    value = models.DecimalField(_("kết quả"), max_digits=14, decimal_places=2)
    note = models.TextField(_("căn cứ, ghi chú"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("kết quả nhập tay")

    def __str__(self) -> str:
        return f"{self.target}: {self.value} ({format_date(self.at)})"


class WorkProgramme(models.Model):
    """The committee's work programme of a year (chương trình công tác năm)."""

    org = models.ForeignKey(
        "orgs.Organization", verbose_name=_("cấp ủy"), on_delete=models.PROTECT,
        related_name="work_programmes",
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên chương trình công tác"), max_length=500)

    class Meta:
        ordering = ["-year", "pk"]
        verbose_name = _("chương trình công tác năm")

    def __str__(self) -> str:
        return self.title


class ItemStatus(models.TextChoices):
    PLANNED = "planned", _("Chưa triển khai")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Hoàn thành")
    POSTPONED = "postponed", _("Lùi thời hạn")
    CANCELLED = "cancelled", _("Không thực hiện")


class WorkItem(Versioned):
    """A work item (đầu công việc) of a work programme."""

    programme = models.ForeignKey(WorkProgramme, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    title = models.CharField(_("nội dung công việc"), max_length=500)
    owner = models.CharField(_("chủ trì"), max_length=255, blank=True)
    owner_org = models.ForeignKey(
        "orgs.Organization", verbose_name=_("đơn vị chủ trì"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    due_on = models.DateField(_("thời hạn"))
    status = models.CharField(
        _("tình trạng"), max_length=12, choices=ItemStatus.choices, default=ItemStatus.PLANNED
    )
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["order", "due_on", "pk"]
        verbose_name = _("đầu công việc")

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, on: object) -> bool:
        open_ = self.status in (ItemStatus.PLANNED, ItemStatus.IN_PROGRESS)
        return open_ and self.due_on < on  # type: ignore[operator]


class UnitFigures(Versioned):
    """The yearly (or nine-month, estimated) figures of a base organization's host unit.
    Money in triệu đồng."""

    org = models.ForeignKey(
        "orgs.Organization", verbose_name=_("tổ chức cơ sở đảng"), on_delete=models.PROTECT,
        related_name="unit_figures",
    )  # fmt: skip
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"), db_index=True)
    revenue = models.DecimalField(
        _("doanh thu (triệu đồng)"), max_digits=14, decimal_places=1, null=True, blank=True
    )
    workers = models.PositiveIntegerField(_("số lao động"), null=True, blank=True)
    avg_income = models.DecimalField(
        _("thu nhập bình quân (triệu đồng/tháng)"), max_digits=8, decimal_places=2,
        null=True, blank=True,
    )  # fmt: skip
    profit = models.DecimalField(
        _("lợi nhuận (triệu đồng, âm là lỗ)"), max_digits=14, decimal_places=1, null=True,
        blank=True,
    )  # fmt: skip
    task_completed = models.BooleanField(_("hoàn thành nhiệm vụ"), null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-period_end", "org__path"]
        verbose_name = _("số liệu cơ quan, đơn vị")
        verbose_name_plural = _("số liệu cơ quan, đơn vị")
        constraints = [
            models.UniqueConstraint(
                fields=["org", "period_start", "period_end"], name="programmes_unit_figures_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.org}: {format_date(self.period_start)}–{format_date(self.period_end)}"
