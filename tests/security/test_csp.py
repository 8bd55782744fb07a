"""A Content-Security-Policy on every kind of page (django-csp): own origin only, scripts
and <style> blocks only from files or with the request's nonce, no framing, no plugins."""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from dangbo.accounts.models import Role, RoleAssignment

pytestmark = pytest.mark.django_db(databases=["default", "portal"])

SRC = Path(__file__).resolve().parents[2] / "src" / "dangbo"
REQUIRED = {
    "default-src": "'self'",
    "img-src": "'self' data:",
    "frame-ancestors": "'none'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}


def _policy(response):
    header = response.headers.get("Content-Security-Policy", "")
    return dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in header.split(";") if part.strip()
    )


def _assert_policy(response):
    policy = _policy(response)
    for directive, value in REQUIRED.items():
        assert policy.get(directive) == value, (directive, policy)
    for directive in ("script-src", "style-src"):
        sources = policy[directive].split()
        assert sources[0] == "'self'"
        assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources
    return policy


@pytest.fixture
def board(client, tree, make_member):
    member = make_member(tree["cell_a"])
    user = get_user_model().objects.create_user(username="thuky", password="x")
    RoleAssignment.objects.create(user=user, role=Role.ORG_BOARD, organization=tree["bloc"])
    client.force_login(user)
    return member


@pytest.mark.parametrize(
    "url",
    [
        "/quan-ly/",
        "/quan-ly/dang-vien/",
        "/quan-ly/dieu-hanh/",
        "/quan-ly/excel/",
        "/quan-ly/khong-co/",  # the 404 page
        "/",
        "/khong-co/",
        "/api/docs",
        "/api/openapi.json",
    ],
)
def test_every_kind_of_page_carries_the_policy(board, client, url):
    response = client.get(url)
    assert response.status_code in (200, 404)
    _assert_policy(response)


def test_the_login_page_and_a_refusal_carry_it_too(client):
    _assert_policy(client.get("/quan-ly/dang-nhap/"))


def test_a_nonced_style_block_carries_the_nonce_of_its_response(board, client):
    response = client.get(f"/quan-ly/dang-vien/{board.pk}/")
    assert response.status_code == 200
    nonce = re.search(r"'nonce-([^']+)'", _policy(response)["style-src"]).group(1)
    assert f'<style nonce="{nonce}">' in response.content.decode()


def test_no_template_has_an_inline_script_or_event_handler():
    """An inline <script> (without src, not JSON data, not nonced) or an on*= attribute
    would be blocked by the policy and break its page silently."""
    bad = []
    for template in SRC.rglob("templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and "application/json" not in tag and "nonce=" not in tag:
                bad.append(f"{template}: {tag}")
        for tag in re.findall(r"<style\b[^>]*>", text):
            if "nonce=" not in tag:
                bad.append(f"{template}: {tag}")
        bad += [f"{template}: {m}" for m in re.findall(r"\son[a-z]+=\"", text)]
    assert bad == []
