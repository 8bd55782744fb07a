"""The one way out of the back office into the portal: publish, withdraw, export.

Every item is first checked with core.secrecy.refuse_if_secret (Channel.PORTAL): a secret
item is refused (403, audit REFUSED) and nothing reaches the portal. A snapshot is turned
into a bundle (dangbo.portal_public.bundle) and delivered by one of two transports:

- in-process, when this process has the "portal" database and no push address (make run);
- a signed HTTPS push (HMAC-SHA256 of the JSON with DANGBO_PORTAL_PUSH_SECRET) to
  DANGBO_PORTAL_PUSH_URL, the /nhan-ban-tin/ endpoint of the portal-only site.

For a network with no link, `dangbo portal export-bundle FILE` writes everything published
as one "full" bundle, and `dangbo portal import-bundle FILE` applies it on the portal side.
"""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import default_storage
from django.utils import timezone

from dangbo.core.secrecy import Channel, refuse_if_secret
from dangbo.core.text import fold
from dangbo.portal.models import Article, ArticleState, Gallery, LinkedSite, Video
from dangbo.portal_public import bundle


class PushFailed(RuntimeError):
    pass


def _file(field: Any) -> dict[str, str] | None:
    if not field:
        return None
    with default_storage.open(field.name, "rb") as handle:
        return bundle.file_entry(Path(field.name).name, handle.read())


def _text_of(html: str) -> str:
    import nh3

    return nh3.clean(html, tags=set())


def section_of(org: Any) -> dict[str, Any]:
    return {
        "source_id": org.pk,
        "slug": fold(org.code).replace(" ", "-").replace("/", "-").replace(".", "-").lower()
        or f"don-vi-{org.pk}",
        "name": org.name,
        "depth": org.depth,
    }


def article_item(article: Article) -> dict[str, Any]:
    c = article.category
    when = article.publish_at or article.published_at or timezone.now()
    return {
        "type": "article",
        "op": "upsert",
        "source_id": article.pk,
        "data": {
            "category": {"source_id": c.pk, "slug": c.slug, "name": c.name, "order": c.order},
            "section": section_of(article.org),
            "slug": article.slug,
            "title": article.title,
            "lead": article.lead,
            "body": article.body,
            "image": _file(article.image),
            "image_caption": article.image_caption,
            "author": article.author_name,
            "source": article.source,
            "tags": [t.name for t in article.tags.all()],
            "featured": article.featured,
            "published_at": when.isoformat(),
            "updated_at": timezone.now().isoformat(),
            "search_text": fold(" ".join([article.title, article.lead, _text_of(article.body)])),
            "attachments": [
                {"title": a.title, "file": _file(a.file)} for a in article.attachments.all()
            ],
        },
    }


def gallery_item(gallery: Gallery) -> dict[str, Any]:
    when = gallery.published_at or timezone.now()
    return {
        "type": "gallery",
        "op": "upsert",
        "source_id": gallery.pk,
        "data": {
            "slug": gallery.slug,
            "title": gallery.title,
            "description": gallery.description,
            "published_at": when.isoformat(),
            "photos": [
                {
                    "caption": p.caption,
                    "order": p.order,
                    "image": _file(p.image),
                    "thumb": _file(p.thumb or p.image),
                }
                for p in gallery.photos.all()
            ],
        },
    }


def video_item(video: Video) -> dict[str, Any]:
    when = video.published_at or timezone.now()
    return {
        "type": "video",
        "op": "upsert",
        "source_id": video.pk,
        "data": {
            "title": video.title,
            "description": video.description,
            "file": _file(video.file),
            "poster": _file(video.poster),
            "published_at": when.isoformat(),
        },
    }


def link_item(link: LinkedSite) -> dict[str, Any]:
    return {
        "type": "link",
        "op": "upsert",
        "source_id": link.pk,
        "data": {"name": link.name, "url": link.url, "order": link.order},
    }


def document_item(doc: Any) -> dict[str, Any]:
    return {
        "type": "document",
        "op": "upsert",
        "source_id": doc.pk,
        "data": {
            "code": doc.code,
            "doc_type": doc.get_doc_type_display(),
            "issued_on": doc.issued_on.isoformat() if doc.issued_on else None,
            "subject": doc.subject,
            "org_name": doc.org.name,
            "file": _file(doc.file),
        },
    }


_ITEMS = {
    "article": article_item,
    "gallery": gallery_item,
    "video": video_item,
    "link": link_item,
    "document": document_item,
}
_TYPES = {Article: "article", Gallery: "gallery", Video: "video", LinkedSite: "link"}


def _kind(obj: Any) -> str:
    kind = _TYPES.get(type(obj))
    if kind is None and obj._meta.label == "programmes.Document":
        kind = "document"
    if kind is None:
        raise TypeError(f"cannot publish {type(obj).__name__}")
    return kind


def deliver(payload: dict[str, Any]) -> dict[str, int]:
    """Send a bundle by the transport this deployment has: the signed push when a push
    address is set, else in-process into the "portal" database."""
    url = getattr(settings, "DANGBO_PORTAL_PUSH_URL", "")
    secret = getattr(settings, "DANGBO_PORTAL_PUSH_SECRET", "")
    if not url and "portal" in settings.DATABASES:
        return bundle.apply(payload)
    if not (url and secret):
        raise ImproperlyConfigured(
            "Chưa cấu hình cổng thông tin: cần CSDL portal, hoặc DANGBO_PORTAL_PUSH_URL và "
            "DANGBO_PORTAL_PUSH_SECRET."
        )
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(  # noqa: S310 - the configured HTTPS address
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            bundle.SIGNATURE_HEADER: bundle.sign(body, secret),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return json.loads(response.read().decode("utf-8")).get("counts", {})
    except OSError as exc:
        raise PushFailed(f"Không gửi được sang cổng thông tin: {exc}") from exc


def publish(obj: Any, *, user: Any = None, request: Any = None) -> dict[str, int]:
    """Copy `obj`'s published snapshot into the portal (refused, 403, when it is secret)."""
    refuse_if_secret(obj, channel=Channel.PORTAL, user=user, request=request)
    kind = _kind(obj)
    return deliver(bundle.make([_ITEMS[kind](obj)]))


def unpublish(obj: Any) -> dict[str, int]:
    """Remove `obj` from the portal (its row and its files)."""
    return unpublish_source(_kind(obj), obj.pk)


def unpublish_source(kind: str, source_id: int) -> dict[str, int]:
    """Remove the portal's copy of item `source_id` of `kind` ("article", "document"...),
    also when the original is gone (a deleted document)."""
    if kind not in _ITEMS:
        raise TypeError(f"cannot unpublish {kind}")
    return deliver(
        bundle.make([{"type": kind, "op": "delete", "source_id": source_id, "data": {}}])
    )


def on_portal(kind: str, source_id: int) -> bool | None:
    """Whether the portal holds item `source_id` of `kind`: known only when the portal
    database is in this process (None for a split deployment)."""
    url = getattr(settings, "DANGBO_PORTAL_PUSH_URL", "")
    if url or "portal" not in settings.DATABASES:
        return None
    return bundle.holds(kind, source_id)


def public_documents() -> Any:
    """programmes.Document rows that may be published: is_public and not secret."""
    from dangbo.programmes.models import Document

    return Document.objects.filter(is_public=True, secrecy="").select_related("org")


def full_bundle() -> dict[str, Any]:
    """Everything published, as one bundle (what it does not name is removed on import)."""
    items: list[dict[str, Any]] = []
    articles = (
        Article.objects.filter(state=ArticleState.PUBLISHED, secrecy="")
        .select_related("category", "org")
        .prefetch_related("tags", "attachments")
    )
    items += [article_item(a) for a in articles]
    items += [
        gallery_item(g)
        for g in Gallery.objects.filter(is_published=True, secrecy="").prefetch_related("photos")
    ]
    items += [video_item(v) for v in Video.objects.filter(is_published=True, secrecy="")]
    items += [link_item(link) for link in LinkedSite.objects.filter(is_published=True)]
    items += [document_item(d) for d in public_documents()]
    return bundle.make(items, full=True)
