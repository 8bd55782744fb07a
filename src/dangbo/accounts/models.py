"""Role assignments on organizations, API tokens and the audit log."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Quản trị hệ thống")
    BLOC_OFFICE = "bloc_office", _("Văn phòng Đảng ủy")
    ORG_BOARD = "org_board", _("Ban Tổ chức")
    INSPECTION = "inspection", _("Ủy ban Kiểm tra")
    PROPAGANDA = "propaganda", _("Ban Tuyên giáo")
    MASS_MOBILIZATION = "mass_mobilization", _("Ban Dân vận")
    BASE_SECRETARY = "base_secretary", _("Bí thư, Phó Bí thư tổ chức cơ sở đảng")
    CELL_SECRETARY = "cell_secretary", _("Bí thư chi bộ")
    MEMBER = "member", _("Đảng viên")
    NEWS_WRITER = "news_writer", _("Cộng tác viên tin bài")
    NEWS_EDITOR = "news_editor", _("Biên tập, duyệt tin")


class RoleAssignment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("vai trò"), max_length=32, choices=Role.choices)
    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("tổ chức đảng"),
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    # A role counts from starts_on to ends_on, both days included, in the site's time zone
    # (hitobito's start_on/end_on); outside them it grants nothing (core.scope).
    starts_on = models.DateField(_("từ ngày"), null=True, blank=True)
    ends_on = models.DateField(_("đến ngày"), null=True, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cấp"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("thời điểm cấp"), null=True, blank=True)
    grant_reason = models.CharField(_("căn cứ cấp"), max_length=255, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người kết thúc"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    ended_at = models.DateTimeField(_("thời điểm kết thúc"), null=True, blank=True)
    end_reason = models.CharField(_("lý do kết thúc"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")
        # Ended assignments stay as history; one open assignment of a role per organization.
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "organization"],
                condition=models.Q(ends_on__isnull=True),
                name="role_assignment_open_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} – {self.organization}"


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("tên"), max_length=64)
    # Only the SHA-256 of the token is stored.
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    # A token past expires_at or revoked authenticates nobody (accounts.tokens).
    expires_at = models.DateTimeField(_("hết hạn"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thu hồi"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("mã truy cập API")

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @classmethod
    def issue(cls, *, user: models.Model, name: str) -> tuple[ApiToken, str]:
        raw = secrets.token_urlsafe(32)
        return cls.objects.create(user=user, name=name, digest=cls.hash(raw)), raw


class AuditAction(models.TextChoices):
    VIEW = "view", _("Xem")
    EXPORT = "export", _("Xuất dữ liệu")
    CHANGE = "change", _("Thay đổi")
    IMPORT = "import", _("Nhập dữ liệu")
    # An attempt the system refused (a secret document sent out, say): kept for the inspector.
    REFUSED = "refused", _("Bị từ chối")
    LOGIN = "login", _("Đăng nhập")
    LOGIN_FAILED = "login_failed", _("Đăng nhập sai")
    LOCKOUT = "lockout", _("Khóa tạm thời")
    LOGOUT = "logout", _("Đăng xuất")


class AuditEntry(models.Model):
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    action = models.CharField(_("thao tác"), max_length=16, choices=AuditAction.choices)
    object_type = models.CharField(_("đối tượng"), max_length=64)
    object_id = models.CharField(max_length=64, blank=True)
    description = models.CharField(_("nội dung"), max_length=500)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    # Who ran a command line with no account: the operating-system user ("os:root").
    actor = models.CharField(_("người thực hiện"), max_length=64, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("nhật ký truy cập")
        verbose_name_plural = _("nhật ký truy cập")
        # MAX(id) per action versions the cached indicator values (indicators.registry).
        indexes = [models.Index(fields=["action", "id"], name="audit_action_id")]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.description}"
