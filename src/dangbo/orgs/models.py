"""The organization tree, its history and its committees.

The current tree is treebeard's materialized path on Organization. The tree as it
stood on any past date is OrgVersion: one row per organization per stretch of time
in which its parent, name, code and path did not change. Counts "as of a date" join
through OrgVersion, so moving an organization never rewrites the past.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from dangbo.core.fields import PathField
from dangbo.core.models import Versioned


class OrgKind(models.TextChoices):
    CENTRAL = "central", _("Toàn Đảng")
    PROVINCIAL_COMMITTEE = "provincial_committee", _("Đảng bộ tỉnh, thành phố")
    BLOC_COMMITTEE = "bloc_committee", _("Đảng bộ khối / đảng bộ trực thuộc")
    LOCAL_COMMITTEE = "local_committee", _("Đảng bộ xã, phường")
    BASE_COMMITTEE = "base_committee", _("Đảng bộ cơ sở")
    SUB_COMMITTEE = "sub_committee", _("Đảng bộ bộ phận")
    BASE_CELL = "base_cell", _("Chi bộ cơ sở")
    SUB_CELL = "sub_cell", _("Chi bộ trực thuộc")


BASE_KINDS = (OrgKind.BASE_COMMITTEE, OrgKind.BASE_CELL)
# Members belong to cells only.
CELL_KINDS = (OrgKind.BASE_CELL, OrgKind.SUB_CELL)


class BodyKind(models.TextChoices):
    """A body of an organization that plans inspections or decides discipline (Điều lệ Đảng
    Chương VII, Điều 36): its executive committee, standing committee, inspection committee,
    or a cell's meeting."""

    EXECUTIVE = "executive", _("Ban Chấp hành")
    STANDING = "standing", _("Ban Thường vụ")
    INSPECTION = "inspection", _("Ủy ban Kiểm tra")
    CELL = "cell", _("Chi bộ")


class Sector(models.TextChoices):
    STATE_AGENCY = "state_agency", _("Cơ quan nhà nước")
    PARTY_OR_MASS_AGENCY = "party_or_mass_agency", _("Cơ quan Đảng, đoàn thể")
    PUBLIC_SERVICE_UNIT = "public_service_unit", _("Đơn vị sự nghiệp")
    STATE_ENTERPRISE = "state_enterprise", _("Doanh nghiệp nhà nước")
    PRIVATE_ENTERPRISE = "private_enterprise", _("Doanh nghiệp ngoài nhà nước")
    FDI_ENTERPRISE = "fdi_enterprise", _("Doanh nghiệp có vốn đầu tư nước ngoài")
    OTHER = "other", _("Khác")


class Organization(MP_Node, Versioned):
    # Path is compared byte-wise; see PathField for the PostgreSQL collation.
    path = PathField(max_length=255, unique=True)
    steplen = 4
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    node_order_by: list[str] = []

    code = models.CharField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    kind = models.CharField(_("loại"), max_length=32, choices=OrgKind.choices)
    sector = models.CharField(
        _("loại hình đơn vị"), max_length=32, choices=Sector.choices, blank=True
    )
    host_unit_name = models.CharField(
        _("cơ quan, đơn vị, doanh nghiệp"), max_length=255, blank=True
    )
    founded_on = models.DateField(_("ngày thành lập"))
    dissolved_on = models.DateField(_("ngày giải thể"), null=True, blank=True)
    search_text = models.CharField(max_length=600, blank=True, db_index=True, editable=False)

    class Meta:
        verbose_name = _("tổ chức đảng")
        verbose_name_plural = _("tổ chức đảng")
        indexes = [models.Index(fields=["kind"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_base(self) -> bool:
        return self.kind in BASE_KINDS

    @property
    def is_cell(self) -> bool:
        return self.kind in CELL_KINDS

    @property
    def is_active(self) -> bool:
        return self.dissolved_on is None


class OrgVersion(models.Model):
    """How one organization stood during [valid_from, valid_to)."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="versions")
    parent = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    code = models.CharField(max_length=32, db_index=True)
    name = models.CharField(max_length=255)
    kind = models.CharField(max_length=32, choices=OrgKind.choices)
    sector = models.CharField(max_length=32, choices=Sector.choices, blank=True)
    path = PathField(max_length=255)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["path", "valid_from"]),
            models.Index(fields=["org", "valid_from"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["org", "valid_from"], name="orgversion_unique_start"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.valid_from}–{self.valid_to or '…'})"


class OrgEventKind(models.TextChoices):
    FOUNDED = "founded", _("Thành lập")
    RENAMED = "renamed", _("Đổi tên")
    MOVED = "moved", _("Chuyển trực thuộc")
    MERGED = "merged", _("Hợp nhất, sáp nhập")
    SPLIT = "split", _("Chia tách")
    DISSOLVED = "dissolved", _("Giải thể")


class OrgEvent(models.Model):
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("loại sự kiện"), max_length=16, choices=OrgEventKind.choices)
    date = models.DateField(_("ngày"))
    decision_number = models.CharField(_("số quyết định"), max_length=64, blank=True)
    from_parent = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_parent = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Merge target, or the new organizations of a split.
    related = models.ManyToManyField(Organization, blank=True, related_name="+")
    old_name = models.CharField(max_length=255, blank=True)
    old_code = models.CharField(max_length=32, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("sự kiện tổ chức")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.org} {self.date:%d/%m/%Y}"


class Term(models.Model):
    """A committee term (nhiệm kỳ) of one organization, e.g. 2020–2025."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="terms")
    name = models.CharField(_("nhiệm kỳ"), max_length=32)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        ordering = ["org", "-starts_on"]
        verbose_name = _("nhiệm kỳ")

    def __str__(self) -> str:
        return f"{self.org} {self.name}"


class Position(models.TextChoices):
    SECRETARY = "secretary", _("Bí thư")
    DEPUTY_SECRETARY = "deputy_secretary", _("Phó Bí thư")
    STANDING_MEMBER = "standing_member", _("Ủy viên Ban Thường vụ")
    MEMBER = "member", _("Cấp ủy viên")


class CommitteeSeat(Versioned):
    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="seats")
    member = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, related_name="committee_seats"
    )
    position = models.CharField(_("chức vụ"), max_length=32, choices=Position.choices)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"), null=True, blank=True)
    is_unit_head = models.BooleanField(
        _("Bí thư đồng thời là thủ trưởng cơ quan, đơn vị"), default=False
    )

    class Meta:
        ordering = ["term", "position", "starts_on"]
        verbose_name = _("cấp ủy viên")

    def __str__(self) -> str:
        return f"{self.get_position_display()} {self.member}"
