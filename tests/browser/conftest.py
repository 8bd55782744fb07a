"""The live server and the Chromium page of the browser tests."""

import pytest
from browser_fixtures import ARGS, CHROMIUM


@pytest.fixture
def live_server(transactional_db):
    """A server for this test only: pytest-django's session-wide one outlives the test
    database and keeps a connection to it open on PostgreSQL."""
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("localhost")
    yield server
    server.stop()


@pytest.fixture
def page(monkeypatch):
    # Playwright's sync API runs an event loop; Django's ORM would refuse to run beside it.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(locale="vi-VN")
        context.set_default_timeout(15_000)
        yield context.new_page()
        browser.close()
