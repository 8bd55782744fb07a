"""The portal follows the back office: documents withdrawn (by hand and when they turn
secret), files deleted with their rows, pushes after the main commit (a failed push keeps
the secrecy mark), galleries and videos following their edits, the counter, the pull."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from django.utils import timezone

from dangbo.core.secrecy import Secrecy
from dangbo.portal import publish, services
from dangbo.portal.models import ArticleState, PublishedDocument
from dangbo.portal_public import bundle, counter
from dangbo.portal_public import models as pub

pytestmark = pytest.mark.django_db(databases=["default", "portal"])


def _document(org, **kw):
    from dangbo.programmes.models import Document

    fields = {
        "org": org,
        "doc_type": "NQ",
        "code": "05-NQ/ĐU",
        "issued_on": dt.date(2021, 3, 2),
        "subject": "Nghị quyết về công tác phát triển đảng viên",
        "is_public": True,
        "file": SimpleUploadedFile("nghi-quyet.pdf", b"%PDF-1.4 noi dung"),
    }
    fields.update(kw)
    return Document.objects.create(**fields)


def _path(field) -> Path:
    return Path(field.path)


def _published_document(tree, news):
    doc = _document(tree["base"])
    services.document_publish(document=doc, acting_user=news["editor"])
    copy = pub.Document.objects.get(source_id=doc.pk)
    assert _path(copy.file).exists()
    assert Client().get(copy.file.url).status_code == 200
    return doc, copy


def test_document_marked_secret_leaves_the_portal(tree, news, django_capture_on_commit_callbacks):
    from dangbo.programmes import services as programmes

    doc, copy = _published_document(tree, news)
    assert (
        "Nghị quyết về công tác phát triển đảng viên" in Client().get("/van-ban/").content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        programmes.document_update(
            document=doc, subject=doc.subject, secrecy=Secrecy.SECRET, is_public=False
        )
    assert not pub.Document.objects.exists()
    assert "Nghị quyết về công tác" not in Client().get("/van-ban/").content.decode()
    assert not _path(copy.file).exists()
    assert Client().get(copy.file.url).status_code == 404
    assert not PublishedDocument.objects.exists()


def test_document_still_public_gets_its_new_metadata(
    tree, news, django_capture_on_commit_callbacks
):
    from dangbo.programmes import services as programmes

    doc, _copy = _published_document(tree, news)
    with django_capture_on_commit_callbacks(execute=True):
        programmes.document_update(
            document=doc, subject="Nghị quyết đã sửa trích yếu", secrecy="", is_public=True
        )
    assert pub.Document.objects.get(source_id=doc.pk).subject == "Nghị quyết đã sửa trích yếu"


def test_an_unpublished_public_document_is_not_published_by_an_edit(
    tree, django_capture_on_commit_callbacks
):
    from dangbo.programmes import services as programmes

    doc = _document(tree["base"])
    with django_capture_on_commit_callbacks(execute=True):
        programmes.document_update(document=doc, subject="Sửa", secrecy="", is_public=True)
    assert not pub.Document.objects.exists()


def test_withdraw_button_takes_a_document_down(tree, news):
    doc, copy = _published_document(tree, news)
    client = Client()
    client.force_login(news["editor"])
    page = client.get("/quan-ly/cong-thong-tin/van-ban-cong-khai/").content.decode()
    assert f"/quan-ly/cong-thong-tin/van-ban-cong-khai/{doc.pk}/go/" in page
    other = Client()
    other.force_login(news["other_editor"])
    assert other.post(f"/quan-ly/cong-thong-tin/van-ban-cong-khai/{doc.pk}/go/").status_code == 404
    assert pub.Document.objects.exists()
    response = client.post(f"/quan-ly/cong-thong-tin/van-ban-cong-khai/{doc.pk}/go/", follow=True)
    assert "Đã gỡ văn bản" in response.content.decode()
    assert not pub.Document.objects.exists() and not _path(copy.file).exists()
    assert not PublishedDocument.objects.exists()


def test_withdrawn_article_takes_its_image_down(make_article, news, png):
    article = make_article(image=png())
    services.article_publish(article=article, acting_user=news["editor"])
    copy = pub.Article.objects.get()
    image = _path(copy.image)
    url = copy.image.url
    assert image.exists() and Client().get(url).status_code == 200
    services.article_withdraw(article=article, acting_user=news["editor"])
    assert not image.exists()
    assert Client().get(url).status_code == 404


def test_republishing_replaces_files_and_attachments(make_article, news, png):
    article = make_article(image=png())
    services.attachment_add(
        article=article,
        title="Kế hoạch",
        file=SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4"),
        acting_user=news["writer"],
    )
    services.article_publish(article=article, acting_user=news["editor"])
    copy = pub.Article.objects.get()
    images, files = _path(copy.image).parent, _path(copy.attachments.get().file).parent
    for _ in range(2):
        services.article_publish(article=article, acting_user=news["editor"])
    copy = pub.Article.objects.get()
    assert _path(copy.image).exists() and _path(copy.attachments.get().file).exists()
    # one file each: the replaced ones are gone, not left beside under another name
    assert len(list(images.iterdir())) == 1 and len(list(files.iterdir())) == 1


def test_full_import_deletes_the_files_it_removes(make_article, news, png):
    article = make_article(image=png())
    services.article_publish(article=article, acting_user=news["editor"])
    image = _path(pub.Article.objects.get().image)
    bundle.apply(bundle.make([], full=True))
    assert not pub.Article.objects.exists() and not image.exists()


def _secret_edit(article, tree, category, news):
    return services.article_save(
        article=article,
        org=tree["base"],
        category=category,
        title=article.title,
        secrecy=Secrecy.SECRET,
        acting_user=news["editor"],
    )


def test_push_runs_only_after_the_main_commit(
    make_article, news, tree, category, django_capture_on_commit_callbacks
):
    article = make_article()
    services.article_publish(article=article, acting_user=news["editor"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _secret_edit(article, tree, category, news)
        assert pub.Article.objects.exists()  # nothing pushed inside the transaction
    assert len(callbacks) == 1


def test_failed_push_keeps_the_secrecy_mark(
    make_article, news, tree, category, monkeypatch, django_capture_on_commit_callbacks
):
    article = make_article()
    services.article_publish(article=article, acting_user=news["editor"])
    real = publish.deliver

    def broken(payload):
        raise publish.PushFailed("Không gửi được sang cổng thông tin: mất kết nối")

    monkeypatch.setattr(publish, "deliver", broken)
    with django_capture_on_commit_callbacks(execute=True):
        saved = _secret_edit(article, tree, category, news)
    article.refresh_from_db()
    assert article.secrecy == Secrecy.SECRET  # the mark stands
    assert article.state == ArticleState.PUBLISHED  # still on the portal: withdraw again
    assert "chưa cập nhật được cổng thông tin" in services.portal_error(saved)
    assert pub.Article.objects.exists()
    # over HTTP the editor is told, and withdrawing again fails cleanly while the link is down
    client = Client()
    client.force_login(news["editor"])
    response = client.post(f"/quan-ly/cong-thong-tin/tin-bai/{article.pk}/go/", follow=True)
    assert "Chưa cập nhật được cổng thông tin" in response.content.decode()
    article.refresh_from_db()
    assert article.state == ArticleState.PUBLISHED
    monkeypatch.setattr(publish, "deliver", real)
    client.post(f"/quan-ly/cong-thong-tin/tin-bai/{article.pk}/go/")
    article.refresh_from_db()
    assert article.state == ArticleState.WITHDRAWN and not pub.Article.objects.exists()


@pytest.mark.django_db(transaction=True, databases=["default", "portal"])
def test_failed_push_is_shown_on_the_edit_page(make_article, news, category, tree, monkeypatch):
    """A real commit (no test transaction): the push runs as the service's transaction ends."""
    article = make_article()
    services.article_publish(article=article, acting_user=news["editor"])

    def broken(payload):
        raise publish.PushFailed("mất kết nối")

    monkeypatch.setattr(publish, "deliver", broken)
    client = Client()
    client.force_login(news["editor"])
    response = client.post(
        f"/quan-ly/cong-thong-tin/tin-bai/{article.pk}/sua/",
        {
            "org": tree["base"].pk,
            "category": category.pk,
            "title": article.title,
            "body": "<p>a</p>",
            "secrecy": Secrecy.SECRET,
            "expected_version": type(article).objects.get(pk=article.pk).version,
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "chưa cập nhật được cổng thông tin" in page
    article.refresh_from_db()
    assert article.secrecy == Secrecy.SECRET


def test_photo_added_to_a_published_gallery_reaches_the_portal(
    tree, news, png, django_capture_on_commit_callbacks
):
    gallery = services.gallery_save(org=tree["base"], title="Hội thao", acting_user=news["writer"])
    services.photo_add(gallery=gallery, image=png(), caption="Một", acting_user=news["writer"])
    services.item_publish(obj=gallery, acting_user=news["editor"])
    with django_capture_on_commit_callbacks(execute=True):
        services.photo_add(gallery=gallery, image=png(), caption="Hai", acting_user=news["writer"])
    copy = pub.Gallery.objects.get()
    assert sorted(copy.photos.values_list("caption", flat=True)) == ["Hai", "Một"]


def test_gallery_and_video_marked_secret_leave_the_portal(
    tree, news, png, django_capture_on_commit_callbacks
):
    gallery = services.gallery_save(org=tree["base"], title="Hội thao", acting_user=news["writer"])
    services.photo_add(gallery=gallery, image=png(), caption="Một", acting_user=news["writer"])
    services.item_publish(obj=gallery, acting_user=news["editor"])
    thumb = _path(pub.Photo.objects.get().thumb)
    video = services.video_save(
        org=tree["base"],
        title="Phóng sự",
        file=SimpleUploadedFile("a.mp4", b"video"),
        acting_user=news["writer"],
    )
    services.item_publish(obj=video, acting_user=news["editor"])
    video_file = _path(pub.Video.objects.get().file)
    with django_capture_on_commit_callbacks(execute=True):
        services.gallery_save(
            gallery=gallery,
            org=tree["base"],
            title="Hội thao",
            secrecy=Secrecy.SECRET,
            acting_user=news["writer"],
        )
        services.video_save(
            video=video,
            org=tree["base"],
            title="Phóng sự",
            secrecy=Secrecy.SECRET,
            acting_user=news["writer"],
        )
    gallery.refresh_from_db()
    video.refresh_from_db()
    assert not gallery.is_published and not video.is_published
    assert not pub.Gallery.objects.exists() and not pub.Video.objects.exists()
    assert not thumb.exists() and not video_file.exists()


def test_counter_totals_expire_instead_of_being_dropped(db):
    factory = RequestFactory()
    counter.count_visit(factory.get("/", REMOTE_ADDR="203.0.113.1"))
    assert counter.totals().today == 1
    counter.count_visit(factory.get("/", REMOTE_ADDR="203.0.113.2"))
    assert counter.totals().today == 1  # cached for the minute
    cache.delete(counter._TOTALS_KEY)
    assert counter.totals().today == 2


def test_counter_new_day_row_does_not_recount_a_counted_visitor(db):
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9")
    counter.count_visit(request)
    pub.VisitDay.objects.all().delete()  # the row is made again (another process, a purge)
    counter.count_visit(request)
    day = pub.VisitDay.objects.get()
    assert (day.views, day.visitors) == (1, 0)


def test_counter_labels_say_visits(make_article, news):
    services.article_publish(article=make_article(), acting_user=news["editor"])
    html = Client().get("/").content.decode()
    assert "Lượt truy cập trong tuần" in html and "Tổng lượt truy cập" in html


def test_feedback_pull_gives_pending_letters_after_a_cursor(settings):
    settings.DANGBO_PORTAL_PUSH_SECRET = "bi-mat"  # noqa: S105 - a test value
    letters = [
        pub.Feedback.objects.create(name="An", title=f"Thư {i}", content="x") for i in range(3)
    ]
    pub.Feedback.objects.filter(pk=letters[1].pk).update(status=pub.FeedbackStatus.PUBLISHED)

    def pull(**extra):
        body = json.dumps({"sent_at": timezone.now().isoformat(), **extra}).encode()
        return Client().post(
            "/nhan-ban-tin/gop-y/",
            body,
            content_type="application/json",
            headers={bundle.SIGNATURE_HEADER: bundle.sign(body, "bi-mat")},
        )

    assert [x["title"] for x in pull().json()["letters"]] == ["Thư 0", "Thư 2"]
    assert [x["title"] for x in pull(after=letters[0].pk).json()["letters"]] == ["Thư 2"]
    assert pull(after="x").status_code == 400
