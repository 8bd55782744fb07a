"""The editors' side of the portal (main database): articles with their states and
revisions, categories and tags, galleries, videos and linked websites of each
organization's section. Readers never see these rows: publishing copies a snapshot into
the portal's own database (dangbo.portal.publish).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangbo.core.models import Versioned
from dangbo.core.secrecy import secrecy_field


class ArticleState(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    REVIEW = "review", _("Chờ duyệt")
    PUBLISHED = "published", _("Đã đăng")
    WITHDRAWN = "withdrawn", _("Đã gỡ")


class Category(models.Model):
    name = models.CharField(_("tên chuyên mục"), max_length=120)
    slug = models.SlugField(_("đường dẫn"), max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    name = models.CharField(_("từ khóa"), max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Article(Versioned):
    org = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("chuyên trang của"),
        on_delete=models.PROTECT,
        related_name="portal_articles",
    )
    category = models.ForeignKey(
        Category, verbose_name=_("chuyên mục"), on_delete=models.PROTECT, related_name="articles"
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("từ khóa"), blank=True, related_name="+")
    title = models.CharField(_("tiêu đề"), max_length=300)
    slug = models.SlugField(_("đường dẫn"), max_length=200)
    lead = models.TextField(_("sa-pô (tóm tắt)"), blank=True)
    body = models.TextField(_("nội dung"), blank=True)  # sanitized HTML (services)
    image = models.ImageField(_("ảnh đại diện"), upload_to="soan-tin/anh/%Y/", blank=True)
    image_caption = models.CharField(_("chú thích ảnh"), max_length=300, blank=True)
    author_name = models.CharField(_("tác giả"), max_length=200, blank=True)
    source = models.CharField(_("nguồn"), max_length=300, blank=True)
    featured = models.BooleanField(_("tin nổi bật"), default=False)
    state = models.CharField(
        _("trạng thái"), max_length=16, choices=ArticleState.choices, default=ArticleState.DRAFT
    )
    publish_at = models.DateTimeField(_("hẹn giờ đăng"), null=True, blank=True)
    published_at = models.DateTimeField(_("đăng lúc"), null=True, blank=True)
    review_note = models.TextField(_("ý kiến biên tập"), blank=True)
    secrecy = secrecy_field()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("tin bài")
        verbose_name_plural = _("tin bài")

    def __str__(self) -> str:
        return self.title


class ArticleRevision(models.Model):
    """A snapshot of an article after each save: who, when, what changed; restorable."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=300, blank=True)
    changed = models.JSONField(default=list)  # the names of the fields changed
    data = models.JSONField(default=dict)  # title, lead, body, category, tags, ...

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.article} ({self.created_at:%d/%m/%Y %H:%M})"


class Attachment(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("tên tệp"), max_length=300)
    file = models.FileField(_("tệp"), upload_to="soan-tin/tep/%Y/")

    def __str__(self) -> str:
        return self.title


class Gallery(models.Model):
    org = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="portal_galleries",
    )
    title = models.CharField(_("tên album"), max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(_("mô tả"), blank=True)
    is_published = models.BooleanField(_("đã đăng"), default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    secrecy = secrecy_field()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("album ảnh")

    def __str__(self) -> str:
        return self.title


class Photo(models.Model):
    gallery = models.ForeignKey(Gallery, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("ảnh"), upload_to="soan-tin/thu-vien/%Y/")
    thumb = models.ImageField(upload_to="soan-tin/thu-vien/nho/%Y/", blank=True)
    caption = models.CharField(_("chú thích"), max_length=300, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.caption or f"Ảnh {self.pk}"


class Video(models.Model):
    org = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="portal_videos",
    )
    title = models.CharField(_("tên video"), max_length=300)
    description = models.TextField(_("mô tả"), blank=True)
    file = models.FileField(_("tệp video"), upload_to="soan-tin/video/%Y/", blank=True)
    poster = models.ImageField(_("ảnh đại diện"), upload_to="soan-tin/video/%Y/", blank=True)
    is_published = models.BooleanField(_("đã đăng"), default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    secrecy = secrecy_field()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("video")

    def __str__(self) -> str:
        return self.title


class LinkedSite(models.Model):
    org = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="portal_links",
    )
    name = models.CharField(_("tên website"), max_length=200)
    url = models.URLField(_("địa chỉ"))
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_published = models.BooleanField(_("đã đăng"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("liên kết website")

    def __str__(self) -> str:
        return self.name


class PublishedDocument(models.Model):
    """A registry document (programmes.Document) now on the portal: what the portal must
    follow when the document changes (withdrawn when it turns secret or not public)."""

    document_id = models.BigIntegerField(unique=True)
    published_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("văn bản đã đăng lên cổng")
        verbose_name_plural = _("văn bản đã đăng lên cổng")

    def __str__(self) -> str:
        return f"Văn bản {self.document_id}"
