"""The public portal in headless Chromium: the home page and an article page at phone
(390 px) and desktop (1280 px) widths, with screenshots under the test's tmp dir."""

from __future__ import annotations

import io

import pytest
from browser_fixtures import BROWSER_MARKS
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from dangbo.accounts.models import Role, RoleAssignment

pytestmark = [
    *BROWSER_MARKS,
    pytest.mark.django_db(transaction=True, databases=["default", "portal"]),
]


def _jpeg(color):
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (640, 400), color).save(out, "JPEG")
    return SimpleUploadedFile("anh.jpg", out.getvalue(), content_type="image/jpeg")


@pytest.fixture
def content(tree, settings, tmp_path):
    # Records are written before Playwright starts (see test_member_flow.py).
    from dangbo.portal import services
    from dangbo.portal.models import Category
    from dangbo.portal_public.models import Article

    settings.MEDIA_ROOT = tmp_path / "media"
    editor = get_user_model().objects.create_user(username="bientap", password="x")
    RoleAssignment.objects.create(user=editor, role=Role.NEWS_EDITOR, organization=tree["bloc"])
    news = Category.objects.create(name="Tin hoạt động", slug="tin-hoat-dong", order=1)
    party = Category.objects.create(name="Xây dựng Đảng", slug="xay-dung-dang", order=2)
    titles = [
        "Hội nghị sơ kết công tác xây dựng Đảng 6 tháng đầu năm",
        "Kết nạp 12 đảng viên mới trong quý III",
        "Hội thi Bí thư chi bộ giỏi khối doanh nghiệp",
        "Học tập, quán triệt nghị quyết mới của Trung ương",
    ]
    for i, title in enumerate(titles):
        article = services.article_save(
            org=tree["bloc"],
            category=news if i % 2 else party,
            title=title,
            lead="Tóm tắt nội dung chính của tin bài.",
            body="<p>Đoạn thứ nhất của bài viết.</p><p>Đoạn thứ hai <strong>có chữ đậm</strong>."
            "</p><script>document.title='hacked'</script>",
            image=_jpeg((180, 30 + 40 * i, 30)),
            image_caption="Quang cảnh hội nghị",
            author_name="Thu Hà",
            source="Ban Tuyên giáo",
            featured=i == 0,
            acting_user=editor,
        )
        services.article_publish(article=article, acting_user=editor)
    services.link_save(
        org=tree["bloc"],
        name="Báo điện tử Đảng Cộng sản Việt Nam",
        url="https://dangcongsan.vn",
        acting_user=editor,
    )
    return Article.objects.order_by("pk").first().get_absolute_url()


@pytest.mark.parametrize("width", [390, 1280])
def test_home_and_article_pages(content, live_server, page, width, tmp_path):
    from playwright.sync_api import expect

    outside = []
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else None,
    )
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/")
    expect(page.locator("#featured")).to_contain_text("Hội nghị sơ kết công tác xây dựng Đảng")
    expect(page.locator("#counter")).to_contain_text("Đang online")
    expect(page.locator("#links")).to_contain_text("Báo điện tử Đảng Cộng sản Việt Nam")
    page.screenshot(path=str(tmp_path / f"home-{width}.png"), full_page=True)
    # nothing wider than the phone: no sideways scrolling
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.goto(f"{live_server.url}{content}")
    expect(page.locator("h1.article-title")).to_have_text(
        "Hội nghị sơ kết công tác xây dựng Đảng 6 tháng đầu năm"
    )
    expect(page.locator("#article-date")).to_contain_text("/")
    expect(page.locator(".article-body")).to_contain_text("có chữ đậm")
    expect(page.locator("figcaption.caption")).to_have_text("Quang cảnh hội nghị")
    assert page.title() != "hacked"  # the script was taken out before it was stored
    assert page.evaluate("document.querySelectorAll('.article-body script').length") == 0
    # the image is loaded and fits the screen
    assert page.evaluate("document.querySelector('.figure img').naturalWidth") == 640
    assert (
        page.evaluate("document.querySelector('.figure img').getBoundingClientRect().width")
        <= width
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(tmp_path / f"article-{width}.png"), full_page=True)
    # print: the aside and the menus are not printed
    page.emulate_media(media="print")
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.site-aside')).display") == "none"
    )
    assert outside == [], outside
    assert (tmp_path / f"home-{width}.png").stat().st_size > 10_000
