"""The portal's writers and editors see no member data anywhere.

Every URL of the project (the walk of tests/test_scope_every_url.py, so URLs added later
are covered) is opened as a news writer and a news editor held on A's base committee, with
its path parameters filled with A's records (their own subtree, where they used to read
everything) and B's, plain and with A's organization and member in the query string. The
answer must be 401/403/404/405, a redirect, or a page holding no member's name, citizen
ID, card or background number.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.test import Client

from dangbo.accounts.models import Role
from test_scope_every_url import (
    CSRF_TOKENS,
    Unfillable,
    World,
    build_url,
    build_world,
    candidates,
    readable_text,
    walk,
)

pytestmark = pytest.mark.django_db(databases=["default", "portal"])

PORTAL_ROLES = (Role.NEWS_WRITER, Role.NEWS_EDITOR)
MAX_URLS_PER_PATTERN = 4


def member_data(world: World) -> list[str]:
    """What no portal role may read: every member's name and identity numbers, A and B."""
    found = []
    for member in [*world.a_members, *world.parts.b_members]:
        person = member.person
        found += [person.full_name, person.citizen_id, member.card_number]
        found += [member.background_number, person.residence]
    return [value.lower() for value in found if value]


def urls_of(pattern: Any, world: World) -> list[str]:
    """The pattern filled with A's records and with B's (a few combinations)."""
    if not pattern.params:
        return [build_url(pattern, {})]
    options = []
    for param in pattern.params:
        _kind, by_side = candidates(param, world)
        values = [v for side in ("A", "B", "N") for v in by_side.get(side, [])[:2]]
        options.append([(param.name, v) for v in values])
    urls = []
    for combo in itertools.islice(itertools.product(*options), 20):
        try:
            urls.append(build_url(pattern, dict(combo)))
        except (Unfillable, ValueError, KeyError):
            continue
        if len(urls) >= MAX_URLS_PER_PATTERN:
            break
    return urls


def leaks(client: Client, url: str, query: dict, secrets: list[str]) -> str:
    response = client.get(url, query)
    for _hop in range(4):
        if response.status_code not in (301, 302, 303, 307, 308):
            break
        response = client.get(response["Location"])
    if response.status_code in (301, 302, 303, 307, 308, 401, 403, 404, 405):
        return ""
    if response.status_code >= 500:
        return f"{url} {query}: status {response.status_code}"
    text = CSRF_TOKENS.sub(r"\1", readable_text(response))
    shown = [s for s in secrets if s in text]
    return f"{url} {query}: {response.status_code} shows {shown}" if shown else ""


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.mark.parametrize("role", PORTAL_ROLES)
def test_portal_roles_see_no_member_data_on_any_url(world, role):
    client = Client()
    client.force_login(world.users[role])
    secrets = member_data(world)
    a_base, a_member = world.orgs["a_base"], world.a_members[0]
    queries = [{}, {"org": a_base.pk, "member": a_member.pk, "scope": "A", "q": "nguyen"}]
    failures, opened = [], 0
    for pattern in walk():
        for url in urls_of(pattern, world):
            for query in queries:
                failure = leaks(client, url, query, secrets)
                opened += 1
                if failure:
                    failures.append(failure)
            if "_auth_user_id" not in client.session:
                client.force_login(world.users[role])  # a GET of the logout URL
    assert opened > 200
    assert not failures, f"{len(failures)} pages show member data:\n" + "\n".join(failures[:40])


@pytest.mark.parametrize("role", PORTAL_ROLES)
def test_portal_roles_still_reach_the_portal(world, role):
    """The walk above is not vacuous: the portal answers them, and the same member data
    shows to a role that reads members."""
    client = Client()
    client.force_login(world.users[role])
    assert client.get("/quan-ly/cong-thong-tin/").status_code == 200
    assert client.get("/quan-ly/cong-thong-tin/tin-bai/").status_code == 200
    board = Client()
    board.force_login(world.users[Role.ORG_BOARD])
    secrets = member_data(world)
    assert leaks(board, "/quan-ly/dang-vien/", {}, secrets)
