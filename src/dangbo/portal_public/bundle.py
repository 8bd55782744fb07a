"""The one way content enters the portal database: a bundle of published items.

The back office builds bundles (dangbo.portal.publish); they arrive in-process (both
databases on one machine), by a signed HTTPS push, or as a file carried across
(`dangbo portal import-bundle FILE`). A bundle is JSON:

    {"format": "dangbo-portal", "version": 1, "full": false, "sent_at": "...",
     "items": [{"type": "article", "op": "upsert" | "delete", "source_id": 7, "data": {...}}]}

Files travel inside as base64 ({"name": ..., "data": ...}). A "full" bundle is the whole
published set: what it does not name is removed.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
from typing import Any

from django.core.files.base import ContentFile
from django.db import models, router, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from dangbo.portal_public import models as m

FORMAT = "dangbo-portal"
SIGNATURE_HEADER = "X-Dangbo-Signature"
MAX_AGE = dt.timedelta(minutes=10)

_MODELS: dict[str, type] = {
    "article": m.Article,
    "gallery": m.Gallery,
    "video": m.Video,
    "link": m.LinkedSite,
    "document": m.Document,
}


class BundleError(ValueError):
    pass


def sign(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(body: bytes, signature: str, secret: str) -> bool:
    return bool(secret) and hmac.compare_digest(sign(body, secret), signature or "")


def file_entry(name: str, content: bytes) -> dict[str, str]:
    return {"name": name, "data": base64.b64encode(content).decode("ascii")}


def make(items: list[dict[str, Any]], *, full: bool = False) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": 1,
        "full": full,
        "sent_at": timezone.now().isoformat(),
        "items": items,
    }


def _file(entry: dict[str, str] | None, folder: str) -> ContentFile | None:
    if not entry:
        return None
    name = entry["name"].rsplit("/", 1)[-1]
    return ContentFile(base64.b64decode(entry["data"]), name=f"{folder}-{name}")


def _drop_files(obj: Any) -> None:
    """Delete the stored files of `obj` (a published file must not outlive its row)."""
    for field in obj._meta.get_fields():
        if isinstance(field, models.FileField):
            f = getattr(obj, field.name)
            if f:
                f.delete(save=False)


def _drop(rows: Any) -> None:
    """Delete `rows` with their files and the files of their attachments and photos."""
    for obj in rows:
        for child in ("attachments", "photos"):
            if hasattr(obj, child):
                for row in getattr(obj, child).all():
                    _drop_files(row)
        _drop_files(obj)
    rows.delete()


def _replace(obj: Any, name: str, content: ContentFile) -> None:
    """Store `content` as file field `name` of `obj`, deleting the file it replaces."""
    old = getattr(obj, name)
    if old:
        old.delete(save=False)
    getattr(obj, name).save(content.name, content, save=True)


def holds(kind: str, source_id: int) -> bool:
    return _MODELS[kind].objects.filter(source_id=source_id).exists()


def _when(raw: str) -> dt.datetime:
    value = parse_datetime(raw)
    if value is None:
        raise BundleError(f"Thời điểm không hợp lệ: {raw}")
    return value


def _category(data: dict[str, Any]) -> m.Category:
    obj, _ = m.Category.objects.update_or_create(
        source_id=data["source_id"],
        defaults={"slug": data["slug"], "name": data["name"], "order": data.get("order", 0)},
    )
    return obj


def _section(data: dict[str, Any] | None) -> m.Section | None:
    if not data:
        return None
    obj, _ = m.Section.objects.update_or_create(
        source_id=data["source_id"],
        defaults={"slug": data["slug"], "name": data["name"], "depth": data.get("depth", 1)},
    )
    return obj


def _article(source_id: int, d: dict[str, Any]) -> None:
    category = _category(d["category"])
    fields = {
        "category": category,
        "section": _section(d.get("section")),
        "slug": d["slug"],
        "title": d["title"],
        "lead": d.get("lead", ""),
        "body": d.get("body", ""),
        "image_caption": d.get("image_caption", ""),
        "author": d.get("author", ""),
        "source": d.get("source", ""),
        "tags": ",".join(d.get("tags", [])),
        "featured": bool(d.get("featured")),
        "published_at": _when(d["published_at"]),
        "updated_at": _when(d.get("updated_at") or d["published_at"]),
        "search_text": d.get("search_text", ""),
    }
    # Another article may hold the slug in that category: the newer one gets a suffix.
    if (
        m.Article.objects.filter(category=category, slug=fields["slug"])
        .exclude(source_id=source_id)
        .exists()
    ):
        fields["slug"] = f"{fields['slug']}-{source_id}"
    article, _ = m.Article.objects.update_or_create(source_id=source_id, defaults=fields)
    image = _file(d.get("image"), f"a{source_id}")
    if image is not None:
        _replace(article, "image", image)
    elif not d.get("image") and article.image:
        article.image.delete(save=False)
        article.save(update_fields=["image"])
    _drop(article.attachments.all())
    for att in d.get("attachments", []):
        content = _file(att.get("file"), f"a{source_id}")
        if content is not None:
            row = m.Attachment(article=article, title=att["title"])
            row.file.save(content.name, content, save=True)


def _gallery(source_id: int, d: dict[str, Any]) -> None:
    gallery, _ = m.Gallery.objects.update_or_create(
        source_id=source_id,
        defaults={
            "slug": d["slug"],
            "title": d["title"],
            "description": d.get("description", ""),
            "published_at": _when(d["published_at"]),
        },
    )
    _drop(gallery.photos.all())
    for i, p in enumerate(d.get("photos", [])):
        photo = m.Photo(gallery=gallery, caption=p.get("caption", ""), order=p.get("order", i))
        image, thumb = _file(p["image"], f"g{source_id}"), _file(p["thumb"], f"g{source_id}")
        assert image is not None and thumb is not None
        photo.image.save(image.name, image, save=False)
        photo.thumb.save(thumb.name, thumb, save=False)
        photo.save()


def _video(source_id: int, d: dict[str, Any]) -> None:
    video, _ = m.Video.objects.update_or_create(
        source_id=source_id,
        defaults={
            "title": d["title"],
            "description": d.get("description", ""),
            "published_at": _when(d["published_at"]),
        },
    )
    for field in ("file", "poster"):
        content = _file(d.get(field), f"v{source_id}")
        if content is not None:
            _replace(video, field, content)


def _link(source_id: int, d: dict[str, Any]) -> None:
    m.LinkedSite.objects.update_or_create(
        source_id=source_id,
        defaults={"name": d["name"], "url": d["url"], "order": d.get("order", 0)},
    )


def _document(source_id: int, d: dict[str, Any]) -> None:
    doc, _ = m.Document.objects.update_or_create(
        source_id=source_id,
        defaults={
            "code": d.get("code", ""),
            "doc_type": d.get("doc_type", ""),
            "issued_on": parse_date(d["issued_on"]) if d.get("issued_on") else None,
            "subject": d["subject"],
            "org_name": d.get("org_name", ""),
        },
    )
    content = _file(d.get("file"), f"d{source_id}")
    if content is not None:
        _replace(doc, "file", content)
    elif doc.file:
        doc.file.delete(save=False)
        doc.save(update_fields=["file"])


def _feedback(source_id: int, d: dict[str, Any]) -> None:
    """A moderation decision taken in the back office (split deployments)."""
    m.Feedback.objects.filter(pk=source_id).update(
        status=d["status"],
        answer=d.get("answer", ""),
        moderated_by=d.get("by", ""),
        moderated_at=_when(d["at"]),
    )


_UPSERT = {
    "article": _article,
    "gallery": _gallery,
    "video": _video,
    "link": _link,
    "document": _document,
    "feedback": _feedback,
}


def apply(bundle: dict[str, Any]) -> dict[str, int]:
    """Apply a bundle to the portal database in one transaction; returns counts per type."""
    if bundle.get("format") != FORMAT or bundle.get("version") != 1:
        raise BundleError("Không phải gói tin của cổng thông tin.")
    counts: dict[str, int] = {}
    with transaction.atomic(using=router.db_for_write(m.Article)):
        seen: dict[str, set[int]] = {kind: set() for kind in _MODELS}
        for item in bundle.get("items", []):
            kind, op, source_id = item.get("type"), item.get("op"), int(item["source_id"])
            if kind not in _UPSERT:
                raise BundleError(f"Loại không hợp lệ: {kind}")
            if op == "delete":
                if kind in _MODELS:
                    _drop(_MODELS[kind].objects.filter(source_id=source_id))
            elif op == "upsert":
                _UPSERT[kind](source_id, item["data"])
                seen.setdefault(kind, set()).add(source_id)
            else:
                raise BundleError(f"Thao tác không hợp lệ: {op}")
            counts[kind] = counts.get(kind, 0) + 1
        if bundle.get("full"):
            for kind, model in _MODELS.items():
                _drop(model.objects.exclude(source_id__in=seen[kind]))
    return counts


def loads(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BundleError("Gói tin không đọc được.") from exc
    if not isinstance(data, dict):
        raise BundleError("Gói tin không đọc được.")
    return data


def fresh(bundle: dict[str, Any], now: dt.datetime | None = None) -> bool:
    """A pushed bundle is accepted within MAX_AGE of its sending (no replay later)."""
    raw = bundle.get("sent_at")
    sent = parse_datetime(raw) if isinstance(raw, str) else None
    return sent is not None and abs((now or timezone.now()) - sent) <= MAX_AGE
