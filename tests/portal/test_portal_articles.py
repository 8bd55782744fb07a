"""States and permissions of articles, sanitizing, revisions, scheduling, secrecy."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from dangbo.accounts.models import AuditAction, AuditEntry
from dangbo.core.secrecy import Secrecy, SecretRefused
from dangbo.portal import services
from dangbo.portal.models import ArticleState
from dangbo.portal_public import models as pub

pytestmark = pytest.mark.django_db(databases=["default", "portal"])


def test_writer_submits_editor_publishes(make_article, news):
    article = make_article()
    assert article.state == ArticleState.DRAFT
    services.article_submit(article=article, acting_user=news["writer"])
    assert article.state == ArticleState.REVIEW
    with pytest.raises(PermissionDenied):
        services.article_publish(article=article, acting_user=news["writer"])
    assert not pub.Article.objects.exists()
    services.article_publish(article=article, acting_user=news["editor"])
    copy = pub.Article.objects.get(source_id=article.pk)
    assert copy.title == article.title and copy.section.name == "Đảng bộ Sở Tài chính"
    assert (
        AuditEntry.objects.filter(action=AuditAction.CHANGE, object_type="portal_article").count()
        >= 3
    )


def test_writer_of_a_base_cannot_publish_over_http(make_article, news):
    article = make_article()
    client = Client()
    client.force_login(news["writer"])
    response = client.post(f"/quan-ly/cong-thong-tin/tin-bai/{article.pk}/dang/")
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.state == ArticleState.DRAFT
    assert not pub.Article.objects.exists()


def test_no_one_edits_another_organizations_section(make_article, news, tree, category):
    article = make_article()
    # an editor of the base cell beside it neither sees nor changes the base's article
    with pytest.raises(PermissionDenied):
        services.article_save(
            article=article,
            org=tree["base"],
            category=category,
            title="Sửa",
            acting_user=news["other_editor"],
        )
    with pytest.raises(PermissionDenied):
        services.article_publish(article=article, acting_user=news["other_editor"])
    client = Client()
    client.force_login(news["other_editor"])
    assert client.get(f"/quan-ly/cong-thong-tin/tin-bai/{article.pk}/sua/").status_code == 404
    # the writer of the base cannot write in the base cell's section
    with pytest.raises(PermissionDenied):
        services.article_save(
            org=tree["base_cell"], category=category, title="Tin", acting_user=news["writer"]
        )
    # the bloc's editor sees and publishes every section below
    services.article_publish(article=article, acting_user=news["bloc_editor"])
    assert pub.Article.objects.filter(source_id=article.pk).exists()


def test_writer_cannot_edit_once_submitted(make_article, news, tree, category):
    article = make_article()
    services.article_submit(article=article, acting_user=news["writer"])
    with pytest.raises(PermissionDenied):
        services.article_save(
            article=article,
            org=tree["base"],
            category=category,
            title="Đổi tên",
            acting_user=news["writer"],
        )
    services.article_return(article=article, acting_user=news["editor"], note="Bổ sung số liệu")
    assert article.state == ArticleState.DRAFT and article.review_note == "Bổ sung số liệu"
    services.article_save(
        article=article,
        org=tree["base"],
        category=category,
        title="Đổi tên",
        acting_user=news["writer"],
    )


def test_script_never_reaches_a_reader(make_article, news):
    body = (
        '<p onclick="steal()">Tin <strong>đậm</strong></p><script>alert("x")</script>'
        '<a href="javascript:alert(1)">liên kết</a><img src="x.png" onerror="boom()">'
    )
    article = make_article(body=body)
    assert "<script" not in article.body and "onclick" not in article.body
    assert "javascript:" not in article.body and "onerror" not in article.body
    assert "<strong>đậm</strong>" in article.body
    services.article_publish(article=article, acting_user=news["editor"])
    page = Client().get(pub.Article.objects.get().get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200 and "Tin <strong>đậm</strong>" in html
    assert "alert(" not in html and "steal()" not in html and "boom()" not in html


def test_vietnamese_address_without_diacritics(make_article, news):
    article = make_article(title="Đảng ủy Khối tổng kết năm 2021")
    assert article.slug == "dang-uy-khoi-tong-ket-nam-2021"
    services.article_publish(article=article, acting_user=news["editor"])
    assert pub.Article.objects.get().get_absolute_url() == (
        "/tin-tuc/tin-hoat-dong/dang-uy-khoi-tong-ket-nam-2021/"
    )


def test_secret_article_is_never_published(make_article, news):
    article = make_article(secrecy=Secrecy.SECRET)
    services.article_submit(article=article, acting_user=news["writer"])
    with pytest.raises(SecretRefused):
        services.article_publish(article=article, acting_user=news["editor"])
    article.refresh_from_db()
    assert article.state == ArticleState.REVIEW
    assert not pub.Article.objects.exists()
    assert AuditEntry.objects.filter(action=AuditAction.REFUSED, object_id=str(article.pk)).exists()
    client = Client()
    client.force_login(news["editor"])
    assert client.post(f"/quan-ly/cong-thong-tin/tin-bai/{article.pk}/dang/").status_code == 403
    assert AuditEntry.objects.filter(action=AuditAction.REFUSED).count() == 2


def test_marking_a_published_article_secret_removes_it(
    make_article, news, tree, category, django_capture_on_commit_callbacks
):
    article = make_article()
    services.article_publish(article=article, acting_user=news["editor"])
    with django_capture_on_commit_callbacks(execute=True):
        services.article_save(
            article=article,
            org=tree["base"],
            category=category,
            title=article.title,
            secrecy=Secrecy.SECRET,
            acting_user=news["editor"],
        )
    article.refresh_from_db()
    assert article.state == ArticleState.WITHDRAWN
    assert not pub.Article.objects.exists()


def test_withdraw_removes_from_portal(make_article, news):
    article = make_article()
    services.article_publish(article=article, acting_user=news["editor"])
    services.article_withdraw(article=article, acting_user=news["editor"])
    assert not pub.Article.objects.exists()


def test_revisions_and_restore(make_article, news, tree, category):
    article = make_article(title="Bản đầu", body="<p>Một</p>")
    services.article_save(
        article=article,
        org=tree["base"],
        category=category,
        title="Bản sau",
        body="<p>Hai</p>",
        acting_user=news["writer"],
    )
    first, second = article.revisions.order_by("pk")
    assert set(second.changed) == {"title", "body"} and second.user == news["writer"]
    services.article_restore(revision=first, acting_user=news["writer"])
    article.refresh_from_db()
    assert article.title == "Bản đầu" and article.body == "<p>Một</p>"
    assert article.revisions.count() == 3
    assert article.revisions.first().note.startswith("Khôi phục")


def test_scheduled_article_waits_for_its_time(make_article, news):
    later = timezone.now() + dt.timedelta(days=2)
    article = make_article(publish_at=later)
    services.article_publish(article=article, acting_user=news["editor"])
    copy = pub.Article.objects.get()
    client = Client()
    assert client.get(copy.get_absolute_url()).status_code == 404
    assert article.title not in client.get("/").content.decode()
    pub.Article.objects.update(published_at=timezone.now() - dt.timedelta(minutes=1))
    assert client.get(copy.get_absolute_url()).status_code == 200


def test_draft_from_report(tree, news):
    article = services.article_draft_from_report(
        org=tree["bloc"],
        title="Một số kết quả nổi bật 9 tháng đầu năm 2021",
        body_html="<p>Kết nạp 116/120 đảng viên, đạt 96,67%.</p><script>x()</script>",
        source_note="Báo cáo số 12-BC/ĐU ngày 30/9/2021",
        user=news["bloc_editor"],
    )
    assert article.state == ArticleState.DRAFT and article.source.startswith("Báo cáo số 12")
    assert "96,67%" in article.body and "<script" not in article.body
    assert article.revisions.get().note == "Tạo từ báo cáo"


def test_the_editor_pages_answer(make_article, news, png):
    article = make_article()
    client = Client()
    client.force_login(news["editor"])
    for url in [
        "",
        "tin-bai/",
        "tin-bai/them/",
        f"tin-bai/{article.pk}/",
        f"tin-bai/{article.pk}/sua/",
        "chuyen-muc/",
        "thu-vien-anh/",
        "video/",
        "lien-ket/",
        "van-ban-cong-khai/",
        "gop-y/",
        "thong-ke/",
    ]:
        response = client.get(f"/quan-ly/cong-thong-tin/{url}")
        assert response.status_code == 200, url
    page = client.get("/quan-ly/cong-thong-tin/tin-bai/them/").content.decode()
    assert "django_prose_editor/editor.js" in page and "https://" not in page


def test_create_over_http_keeps_input_on_error(news, category, tree):
    client = Client()
    client.force_login(news["writer"])
    response = client.post(
        "/quan-ly/cong-thong-tin/tin-bai/them/",
        {"org": tree["base"].pk, "category": category.pk, "title": "", "lead": "Giữ lại sa-pô"},
    )
    html = response.content.decode()
    assert "Xin nhập tiêu đề." in html and "Giữ lại sa-pô" in html
    response = client.post(
        "/quan-ly/cong-thong-tin/tin-bai/them/",
        {"org": tree["base"].pk, "category": category.pk, "title": "Tin mới", "body": "<p>a</p>"},
    )
    assert response.status_code == 302


def test_member_has_no_portal_back_office(news):
    client = Client()
    client.force_login(news["member_editor"])
    assert client.get("/quan-ly/cong-thong-tin/").status_code == 403


def test_gallery_photo_gets_a_thumbnail_and_publishes(tree, news, png):
    from PIL import Image

    gallery = services.gallery_save(
        org=tree["base"], title="Hội thao truyền thống", acting_user=news["writer"]
    )
    photo = services.photo_add(
        gallery=gallery, image=png(), caption="Khai mạc", acting_user=news["writer"]
    )
    with Image.open(photo.thumb.path) as thumb:
        assert thumb.size[0] <= 480 and thumb.size[1] <= 360
    with pytest.raises(PermissionDenied):
        services.item_publish(obj=gallery, acting_user=news["writer"])
    services.item_publish(obj=gallery, acting_user=news["editor"])
    copy = pub.Gallery.objects.get(source_id=gallery.pk)
    assert copy.photos.get().caption == "Khai mạc"
    html = Client().get(f"/thu-vien-anh/{copy.slug}/").content.decode()
    assert "Khai mạc" in html and copy.photos.get().thumb.url in html


def test_secret_gallery_refused(tree, news):
    gallery = services.gallery_save(
        org=tree["base"], title="Album nội bộ", secrecy=Secrecy.SECRET, acting_user=news["writer"]
    )
    with pytest.raises(SecretRefused):
        services.item_publish(obj=gallery, acting_user=news["editor"])
    assert not pub.Gallery.objects.exists()
    assert AuditEntry.objects.filter(action=AuditAction.REFUSED).exists()


def _document(org, **kw):
    from dangbo.programmes.models import Document

    fields = {
        "org": org,
        "doc_type": "NQ",
        "code": "05-NQ/ĐU",
        "issued_on": dt.date(2021, 3, 2),
        "subject": "Nghị quyết về công tác phát triển đảng viên",
        "is_public": True,
    }
    fields.update(kw)
    return Document.objects.create(**fields)


def test_public_document_published_secret_refused(tree, news):
    public = _document(tree["base"])
    secret = _document(
        tree["base"], code="06-NQ/ĐU", subject="Nghị quyết mật", secrecy=Secrecy.SECRET
    )
    client = Client()
    client.force_login(news["editor"])
    listing = client.get("/quan-ly/cong-thong-tin/van-ban-cong-khai/").content.decode()
    assert "05-NQ/ĐU" in listing and "06-NQ/ĐU" not in listing
    assert (
        client.post(f"/quan-ly/cong-thong-tin/van-ban-cong-khai/{secret.pk}/dang/").status_code
        == 403
    )
    assert AuditEntry.objects.filter(action=AuditAction.REFUSED, object_id=str(secret.pk)).exists()
    assert not pub.Document.objects.exists()
    client.post(f"/quan-ly/cong-thong-tin/van-ban-cong-khai/{public.pk}/dang/")
    assert list(pub.Document.objects.values_list("code", "doc_type")) == [
        ("05-NQ/ĐU", "Nghị quyết")
    ]
    html = Client().get("/van-ban/").content.decode()
    assert "Nghị quyết về công tác phát triển đảng viên" in html and "Nghị quyết mật" not in html
