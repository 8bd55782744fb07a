"""Uploaded files are served by one helper (dangbo.core.files): downloads unless their bytes
are a raster picture or a PDF, always with nosniff, with Vietnamese names kept (RFC 5987);
the public portal's media answer under a Content-Security-Policy that lets nothing run."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from dangbo.activities.models import Meeting, MeetingFile, MeetingKind
from dangbo.core.files import MEDIA_CSP

pytestmark = pytest.mark.django_db(databases=["default", "portal"])

HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def meeting(tree):
    return Meeting.objects.create(
        org=tree["cell_a"], kind=MeetingKind.REGULAR, held_on=dt.date(2024, 3, 5)
    )


def _download(client, meeting, name: str, body: bytes):
    item = MeetingFile(meeting=meeting, title=name)
    item.file.save(name, ContentFile(body), save=True)
    response = client.get(reverse("activities:file_download", args=[item.pk]))
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)


@pytest.mark.parametrize(
    ("name", "body"),
    [("bien-ban.html", HTML), ("so-do.svg", SVG), ("anh.png", HTML), ("la.bin", b"\x00\x01")],
)
def test_html_svg_and_unknown_files_are_downloaded_not_rendered(client, users, meeting, name, body):
    client.force_login(users["superuser"])
    response, content = _download(client, meeting, name, body)
    assert content == body
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "html" not in response["Content-Type"] and "svg" not in response["Content-Type"]


@pytest.mark.parametrize(
    ("name", "body", "kind"),
    [("anh.png", png(), "image/png"), ("ghi-chu.txt", png(), "image/png"),
     ("nghi-quyet.pdf", PDF, "application/pdf")],
)  # fmt: skip
def test_pictures_and_pdf_judged_by_content_are_inline(client, users, meeting, name, body, kind):
    client.force_login(users["superuser"])
    response, _ = _download(client, meeting, name, body)
    assert response["Content-Type"] == kind
    assert response["Content-Disposition"].startswith("inline;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_vietnamese_name_is_kept_and_safe(client, users, meeting):
    client.force_login(users["superuser"])
    response, _ = _download(client, meeting, "Biên bản họp chi bộ.docx", b"PK\x03\x04 x")
    header = response["Content-Disposition"]
    # The storage turned spaces into "_"; the Vietnamese letters are kept (RFC 5987).
    assert header.startswith('attachment; filename="Bien_ban_hop_chi_bo.docx"; ')
    assert header.endswith("filename*=UTF-8''Bi%C3%AAn_b%E1%BA%A3n_h%E1%BB%8Dp_chi_b%E1%BB%99.docx")


def test_portal_media_are_served_under_a_sandboxing_policy(client, media):
    folder = media / "cong" / "tep"
    folder.mkdir(parents=True)
    (folder / "trang.html").write_bytes(HTML)
    (folder / "anh.png").write_bytes(png())
    page = client.get("/media/cong/tep/trang.html")
    assert page.status_code == 200
    assert page["Content-Disposition"].startswith("attachment;")
    assert page["Content-Security-Policy"] == MEDIA_CSP
    assert page["X-Content-Type-Options"] == "nosniff"
    picture = client.get("/media/cong/tep/anh.png")
    assert picture["Content-Type"] == "image/png"
    assert picture["Content-Security-Policy"] == MEDIA_CSP
    assert client.get("/media/cong/../../dangbo.sqlite3").status_code == 404
    assert client.get("/media/cong/tep/khong-co.pdf").status_code == 404


def test_every_page_says_nosniff(client):
    assert client.get("/").headers.get("X-Content-Type-Options") == "nosniff"
