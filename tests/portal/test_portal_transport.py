"""The ways published content reaches the portal: the signed push and the bundle file."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import urllib.request

import pytest
from django.test import Client
from django.utils import timezone

from dangbo.portal import publish, services
from dangbo.portal_public import bundle
from dangbo.portal_public import models as pub

pytestmark = pytest.mark.django_db(databases=["default", "portal"])

SECRET = "bi-mat-chung-cua-hai-ben"  # noqa: S105 - a test value


def _post(client, payload, secret=SECRET):
    body = json.dumps(payload).encode()
    return client.post(
        "/nhan-ban-tin/",
        body,
        content_type="application/json",
        headers={bundle.SIGNATURE_HEADER: bundle.sign(body, secret)},
    )


def test_push_endpoint_checks_the_signature(settings, make_article):
    settings.DANGBO_PORTAL_PUSH_SECRET = SECRET
    article = make_article(title="Tin gửi qua mạng")
    payload = bundle.make([publish.article_item(article)])
    client = Client()
    assert _post(client, payload, secret="sai").status_code == 403
    assert not pub.Article.objects.exists()
    stale = {**payload, "sent_at": (timezone.now() - bundle.MAX_AGE * 2).isoformat()}
    assert _post(client, stale).status_code == 403
    assert _post(client, {**payload, "format": "khac"}).status_code == 400
    response = _post(client, payload)
    assert response.status_code == 200 and response.json()["counts"] == {"article": 1}
    assert pub.Article.objects.get().title == "Tin gửi qua mạng"


def test_push_endpoint_is_off_without_a_secret(settings):
    settings.DANGBO_PORTAL_PUSH_SECRET = ""
    assert (
        Client().post("/nhan-ban-tin/", b"{}", content_type="application/json").status_code == 404
    )


def test_publish_pushes_when_a_push_address_is_set(settings, monkeypatch, make_article, news):
    """The back office of a split deployment: publish() signs and POSTs the bundle."""
    settings.DANGBO_PORTAL_PUSH_SECRET = SECRET
    settings.DANGBO_PORTAL_PUSH_URL = "https://cong.example.vn/nhan-ban-tin/"
    sent = []

    def fake_urlopen(request, timeout):
        sent.append(request)
        response = Client().post(
            "/nhan-ban-tin/",
            request.data,
            content_type="application/json",
            headers={bundle.SIGNATURE_HEADER: request.get_header("X-dangbo-signature")},
        )
        return io.BytesIO(response.content)

    monkeypatch.setattr(urllib.request, "urlopen", fake_urlopen)
    article = make_article(title="Tin đăng từ mạng nội bộ")
    services.article_publish(article=article, acting_user=news["editor"])
    assert sent and sent[0].full_url == "https://cong.example.vn/nhan-ban-tin/"
    assert pub.Article.objects.get().title == "Tin đăng từ mạng nội bộ"


def test_export_and_import_bundle(tmp_path, make_article, news, tree, category):
    from dangbo.portal.cli import export_bundle, import_bundle

    kept = make_article(title="Tin được đăng")
    services.article_publish(article=kept, acting_user=news["editor"])
    make_article(title="Bản nháp không đi")
    secret = make_article(title="Tin mật", secrecy="mat")
    link = services.link_save(
        org=tree["base"], name="Báo điện tử", url="https://example.vn", acting_user=news["editor"]
    )
    file = tmp_path / "goi.json"
    export_bundle(file)
    data = json.loads(file.read_text(encoding="utf-8"))
    titles = [i["data"].get("title") for i in data["items"] if i["type"] == "article"]
    assert titles == ["Tin được đăng"] and secret.title not in file.read_text(encoding="utf-8")
    # the portal side: a stale copy is replaced by the full bundle
    pub.Article.objects.all().delete()
    stale = bundle.make(
        [
            {
                "type": "link",
                "op": "upsert",
                "source_id": 999,
                "data": {"name": "Cũ", "url": "https://cu.example"},
            }
        ]
    )
    bundle.apply(stale)
    import_bundle(file)
    assert list(pub.Article.objects.values_list("title", flat=True)) == ["Tin được đăng"]
    assert list(pub.LinkedSite.objects.values_list("source_id", flat=True)) == [link.pk]


def test_import_bundle_in_portal_only_mode(tmp_path, make_article, news):
    from dangbo.portal.cli import export_bundle

    services.article_publish(
        article=make_article(title="Tin sang mạng ngoài"), acting_user=news["editor"]
    )
    file = tmp_path / "goi.json"
    export_bundle(file)
    env = {
        "PATH": "/usr/bin:/bin",
        "PORTAL_DATABASE_URL": f"sqlite:///{tmp_path / 'ngoai.sqlite3'}",
        "DANGBO_DATA_DIR": str(tmp_path),
        "DANGBO_PORTAL_MEDIA_ROOT": str(tmp_path / "m"),
    }
    run = [sys.executable, "-m", "dangbo.cli"]
    subprocess.run(
        [*run, "portal", "migrate", "--portal-only"],
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    out = subprocess.run(
        [*run, "portal", "import-bundle", str(file), "--portal-only"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "article: 1" in out.stdout
    import sqlite3

    with sqlite3.connect(tmp_path / "ngoai.sqlite3") as db:
        assert db.execute("select title from portal_public_article").fetchall() == [
            ("Tin sang mạng ngoài",)
        ]
