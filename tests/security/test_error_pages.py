"""404, 403 and 500 answer Vietnamese pages in the site's layout, never Django's debug page
or its URL list, on the back office and the portal (the portal-only deployment too)."""

import os
import secrets
import subprocess
import sys

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import path

from dangbo.config import urls as site_urls

pytestmark = pytest.mark.django_db

DEBUG_MARKS = ["Using the URLconf", "URLconf defined in", "Page not found", "Traceback",
               "quan-ly/excel/", "django-admin/", "Request Method"]  # fmt: skip


def _boom(request):
    raise RuntimeError("hỏng")


def _refuse(request):
    raise PermissionDenied


# The site's URLs plus two views that fail, with the site's own error handlers.
urlpatterns = [
    path("quan-ly/thu-loi/", _boom),
    path("thu-loi/", _boom),
    path("thu-tu-choi/", _refuse),
    *site_urls.urlpatterns,
]
handler403 = site_urls.handler403
handler404 = site_urls.handler404
handler500 = site_urls.handler500


def _clean(body):
    for mark in DEBUG_MARKS:
        assert mark not in body, mark


def test_unknown_back_office_url_is_a_vietnamese_404_in_the_back_office_layout(client):
    response = client.get("/quan-ly/khong-co-trang-nay/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Không tìm thấy trang" in body and 'id="error-page"' in body
    assert "Đảng bộ số" in body and "bg-party" in body  # the back office's layout
    _clean(body)


def test_unknown_portal_url_is_a_vietnamese_404_in_the_portal_layout(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Không tìm thấy trang" in body and "Cổng thông tin Đảng bộ" in body
    assert 'class="site-header"' in body
    _clean(body)


def test_unknown_api_url_answers_json_in_vietnamese(client):
    response = client.get("/api/khong-co/")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.json()["detail"]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(("url", "layout"), [("/quan-ly/thu-loi/", "Đảng bộ số"),
                                             ("/thu-loi/", "Cổng thông tin Đảng bộ")])  # fmt: skip
def test_a_crash_is_a_vietnamese_500_page(url, layout):
    client = Client(raise_request_exception=False)
    response = client.get(url)
    assert response.status_code == 500
    body = response.content.decode()
    assert "Đã có lỗi hệ thống" in body and layout in body
    assert "hỏng" not in body and "RuntimeError" not in body
    _clean(body)


@pytest.mark.urls(__name__)
def test_a_refusal_is_a_vietnamese_403_page(client):
    response = client.get("/thu-tu-choi/")
    assert response.status_code == 403
    body = response.content.decode()
    assert "Không được phép" in body and "Đồng chí không có quyền" in body


def test_the_500_page_needs_neither_the_database_nor_the_request(django_assert_num_queries):
    from django.test import RequestFactory

    from dangbo.config.errors import server_error

    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/quan-ly/"))
    assert response.status_code == 500 and "Đã có lỗi hệ thống" in response.content.decode()


def test_portal_only_deployment_answers_a_vietnamese_404(tmp_path):
    probe = (
        "from django.test import Client;"
        "r = Client().get('/quan-ly/khong-co/');"
        "print(r.status_code); print(r.content.decode())"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "dangbo.config.settings_portal",
        "DANGBO_DATA_DIR": str(tmp_path),
        "PORTAL_DATABASE_URL": f"sqlite:///{tmp_path / 'cong.sqlite3'}",
        "DANGBO_PORTAL_SECRET_KEY": secrets.token_urlsafe(50),
        "DANGBO_ALLOWED_HOSTS": "testserver",
        **{k: os.environ[k] for k in ("PYTHONPATH",) if k in os.environ},
    }
    setup = "import django; django.setup(); from django.core.management import call_command;"
    setup += "call_command('migrate', verbosity=0);"
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", setup + probe], env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    status, _, body = done.stdout.partition("\n")
    assert status == "404"
    assert "Không tìm thấy trang" in body and "Cổng thông tin Đảng bộ" in body
    _clean(body)
