"""The dashboard on the demo bloc, in Chromium: the charts are drawn, and a figure and a
chart point lead to the records behind them.

The demo database is a copy of /tmp/demo.sqlite3 (or of $DANGBO_DEMO_DB) when there is one,
otherwise built with `dangbo demo` (about two minutes); a server runs on the copy in a
subprocess, as a newcomer would run it."""

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from browser_fixtures import BROWSER_MARKS

pytestmark = BROWSER_MARKS

DANGBO = [sys.executable, "-m", "dangbo.cli"]
DEMO_SOURCE = Path(os.environ.get("DANGBO_DEMO_DB", "/tmp/demo.sqlite3"))  # noqa: S108


def _run(args, env):
    done = subprocess.run([*DANGBO, *args], env=env, capture_output=True, text=True, timeout=900)  # noqa: S603
    assert done.returncode == 0, done.stderr
    return done


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    path = tmp_path_factory.mktemp("dashboard") / "demo.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}"}
    env["DANGBO_SECRET_KEY"] = secrets.token_urlsafe(50)  # DEBUG is off: a real key
    env.pop("DJANGO_SETTINGS_MODULE", None)
    if DEMO_SOURCE.exists():
        shutil.copy(DEMO_SOURCE, path)
        _run(["migrate"], env)
    else:
        _run(["demo", "--database", env["DATABASE_URL"]], env)
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [*DANGBO, "manage", "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/quan-ly/dang-nhap/", timeout=2)  # noqa: S310
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("the demo server did not start")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def page(monkeypatch):
    # This test needs no database of its own: the server runs in a subprocess.
    from browser_fixtures import ARGS, CHROMIUM
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(locale="vi-VN")
        context.set_default_timeout(20_000)
        yield context.new_page()
        browser.close()


def _open_nine_months_of_2021(page, url):
    page.goto(f"{url}/quan-ly/dang-nhap/")
    page.fill("#id_username", "bantochuc")
    page.fill("#id_password", "demo1234")
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(f"{url}/quan-ly/dieu-hanh/")
    bloc = page.locator("#db-org option", has_text="Đảng bộ Khối các Cơ quan và Doanh nghiệp")
    page.select_option("#db-org", value=bloc.first.get_attribute("value"))
    page.select_option("#id_preset", label="9 tháng đầu năm")
    page.fill("#id_year", "2021")
    page.get_by_role("button", name="Xem").click()


def test_the_dashboard_draws_its_charts_and_leads_to_the_records(demo_server, page):
    from playwright.sync_api import expect

    _open_nine_months_of_2021(page, demo_server)
    expect(page.locator("h1")).to_have_text("Bảng điều hành")
    expect(page.locator("#period-label")).to_contain_text("9 tháng đầu năm 2021")
    expect(page.locator('[data-key="members.total"]')).to_have_text("3.407 đảng viên")
    expect(page.locator('[data-key="admission.admitted"]')).to_have_text("116 đảng viên")
    expect(page.locator('[data-key="inspection.done_rate"]')).to_have_text("75%")

    # Every chart is drawn by Chart.js on its canvas.
    canvases = page.locator("canvas[data-dashboard-chart]")
    expect(canvases).to_have_count(5)
    page.wait_for_function(
        "() => [...document.querySelectorAll('canvas[data-dashboard-chart]')]"
        ".every(c => window.Chart && window.Chart.getChart(c) && c.dataset.drawn)"
    )
    points = page.evaluate(
        "() => window.Chart.getChart(document.getElementById('chart-admissions'))"
        ".data.datasets[0].data"
    )
    assert points[-1] == 116  # cumulated admissions reach the figure of the period
    # The table fallback carries the same values, each linked.
    page.locator("#chart-membership").locator("xpath=../..").locator("summary").click()
    table = page.locator('[data-chart-table="chart-membership"]')
    expect(table.locator("tbody tr").last).to_contain_text("3.407 đảng viên")

    # A click on the last point of the membership chart opens its records.
    box = page.evaluate(
        """() => {
            const chart = window.Chart.getChart(document.getElementById('chart-membership'));
            const meta = chart.getDatasetMeta(0);
            const p = meta.data[meta.data.length - 1];
            return {x: p.x, y: p.y};
        }"""
    )
    page.locator("#chart-membership").click(position={"x": box["x"], "y": box["y"]})
    expect(page.locator("h1")).to_have_text("Tổng số đảng viên")
    expect(page.locator('[data-key="members.total"]')).to_have_text("3.407")
    page.go_back()

    # A figure of the strip opens the records behind it.
    page.locator('a.figure-card:has([data-key="admission.admitted"])').click()
    expect(page.locator("h1")).to_have_text("Đảng viên được quyết định kết nạp trong kỳ")
    expect(page.locator('[data-key="admission.admitted"]')).to_have_text("116")
    expect(page.locator("body")).to_contain_text("116 bản ghi bạn được xem")
