"""`dangbo serve` as a newcomer runs it: a real server process answering HTTP."""

import os
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
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "dangbo.cli", "serve", "--port", str(port), "--no-worker"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        page = None
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/quan-ly/dang-nhap/") as r:
                    page = r.read().decode()
                break
            except OSError:
                time.sleep(0.5)
        assert page is not None, "the server did not answer within 60 s"
        assert "Đăng nhập" in page
        assert "https://" not in page  # no CDN: the page works without internet
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
