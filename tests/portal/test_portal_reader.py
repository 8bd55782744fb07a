"""The public pages: home, article, category paging, search, feeds, sitemap, feedback with
its captcha, honeypot and rate limit, the visitor counter."""

from __future__ import annotations

import re

import pytest
from captcha.models import CaptchaStore
from django.core import mail
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from dangbo.portal import services
from dangbo.portal_public import counter
from dangbo.portal_public.models import Feedback, FeedbackStatus, VisitDay

pytestmark = pytest.mark.django_db(databases=["default", "portal"])


@pytest.fixture
def published(make_article, news):
    rows = []
    for i, title in enumerate(
        [
            "Đại hội Chi bộ nhiệm kỳ 2020-2025",
            "Học tập Nghị quyết Trung ương",
            "Kết nạp đảng viên mới",
            "Hội thi Bí thư chi bộ giỏi",
        ]
    ):
        a = make_article(
            title=title,
            lead=f"Tóm tắt {i}",
            body=f"<p>Nội dung số {i}.</p>",
            author_name="Trần Thu Hà",
            source="Ban Tuyên giáo",
            featured=i == 0,
        )
        services.article_publish(article=a, acting_user=news["editor"])
        rows.append(a)
    return rows


def test_home_shows_the_furniture(published):
    html = Client().get("/").content.decode()
    for text in [
        "Mới nhất",
        "Liên kết website",
        "Thống kê truy cập",
        "Đang online",
        "Hôm nay",
        "Lượt truy cập trong tuần",
        "Tổng lượt truy cập",
        "Tin nổi bật",
        "Kết nạp đảng viên mới",
        "Đăng nhập",
    ]:
        assert text in html, text
    assert "https://" not in html.replace('href="https://', "")  # nothing loaded from outside


def test_article_page(published):
    from dangbo.portal_public.models import Article

    copy = Article.objects.get(title="Kết nạp đảng viên mới")
    copy.published_at = copy.published_at.replace(year=2021, month=12, day=6, hour=9)
    copy.save()
    html = Client().get(copy.get_absolute_url()).content.decode()
    assert "Thứ hai, 06/12/2021" in html
    assert "Trần Thu Hà" in html and "Ban Tuyên giáo" in html
    assert "Các tin khác" in html and "Hội thi Bí thư chi bộ giỏi" in html
    assert 'media="print"' in html


def test_category_pages_page(make_article, news):
    for i in range(12):
        services.article_publish(
            article=make_article(title=f"Tin số {i:02d}"), acting_user=news["editor"]
        )
    client = Client()
    first = _main(client.get("/tin-tuc/tin-hoat-dong/"))
    second = _main(client.get("/tin-tuc/tin-hoat-dong/?trang=2"))
    assert "Trang 1/2" in first and "Tin số 11" in first and "Tin số 00" not in first
    assert "Tin số 00" in second and "Tin số 11" not in second


def _main(response):
    return response.content.decode().split('id="content"', 1)[1].split("</main>", 1)[0]


def test_search_ignores_diacritics(published):
    html = _main(Client().get("/tim-kiem/", {"q": "NGHI QUYET trung uong"}))
    assert "Học tập Nghị quyết Trung ương" in html and "Kết nạp đảng viên mới" not in html
    assert re.search(r'id="hit-count">1<', html)


def test_rss_and_sitemap(published):
    client = Client()
    rss = client.get("/rss/")
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert rss.content.decode().count("<item>") == 4
    assert "Kết nạp đảng viên mới" in client.get("/rss/tin-hoat-dong/").content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/tin-tuc/tin-hoat-dong/ket-nap-dang-vien-moi/" in sitemap
    assert sitemap.count("<url>") == 4 + 1 + 5


def _captcha(client):
    html = client.get("/gop-y/").content.decode()
    key = re.search(r'name="captcha_0" value="([0-9a-f]+)"', html)[1]
    return key, CaptchaStore.objects.get(hashkey=key).response


def test_wrong_captcha_is_refused_and_stores_nothing(published):
    client = Client()
    key, _answer = _captcha(client)
    response = client.post(
        "/gop-y/",
        {
            "name": "Lê Văn An",
            "title": "Hỏi",
            "content": "Nội dung",
            "captcha_0": key,
            "captcha_1": "sai",
        },
    )
    assert response.status_code == 400
    assert "Mã kiểm tra không đúng" in response.content.decode()
    assert "Nội dung" in response.content.decode()  # what was typed is kept
    assert not Feedback.objects.exists()


def test_right_captcha_waits_for_moderation(published, settings, news):
    settings.DANGBO_PORTAL_FEEDBACK_EMAIL = "tuyengiao@example.vn"
    client = Client()
    key, answer = _captcha(client)
    response = client.post(
        "/gop-y/",
        {
            "name": "Lê Văn An",
            "title": "Đề nghị về sinh hoạt",
            "content": "Xin hỏi lịch sinh hoạt chuyên đề",
            "captcha_0": key,
            "captcha_1": answer,
        },
    )
    assert response.status_code == 302
    letter = Feedback.objects.get()
    assert letter.status == FeedbackStatus.PENDING and letter.section.name == "Đảng bộ Sở Tài chính"
    assert len(mail.outbox) == 1 and "Đề nghị về sinh hoạt" in mail.outbox[0].subject
    assert "Đề nghị về sinh hoạt" not in client.get("/gop-y/").content.decode()
    # the moderator is told in the back office, and publishes it
    editor = Client()
    editor.force_login(news["editor"])
    assert re.search(
        r"chờ duyệt: <strong>1</strong>", editor.get("/quan-ly/cong-thong-tin/").content.decode()
    )
    assert "Đề nghị về sinh hoạt" in editor.get("/quan-ly/cong-thong-tin/gop-y/").content.decode()
    other = Client()
    other.force_login(news["other_editor"])
    assert (
        "Đề nghị về sinh hoạt" not in other.get("/quan-ly/cong-thong-tin/gop-y/").content.decode()
    )
    assert (
        other.post(
            f"/quan-ly/cong-thong-tin/gop-y/{letter.pk}/duyet/",
            {"status": "published", "answer": "x"},
        ).status_code
        == 404
    )
    editor.post(
        f"/quan-ly/cong-thong-tin/gop-y/{letter.pk}/duyet/",
        {"status": "published", "answer": "Lịch sinh hoạt vào ngày 5 hằng tháng."},
    )
    html = client.get("/gop-y/").content.decode()
    assert "Đề nghị về sinh hoạt" in html and "ngày 5 hằng tháng" in html


def test_honeypot_stores_nothing(published):
    client = Client()
    key, answer = _captcha(client)
    response = client.post(
        "/gop-y/",
        {
            "name": "Robot",
            "title": "Quảng cáo",
            "content": "Mua ngay",
            "website": "http://spam.example",
            "captcha_0": key,
            "captcha_1": answer,
        },
    )
    assert response.status_code == 302  # the robot is not told
    assert not Feedback.objects.exists()


def test_rate_limit_per_address(published):
    client = Client(REMOTE_ADDR="203.0.113.7")
    for i in range(3):
        key, answer = _captcha(client)
        client.post(
            "/gop-y/",
            {
                "name": "An",
                "title": f"Góp ý {i}",
                "content": "Nội dung",
                "captcha_0": key,
                "captcha_1": answer,
            },
        )
    key, answer = _captcha(client)
    response = client.post(
        "/gop-y/",
        {
            "name": "An",
            "title": "Góp ý 4",
            "content": "Nội dung",
            "captcha_0": key,
            "captcha_1": answer,
        },
    )
    assert response.status_code == 429
    assert (
        "Bạn đã gửi nhiều góp ý trong thời gian ngắn. Xin thử lại sau ít phút."
        in response.content.decode()
    )
    assert Feedback.objects.count() == 3
    other = Client(REMOTE_ADDR="198.51.100.9")
    key, answer = _captcha(other)
    assert (
        other.post(
            "/gop-y/",
            {
                "name": "Bình",
                "title": "Khác",
                "content": "Nội dung",
                "captcha_0": key,
                "captcha_1": answer,
            },
        ).status_code
        == 302
    )
    # the address itself is stored nowhere in the portal database
    with connections["portal"].cursor() as cursor:
        for table in connections["portal"].introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - our own table names
            assert "203.0.113.7" not in repr(cursor.fetchall())


def test_the_counter_counts_visitors_not_identities(published):
    a = Client(REMOTE_ADDR="203.0.113.1", HTTP_USER_AGENT="Trình duyệt A")
    b = Client(REMOTE_ADDR="203.0.113.2", HTTP_USER_AGENT="Trình duyệt B")
    a.get("/")
    a.get("/tin-tuc/tin-hoat-dong/")
    b.get("/")
    day = VisitDay.objects.get()
    assert (day.views, day.visitors) == (3, 2)
    from django.core.cache import cache

    cache.delete(counter._TOTALS_KEY)  # the minute of the cached totals is over
    totals = counter.totals()
    assert (totals.online, totals.today, totals.week, totals.all) == (2, 2, 2, 2)
    html = a.get("/").content.decode()
    assert re.search(r'id="count-online">2<', html) and re.search(r'id="count-all">2<', html)
    assert "Trình duyệt A" not in repr(list(VisitDay.objects.values()))


def test_the_counter_survives_a_restart(published):
    from django.core.cache import cache

    Client(REMOTE_ADDR="203.0.113.1").get("/")
    cache.clear()  # a restart empties the cache
    totals = counter.totals()
    assert totals.online == 0 and totals.today == 1 and totals.all == 1


def test_online_forgets_after_five_minutes(db):
    from django.test import RequestFactory

    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.5")
    counter.count_visit(request, now=1_000_000.0)
    assert counter.online_now(now=1_000_000.0 + 60) == 1
    assert counter.online_now(now=1_000_000.0 + 6 * 60) == 0


def test_home_is_cheap(published):
    client = Client()
    client.get("/")
    with (
        CaptureQueriesContext(connections["portal"]) as portal_q,
        CaptureQueriesContext(connections["default"]) as main_q,
    ):
        assert client.get("/").status_code == 200
    assert len(main_q) == 0  # the public pages never touch the main database
    assert len(portal_q) <= 15, [q["sql"] for q in portal_q]
