from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dangbo.accounts.models import Role
from dangbo.portal.models import Category


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def category(db):
    return Category.objects.create(name="Tin hoạt động", slug="tin-hoat-dong", order=1)


@pytest.fixture
def news(tree, user_with):
    """Writers and editors: of the base committee, of the base cell, of the bloc."""
    return {
        "writer": user_with(Role.NEWS_WRITER, tree["base"]),
        "editor": user_with(Role.NEWS_EDITOR, tree["base"]),
        "other_editor": user_with(Role.NEWS_EDITOR, tree["base_cell"]),
        "bloc_editor": user_with(Role.NEWS_EDITOR, tree["bloc"]),
        "member_editor": user_with(Role.MEMBER, tree["cell_a"]),
    }


@pytest.fixture
def make_article(tree, category, news):
    from dangbo.portal.services import article_save

    def make(
        *, org=None, title="Hội nghị sơ kết công tác đảng", body="<p>Nội dung.</p>", user=None, **kw
    ):
        return article_save(
            org=org or tree["base"],
            category=category,
            title=title,
            body=body,
            acting_user=user or news["writer"],
            **kw,
        )

    return make


def png_bytes(color=(180, 30, 30), size=(800, 600)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def png():
    def make(name="anh.png", **kw):
        return SimpleUploadedFile(name, png_bytes(**kw), content_type="image/png")

    return make
