"""The portal in the scope walk. The public pages are public by design, so B's marker goes
only to what is not public: drafts, pieces in review, unpublished galleries and videos, and
feedback waiting for moderation (in the portal database, in B's section). B's section is
published under a neutral name; A has a published article."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from dangbo.portal import services
from dangbo.portal.models import Article, ArticleRevision, Category, Gallery, Video
from dangbo.portal_public.models import Feedback, Section

SEGMENT_KINDS = {
    "tin-bai": "portal_article",
    "phien-ban": "portal_revision",
    "thu-vien-anh": "portal_gallery",
    "video": "portal_video",
    "gop-y": "portal_feedback",
    "van-ban-cong-khai": "document",
}
NEUTRAL_PARAMS = {
    "category": ["tin-hoat-dong"],
    "slug": ["tin-cong-khai-alpha"],
    "section": ["chuyen-trang-b"],
    "path": ["anh.jpg"],
}


def build(parts: Any) -> dict[str, dict[str, list[int]]]:
    admin = get_user_model().objects.create_superuser(username="scope_portal", password=None)
    category = Category.objects.create(name="Tin hoạt động", slug="tin-hoat-dong")
    ids: dict[str, dict[str, list[int]]] = {}
    for side in ("A", "B"):
        text = parts.MARK if side == "B" else "Alpha"
        base = parts.orgs[f"{side.lower()}_base"]
        draft = services.article_save(
            org=base,
            category=category,
            title=f"Bản nháp {text}",
            body=f"<p>Nháp {text}</p>",
            acting_user=admin,
        )
        review = services.article_save(
            org=base,
            category=category,
            title=f"Chờ duyệt {text}",
            lead=f"Sa-pô {text}",
            acting_user=admin,
        )
        services.article_submit(article=review, acting_user=admin)
        gallery = services.gallery_save(org=base, title=f"Album {text}", acting_user=admin)
        video = services.video_save(org=base, title=f"Video {text}", acting_user=admin)
        if side == "A":
            public = services.article_save(
                org=base, category=category, title="Tin công khai Alpha", acting_user=admin
            )
            services.article_publish(article=public, acting_user=admin)
        section, _ = Section.objects.get_or_create(
            source_id=base.pk, defaults={"slug": f"chuyen-trang-{side.lower()}",
                                         "name": f"Chuyên trang {side}"},
        )  # fmt: skip
        letter = Feedback.objects.create(
            section=section,
            name=f"Người gửi {text}",
            title=f"Góp ý {text}",
            content=f"Nội dung {text}",
        )
        articles = [draft.pk, review.pk] + ([public.pk] if side == "A" else [])
        ids[side] = {
            "portal_article": articles,
            "portal_revision": list(
                ArticleRevision.objects.filter(article_id__in=articles).values_list("pk", flat=True)
            ),
            "portal_gallery": [gallery.pk],
            "portal_video": [video.pk],
            "portal_feedback": [letter.pk],
        }
    return ids


def snapshot(parts: Any) -> list:
    b = parts.orgs["b_base"]
    return [
        list(Article.objects.filter(org=b).order_by("pk").values_list("pk", "title", "state")),
        list(Gallery.objects.filter(org=b).values_list("pk", "title", "is_published")),
        list(Video.objects.filter(org=b).values_list("pk", "title", "is_published")),
        list(
            Feedback.objects.filter(section__source_id=b.pk).values_list("pk", "status", "answer")
        ),
    ]
