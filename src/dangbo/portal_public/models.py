"""What the public portal holds: published copies only, feedback and visitor counts.

Every published row carries `source_id`, the id of its original in the back office, so a
new publication of the same item replaces it. Nothing here refers to a member, a person or
a back-office table: this database may live on a machine facing the internet.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

FILES = "cong"  # published files live under MEDIA_ROOT/cong/ (served to the public)


class Section(models.Model):
    """An organization's section of the portal (published with its first article)."""

    source_id = models.BigIntegerField(unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=255)
    depth = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["depth", "name"]

    def __str__(self) -> str:
        return self.name


class Category(models.Model):
    source_id = models.BigIntegerField(unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Article(models.Model):
    source_id = models.BigIntegerField(unique=True)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="articles")
    section = models.ForeignKey(
        Section, on_delete=models.PROTECT, related_name="articles", null=True, blank=True
    )
    slug = models.SlugField(max_length=200)
    title = models.CharField(max_length=300)
    lead = models.TextField(blank=True)
    body = models.TextField(blank=True)  # sanitized HTML
    image = models.ImageField(upload_to=f"{FILES}/anh", blank=True)
    image_caption = models.CharField(max_length=300, blank=True)
    author = models.CharField(max_length=200, blank=True)
    source = models.CharField(max_length=300, blank=True)
    tags = models.CharField(max_length=500, blank=True)
    featured = models.BooleanField(default=False)
    # A scheduled article is copied with its future time and shown from then on.
    published_at = models.DateTimeField(db_index=True)
    updated_at = models.DateTimeField()
    search_text = models.TextField(blank=True)  # folded title, lead and body text

    class Meta:
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["category", "slug"], name="pub_article_slug")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("portal_public:article", args=[self.category.slug, self.slug])

    def tag_list(self) -> list[str]:
        return [t for t in self.tags.split(",") if t]


class Attachment(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(max_length=300)
    file = models.FileField(upload_to=f"{FILES}/tep")

    def __str__(self) -> str:
        return self.title


class Gallery(models.Model):
    source_id = models.BigIntegerField(unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def cover(self) -> Photo | None:
        return self.photos.first()


class Photo(models.Model):
    gallery = models.ForeignKey(Gallery, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to=f"{FILES}/thu-vien")
    thumb = models.ImageField(upload_to=f"{FILES}/thu-vien/nho")
    caption = models.CharField(max_length=300, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.caption or f"Ảnh {self.pk}"


class Video(models.Model):
    source_id = models.BigIntegerField(unique=True)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    file = models.FileField(upload_to=f"{FILES}/video", blank=True)
    poster = models.ImageField(upload_to=f"{FILES}/video", blank=True)
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class LinkedSite(models.Model):
    source_id = models.BigIntegerField(unique=True)
    name = models.CharField(max_length=200)
    url = models.URLField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Document(models.Model):
    """A public document of the committee (programmes.Document, is_public, not secret)."""

    source_id = models.BigIntegerField(unique=True)
    code = models.CharField(max_length=100, blank=True)
    doc_type = models.CharField(max_length=120, blank=True)
    issued_on = models.DateField(null=True, blank=True)
    subject = models.CharField(max_length=500)
    org_name = models.CharField(max_length=255, blank=True)
    file = models.FileField(upload_to=f"{FILES}/van-ban", blank=True)

    class Meta:
        ordering = ["-issued_on", "-pk"]

    def __str__(self) -> str:
        return self.subject


class FeedbackStatus(models.TextChoices):
    PENDING = "pending", _("Chờ duyệt")
    PUBLISHED = "published", _("Đã đăng")
    HIDDEN = "hidden", _("Không đăng")


class Feedback(models.Model):
    """A reader's letter: stored for moderation, shown only once a moderator publishes it.

    No address, no user agent: the rate limit hashes the address in the cache only."""

    section = models.ForeignKey(
        Section, on_delete=models.SET_NULL, null=True, blank=True, related_name="feedback"
    )
    name = models.CharField(_("họ tên"), max_length=120)
    title = models.CharField(_("tiêu đề"), max_length=200)
    content = models.TextField(_("nội dung"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=16, choices=FeedbackStatus.choices, default=FeedbackStatus.PENDING
    )
    answer = models.TextField(_("trả lời"), blank=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class VisitDay(models.Model):
    """Visits of one day: page views and distinct visitors (no one's identity kept)."""

    day = models.DateField(unique=True)
    views = models.PositiveIntegerField(default=0)
    visitors = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y}: {self.visitors}"
