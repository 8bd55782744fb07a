"""`dangbo serve` as a newcomer runs it: a real server process answering HTTP.

By default it is the production server: gunicorn, static files hashed and compressed
through WhiteNoise, DEBUG off, so it needs a real secret key."""

import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_answers_the_login_page_and_the_api_schema(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        "DANGBO_DATA_DIR": str(tmp_path),
        "DANGBO_SECRET_KEY": secrets.token_urlsafe(50),
    }
    for name in ("DJANGO_SETTINGS_MODULE", "DANGBO_DEBUG"):
        env.pop(name, None)
    server = subprocess.Popen(
        [sys.executable, "-m", "dangbo.cli", "serve", "--port", str(port), "--no-worker"]
        + ["--workers", "1", "--threads", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 180
        page = None
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/quan-ly/dang-nhap/") as r:
                    page = r.read().decode()
                    headers = r.headers
                break
            except OSError:
                time.sleep(0.5)
        assert page is not None, "the server did not answer within 180 s"
        assert "Đăng nhập" in page
        assert "https://" not in page  # no CDN: the page works without internet
        assert headers["Server"] == "gunicorn"
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        # WhiteNoise serves the collected, hashed and compressed static files.
        css = re.search(r'href="(/static/backoffice/app\.[0-9a-f]{12}\.css)"', page)
        assert css, "the stylesheet is not the hashed name of the manifest"
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}{css.group(1)}", headers={"Accept-Encoding": "gzip"}
        )
        with urllib.request.urlopen(request) as r:
            assert r.headers["Content-Encoding"] == "gzip"
            assert "immutable" in r.headers["Cache-Control"]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/openapi.json") as r:
            assert b'"/api/members"' in r.read()
        # The site root is the public portal, with no login.
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/") as r:
            assert r.url == f"http://127.0.0.1:{port}/"
            home = r.read().decode()
        assert "Thống kê truy cập" in home and "https://" not in home
    finally:
        server.terminate()
        server.wait(timeout=10)
