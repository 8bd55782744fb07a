"""Writes of the portal's editors: articles and their states, revisions, categories,
galleries, videos, linked websites, feedback moderation.

Each service checks who may act (dangbo.portal.rules), runs in one transaction and writes
an audit CHANGE row (the indicator cache is keyed by those rows). Publishing goes through
dangbo.portal.publish, whose secrecy check runs before the transaction so that a refused
attempt stays in the audit log.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from pathlib import Path
from typing import Any

import nh3
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.core.locking import check_and_bump
from dangbo.core.secrecy import Channel, refuse_if_secret
from dangbo.core.text import fold
from dangbo.portal import publish, rules
from dangbo.portal.models import (
    Article,
    ArticleRevision,
    ArticleState,
    Attachment,
    Category,
    Gallery,
    LinkedSite,
    Photo,
    PublishedDocument,
    Tag,
    Video,
)
from dangbo.portal_public import bundle

log = logging.getLogger(__name__)

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "blockquote",
    "a",
    "img",
    "figure",
    "figcaption",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "span",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
THUMB_SIZE = (480, 360)
_FIELDS = (
    "title",
    "lead",
    "body",
    "category",
    "tags",
    "image_caption",
    "author_name",
    "source",
    "featured",
    "publish_at",
    "secrecy",
    "org",
)


def sanitize_html(html: str) -> str:
    """The article body as readers may see it: no script, no event handler, no style."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def slug_for(text: str, taken: Any, *, max_length: int = 180) -> str:
    """A Vietnamese title as an address without diacritics, unique among `taken` slugs."""
    base = slugify(fold(text))[:max_length].strip("-") or "bai-viet"
    slug, n = base, 2
    while taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _audit(user: Any, obj: Any, kind: str, description: str, request: Any = None) -> None:
    audit_log(
        user=user,
        action=AuditAction.CHANGE,
        object_type=f"portal_{kind}",
        object_id=obj.pk,
        description=description,
        request=request,
    )


def _snapshot(article: Article) -> dict[str, Any]:
    return {
        "title": article.title,
        "lead": article.lead,
        "body": article.body,
        "category": article.category_id,
        "tags": sorted(t.name for t in article.tags.all()),
        "image_caption": article.image_caption,
        "author_name": article.author_name,
        "source": article.source,
        "featured": article.featured,
        "publish_at": article.publish_at.isoformat() if article.publish_at else None,
        "secrecy": article.secrecy,
        "org": article.org_id,
    }


def _revision(article: Article, user: Any, note: str, before: dict[str, Any] | None) -> None:
    after = _snapshot(article)
    changed = [f for f in _FIELDS if before is None or before.get(f) != after.get(f)]
    ArticleRevision.objects.create(
        article=article,
        user=user if getattr(user, "is_authenticated", False) else None,
        note=note[:300],
        changed=changed,
        data=after,
    )


def _tags(names: list[str]) -> list[Tag]:
    out = []
    for name in names:
        name = " ".join(name.split())[:80]
        if not name:
            continue
        tag = Tag.objects.filter(name__iexact=name).first()
        if tag is None:
            tag = Tag.objects.create(
                name=name, slug=slug_for(name, Tag.objects.all(), max_length=70)
            )
        out.append(tag)
    return out


PUSH_FAILED = (
    "Đã ghi thay đổi nhưng chưa cập nhật được cổng thông tin ({error}). "
    "Xin thử lại: đăng lại hoặc gỡ khỏi cổng."
)


def portal_error(obj: Any) -> str:
    """The Vietnamese message of a failed portal update after `obj`'s last save ("" if none)."""
    return str(getattr(obj, "_portal_error", ""))


def _on_portal(obj: Any) -> bool:
    if isinstance(obj, Article):
        return obj.state == ArticleState.PUBLISHED
    return bool(getattr(obj, "is_published", False))


def _follow(obj: Article | Gallery | Video, user: Any, request: Any) -> None:
    """The portal follows an edit of a published item: removed if now secret, else
    republished. Runs once the main database has committed (a failed push keeps the edit,
    the secrecy mark above all): the failure is logged and kept for the view to show."""
    try:
        if obj.secrecy:
            publish.unpublish(obj)
            with transaction.atomic():
                if isinstance(obj, Article):
                    obj.state = ArticleState.WITHDRAWN
                    obj.save(update_fields=["state"])
                else:
                    obj.is_published = False
                    obj.save(update_fields=["is_published"])
                _audit(
                    user,
                    obj,
                    type(obj).__name__.lower(),
                    f"Gỡ “{obj}” khỏi cổng (đã đánh dấu mật)",
                    request,
                )
        else:
            publish.publish(obj, user=user, request=request)
    except Exception as exc:  # any transport failure: the back-office change stands
        log.exception("portal: could not update the portal copy of %r", obj)
        obj._portal_error = PUSH_FAILED.format(error=exc)  # type: ignore[union-attr]


def _follow_after_commit(obj: Article | Gallery | Video, user: Any, request: Any) -> None:
    """Call inside the write's transaction: the portal is updated only after it commits."""
    obj._portal_error = ""  # type: ignore[union-attr]
    if _on_portal(obj):
        transaction.on_commit(lambda: _follow(obj, user, request))


def article_save(
    *,
    article: Article | None = None,
    org: Any,
    category: Category,
    title: str,
    lead: str = "",
    body: str = "",
    tags: list[str] | None = None,
    image: Any = None,
    image_caption: str = "",
    author_name: str = "",
    source: str = "",
    featured: bool = False,
    publish_at: dt.datetime | None = None,
    secrecy: str = "",
    acting_user: Any,
    expected_version: int | None = None,
    note: str = "",
    request: Any = None,
) -> Article:
    """Create or change an article (its body sanitized); writes a revision."""
    if not rules.can_write(acting_user, org):
        raise PermissionDenied("Đồng chí không có quyền viết tin cho chuyên trang này.")
    if article is not None and not (
        rules.can_edit(acting_user, article) and rules.can_write(acting_user, article.org)
    ):
        raise PermissionDenied("Đồng chí không có quyền sửa tin bài này.")
    if not title.strip():
        raise ValidationError({"title": "Xin nhập tiêu đề."})
    with transaction.atomic():
        before = _snapshot(article) if article is not None else None
        creating = article is None
        if article is None:
            article = Article(created_by=acting_user if acting_user.is_authenticated else None)
        if creating or article.title != title.strip():
            article.slug = slug_for(title, Article.objects.exclude(pk=article.pk))
        article.org, article.category = org, category
        article.title, article.lead = title.strip(), lead.strip()
        article.body = sanitize_html(body)
        article.image_caption, article.author_name = image_caption, author_name
        article.source, article.featured = source, featured
        article.publish_at, article.secrecy = publish_at, secrecy or ""
        if image:
            article.image = image
        check_and_bump(article, expected_version, user=acting_user)
        article.save()
        article.tags.set(_tags(tags or []))
        _revision(
            article, acting_user, note or ("Tạo tin bài" if creating else "Sửa tin bài"), before
        )
        _audit(
            acting_user,
            article,
            "article",
            f"{'Tạo' if creating else 'Sửa'} tin bài “{article.title}”",
            request,
        )
        _follow_after_commit(article, acting_user, request)
    return article


def article_submit(*, article: Article, acting_user: Any, request: Any = None) -> Article:
    if not rules.can_submit(acting_user, article):
        raise PermissionDenied("Đồng chí không gửi duyệt được tin bài này.")
    with transaction.atomic():
        article.state = ArticleState.REVIEW
        article.save(update_fields=["state", "updated_at"])
        _revision(article, acting_user, "Gửi duyệt", _snapshot(article))
        _audit(acting_user, article, "article", f"Gửi duyệt tin “{article.title}”", request)
    return article


def article_publish(*, article: Article, acting_user: Any, request: Any = None) -> Article:
    """Publish now, or at article.publish_at (the portal shows it from then on)."""
    if not rules.can_publish(acting_user, article.org):
        raise PermissionDenied("Chỉ biên tập viên của đơn vị mới được đăng tin bài này.")
    # Before the transaction: a refused attempt stays in the audit log.
    refuse_if_secret(article, channel=Channel.PORTAL, user=acting_user, request=request)
    with transaction.atomic():
        article.state = ArticleState.PUBLISHED
        article.published_at = article.publish_at or timezone.now()
        article.review_note = ""
        article.save(update_fields=["state", "published_at", "review_note", "updated_at"])
        _revision(article, acting_user, "Đăng tin", _snapshot(article))
        _audit(acting_user, article, "article", f"Đăng tin “{article.title}”", request)
        # A failed push undoes the publication (ValidationError): nothing changed, retry.
        _push(lambda: publish.publish(article, user=acting_user, request=request))
    return article


def article_return(
    *, article: Article, acting_user: Any, note: str = "", request: Any = None
) -> Article:
    """Send an article in review back to its writer as a draft, with the editor's note."""
    if not rules.can_publish(acting_user, article.org):
        raise PermissionDenied("Chỉ biên tập viên của đơn vị mới được trả lại tin bài.")
    with transaction.atomic():
        article.state, article.review_note = ArticleState.DRAFT, note.strip()
        article.save(update_fields=["state", "review_note", "updated_at"])
        _revision(article, acting_user, f"Trả lại: {note}".strip(": "), _snapshot(article))
        _audit(acting_user, article, "article", f"Trả lại tin “{article.title}”", request)
    return article


def article_withdraw(*, article: Article, acting_user: Any, request: Any = None) -> Article:
    if not rules.can_publish(acting_user, article.org):
        raise PermissionDenied("Chỉ biên tập viên của đơn vị mới được gỡ tin bài.")
    with transaction.atomic():
        article.state = ArticleState.WITHDRAWN
        article.save(update_fields=["state", "updated_at"])
        _revision(article, acting_user, "Gỡ tin khỏi cổng", _snapshot(article))
        _audit(acting_user, article, "article", f"Gỡ tin “{article.title}”", request)
        _push(lambda: publish.unpublish(article))
    return article


def article_restore(*, revision: ArticleRevision, acting_user: Any, request: Any = None) -> Article:
    """Bring back the text of an earlier revision (itself a new revision)."""
    article = revision.article
    data = revision.data
    category = Category.objects.filter(pk=data.get("category")).first() or article.category
    publish_at = data.get("publish_at")
    return article_save(
        article=article,
        org=article.org,
        category=category,
        title=data.get("title", ""),
        lead=data.get("lead", ""),
        body=data.get("body", ""),
        tags=data.get("tags", []),
        image_caption=data.get("image_caption", ""),
        author_name=data.get("author_name", ""),
        source=data.get("source", ""),
        featured=bool(data.get("featured")),
        publish_at=dt.datetime.fromisoformat(publish_at) if publish_at else None,
        secrecy=data.get("secrecy", ""),
        acting_user=acting_user,
        request=request,
        note=f"Khôi phục phiên bản lúc {timezone.localtime(revision.created_at):%H:%M %d/%m/%Y}",
    )


def default_category() -> Category:
    category = Category.objects.order_by("order", "pk").first()
    if category is None:
        category = Category.objects.create(name="Tin hoạt động", slug="tin-hoat-dong")
    return category


def article_draft_from_report(
    *, org: Any, title: str, body_html: str, source_note: str, user: Any
) -> Article:
    """A generated report becomes an article draft in one step, for the editor to rewrite."""
    return article_save(
        org=org,
        category=default_category(),
        title=title,
        body=body_html,
        source=source_note,
        author_name="",
        acting_user=user,
        note="Tạo từ báo cáo",
    )


def attachment_add(*, article: Article, title: str, file: Any, acting_user: Any) -> Attachment:
    if not rules.can_edit(acting_user, article):
        raise PermissionDenied("Đồng chí không có quyền sửa tin bài này.")
    with transaction.atomic():
        row = Attachment.objects.create(
            article=article, title=title or Path(file.name).name, file=file
        )
        _audit(acting_user, article, "article", f"Đính kèm “{row.title}” vào “{article.title}”")
    return row


def category_save(
    *, category: Category | None = None, name: str, order: int = 0, acting_user: Any
) -> Category:
    if not rules.can_manage_categories(acting_user):
        raise PermissionDenied("Đồng chí không có quyền sửa chuyên mục.")
    with transaction.atomic():
        if category is None:
            category = Category(slug=slug_for(name, Category.objects.all(), max_length=70))
        category.name, category.order = name.strip(), order
        category.save()
        _audit(acting_user, category, "category", f"Ghi chuyên mục “{category.name}”")
    return category


def make_thumbnail(content: bytes, size: tuple[int, int] = THUMB_SIZE) -> bytes:
    """A JPEG thumbnail no larger than `size` (made on upload, served to readers)."""
    from PIL import Image

    with Image.open(io.BytesIO(content)) as original:
        img = original.convert("RGB")
        img.thumbnail(size)
        out = io.BytesIO()
        img.save(out, "JPEG", quality=82, optimize=True)
    return out.getvalue()


def _require_write(user: Any, org: Any) -> None:
    if not rules.can_write(user, org):
        raise PermissionDenied("Đồng chí không có quyền với chuyên trang của đơn vị này.")


def _require_publish(user: Any, org: Any) -> None:
    if not rules.can_publish(user, org):
        raise PermissionDenied("Chỉ biên tập viên của đơn vị mới được đăng lên cổng.")


def gallery_save(
    *,
    gallery: Gallery | None = None,
    org: Any,
    title: str,
    description: str = "",
    secrecy: str = "",
    acting_user: Any,
) -> Gallery:
    _require_write(acting_user, org)
    if gallery is not None:
        _require_write(acting_user, gallery.org)
    with transaction.atomic():
        if gallery is None:
            gallery = Gallery(slug=slug_for(title, Gallery.objects.all()))
        gallery.org, gallery.title, gallery.description = org, title.strip(), description
        gallery.secrecy = secrecy or ""
        gallery.save()
        _audit(acting_user, gallery, "gallery", f"Ghi album “{gallery.title}”")
        _follow_after_commit(gallery, acting_user, None)
    return gallery


def photo_add(*, gallery: Gallery, image: Any, caption: str = "", acting_user: Any) -> Photo:
    """Add a photo; its thumbnail is made now, once."""
    _require_write(acting_user, gallery.org)
    content = image.read()
    try:
        thumb = make_thumbnail(content)
    except Exception as exc:  # Pillow raises many kinds for a file that is no image
        raise ValidationError({"image": "Tệp tải lên không phải là ảnh."}) from exc
    with transaction.atomic():
        photo = Photo(gallery=gallery, caption=caption, order=gallery.photos.count())
        name = Path(image.name).name
        photo.image.save(name, ContentFile(content), save=False)
        photo.thumb.save(f"{Path(name).stem}-nho.jpg", ContentFile(thumb), save=False)
        photo.save()
        _audit(acting_user, gallery, "gallery", f"Thêm ảnh vào album “{gallery.title}”")
        _follow_after_commit(gallery, acting_user, None)
    return photo


def item_publish(*, obj: Gallery | Video, acting_user: Any, request: Any = None) -> None:
    """Publish a gallery or a video (refused when secret)."""
    _require_publish(acting_user, obj.org)
    refuse_if_secret(obj, channel=Channel.PORTAL, user=acting_user, request=request)
    with transaction.atomic():
        obj.is_published = True
        obj.published_at = obj.published_at or timezone.now()
        obj.save(update_fields=["is_published", "published_at"])
        _audit(acting_user, obj, type(obj).__name__.lower(), f"Đăng “{obj}” lên cổng", request)
        _push(lambda: publish.publish(obj, user=acting_user, request=request))


def item_unpublish(*, obj: Gallery | Video | LinkedSite, acting_user: Any) -> None:
    _require_publish(acting_user, obj.org)
    with transaction.atomic():
        obj.is_published = False
        obj.save(update_fields=["is_published"])
        _audit(acting_user, obj, type(obj).__name__.lower(), f"Gỡ “{obj}” khỏi cổng")
        _push(lambda: publish.unpublish(obj))


def video_save(
    *,
    video: Video | None = None,
    org: Any,
    title: str,
    description: str = "",
    file: Any = None,
    poster: Any = None,
    secrecy: str = "",
    acting_user: Any,
) -> Video:
    _require_write(acting_user, org)
    if video is not None:
        _require_write(acting_user, video.org)
    with transaction.atomic():
        video = video or Video()
        video.org, video.title, video.description = org, title.strip(), description
        video.secrecy = secrecy or ""
        if file:
            video.file = file
        if poster:
            video.poster = poster
        video.save()
        _audit(acting_user, video, "video", f"Ghi video “{video.title}”")
        _follow_after_commit(video, acting_user, None)
    return video


def link_save(
    *,
    link: LinkedSite | None = None,
    org: Any,
    name: str,
    url: str,
    order: int = 0,
    acting_user: Any,
) -> LinkedSite:
    """A linked website, published at once (it is a public address by nature)."""
    _require_publish(acting_user, org)
    if link is not None:
        _require_publish(acting_user, link.org)
    with transaction.atomic():
        link = link or LinkedSite()
        link.org, link.name, link.url, link.order = org, name.strip(), url.strip(), order
        link.is_published = True
        link.save()
        _audit(acting_user, link, "link", f"Ghi liên kết “{link.name}”")
        publish.publish(link, user=acting_user)
    return link


def _push(action: Any) -> None:
    """Run a portal transport call; a failure becomes a Vietnamese ValidationError."""
    try:
        action()
    except (publish.PushFailed, ImproperlyConfigured, bundle.BundleError) as exc:
        log.warning("portal: push failed: %s", exc)
        raise ValidationError(f"Chưa cập nhật được cổng thông tin: {exc}") from exc


def document_publish(*, document: Any, acting_user: Any, request: Any = None) -> None:
    """Copy a public document of the registry to the portal (refused when secret)."""
    _require_publish(acting_user, document.org)
    refuse_if_secret(document, channel=Channel.PORTAL, user=acting_user, request=request)
    if not document.is_public:
        raise ValidationError("Văn bản chưa được đánh dấu công khai.")
    _push(lambda: publish.publish(document, user=acting_user, request=request))
    with transaction.atomic():
        PublishedDocument.objects.update_or_create(document_id=document.pk)
        _audit(acting_user, document, "document", f"Đăng văn bản “{document}” lên cổng", request)


def document_withdraw(*, document: Any, acting_user: Any, request: Any = None) -> None:
    """Take a registry document off the portal (its row and its file)."""
    _require_publish(acting_user, document.org)
    _push(lambda: publish.unpublish(document))
    with transaction.atomic():
        PublishedDocument.objects.filter(document_id=document.pk).delete()
        _audit(acting_user, document, "document", f"Gỡ văn bản “{document}” khỏi cổng", request)


def document_is_on_portal(pk: int) -> bool:
    """Published through document_publish, or (in-process) found in the portal database."""
    if PublishedDocument.objects.filter(document_id=pk).exists():
        return True
    return bool(publish.on_portal("document", pk))


def follow_document(pk: int) -> None:
    """The portal follows a change of registry document `pk` (after the commit): removed
    when it is gone, secret or no longer public; otherwise its metadata is published
    again. A failed push is logged (the editor can withdraw it from the documents page)."""
    from dangbo.programmes.models import Document

    try:
        if not document_is_on_portal(pk):
            return
        doc = Document.objects.select_related("org").filter(pk=pk).first()
        if doc is None or doc.secrecy or not doc.is_public:
            publish.unpublish_source("document", pk)
            with transaction.atomic():
                PublishedDocument.objects.filter(document_id=pk).delete()
                audit_log(
                    user=None,
                    action=AuditAction.CHANGE,
                    object_type="portal_document",
                    object_id=pk,
                    description=f"Gỡ văn bản “{doc or pk}” khỏi cổng (không còn công khai)",
                )
        else:
            publish.publish(doc)
    except Exception:  # the registry's change stands; the failure is logged
        log.exception("portal: could not update the portal copy of document %s", pk)


def document_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    """post_save / post_delete receiver of programmes.Document (connected in apps.ready)."""
    if kwargs.get("raw"):
        return
    pk = instance.pk  # whether it is on the portal is asked after the commit
    transaction.on_commit(lambda: follow_document(pk), using=kwargs.get("using"))


def feedback_moderate(
    *, letter: Any, status: str, answer: str = "", acting_user: Any, request: Any = None
) -> Any:
    """Publish (with an answer) or hide a reader's letter; it lives in the portal database."""
    from dangbo.portal import selectors

    if not selectors.feedback_for(acting_user).filter(pk=letter.pk).exists():
        raise PermissionDenied("Đồng chí không có quyền duyệt góp ý này.")
    with transaction.atomic():
        letter.status, letter.answer = status, answer.strip()
        letter.moderated_at = timezone.now()
        letter.moderated_by = acting_user.get_username()
        letter.save(update_fields=["status", "answer", "moderated_at", "moderated_by"])
        audit_log(
            user=acting_user,
            action=AuditAction.CHANGE,
            object_type="portal_feedback",
            object_id=letter.pk,
            description=f"Duyệt góp ý “{letter.title}”: {status}",
            request=request,
        )
    return letter
