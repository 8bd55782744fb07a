"""Edge inputs never answer 500: every URL of the project, as a superuser, with ids past the
database's integer range in the path and hostile numbers and dates in the query string.

The URL walk and the world (every kind of record, so every path parameter can be filled)
are the scope test's (tests/test_scope_every_url.py); a URL added later is covered too.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls.resolvers import RegexPattern, RoutePattern

from dangbo.accounts.models import Role
from dangbo.core.params import MAX_ID, IdConverter, bounded_int, query_date, query_int
from dangbo.core.text import parse_date
from test_scope_every_url import (
    _ROUTE_PARAM,
    Pattern,
    _content,
    _regex_groups,
    _text,
    build_url,
    build_world,
    fillings,
    walk,
)

pytestmark = pytest.mark.django_db(databases=["default", "portal"])

HUGE = "99999999999999999999"  # past 2**64
NUMBER_PARAMS = (
    "page", "trang", "year", "month", "quarter", "programme", "org", "org_id", "scope",
    "member", "cell", "parent", "id", "pk", "user", "exclude", "target", "unit", "round",
    "session", "class", "contest", "letter", "plan", "case", "nam", "thang", "ky",
)  # fmt: skip
DATE_PARAMS = (
    "at", "from", "to", "date", "start", "end", "day", "held_on", "period", "ngay",
    "tu_ngay", "den_ngay", "since", "until", "month", "decided_on",
)  # fmt: skip
HOSTILE_QUERIES: dict[str, dict[str, str]] = {
    "huge numbers": dict.fromkeys(NUMBER_PARAMS, HUGE),
    "negative numbers": dict.fromkeys(NUMBER_PARAMS, "-" + HUGE),
    # "²".isdigit() is true but int("²") fails: digits are checked with isdecimal().
    "superscript digits": dict.fromkeys(NUMBER_PARAMS, "²"),
    "31/12/9999": dict.fromkeys(DATE_PARAMS, "31/12/9999"),
    "01/01/0001": dict.fromkeys(DATE_PARAMS, "01/01/0001"),
    "9999-12-31": dict.fromkeys(DATE_PARAMS, "9999-12-31") | {"period": "9999-12-31..9999-12-31"},
}
HOSTILE_QUERIES["9999-12-31"] |= {"month": "12/9999", "year": "9999", "quarter": "4"}


@pytest.fixture
def superuser_world():
    world = build_world()
    client = Client(raise_request_exception=False)
    client.force_login(world.users["superuser"])
    return world, client


def _is_id(regex: str) -> bool:
    return regex in (IdConverter.regex, "[0-9]+", r"\d+")


def hostile_path(p: Pattern, values: dict[str, Any], huge: int) -> str:
    """The URL of `p` with every numeric path parameter set to `huge` (no resolving: the
    point is what the URL configuration answers)."""
    url = ""
    for part in p.parts:
        text = _text(part)
        if isinstance(part, RoutePattern):
            conv = part.converters

            def fill(m: re.Match[str], conv: Any = conv) -> str:
                name = m["name"]
                return str(huge) if _is_id(conv[name].regex) else conv[name].to_url(values[name])

            text = _ROUTE_PARAM.sub(fill, text)
        elif isinstance(part, RegexPattern):
            for name, start, inner in reversed(_regex_groups(text)):
                end = start + len(f"(?P<{name}>") + len(inner) + 1
                value = huge if _is_id(inner) else values[name]
                text = text[:start] + str(value) + text[end:]
            text = re.sub(r"\\(.)", r"\1", text)
        url += text
    return "/" + url


def _status(client: Client, url: str, query: dict[str, str]) -> int:
    response = client.get(url, query)
    _content(response)
    return response.status_code


def test_every_url_survives_hostile_ids_and_query_strings(superuser_world):
    """One walk (the world takes a while to build): ids past 2**63 in the path answer 404;
    hostile numbers and dates in the query string never answer 500."""
    world, client = superuser_world
    wrong: list[str] = []
    paths = queries = 0
    for p in walk():
        values = fillings(p, world)[0] if p.params else {}
        if any(_is_id(q.regex) for q in p.params):
            for huge in (2**63, 2**64):
                url = hostile_path(p, values, huge)
                status = _status(client, url, {})
                paths += 1
                if status != 404:
                    wrong.append(f"{status} {url} (expected 404)")
        url = build_url(p, values)
        for name, query in HOSTILE_QUERIES.items():
            status = _status(client, url, query)
            queries += 1
            if status >= 500:
                wrong.append(f"{status} {url} ({name})")
            if client.session.get("_auth_user_id") is None:
                client.force_login(world.users["superuser"])  # the walk met the logout URL
    assert paths > 200
    assert queries > 1000
    assert not wrong, f"{len(wrong)} wrong answers:\n" + "\n".join(wrong)


def test_a_date_out_of_range_is_refused_in_vietnamese(tree, user_with):
    client = Client(raise_request_exception=False)
    client.force_login(user_with(None))
    url = f"/quan-ly/to-chuc/{tree['base'].pk}/"
    for text in ("31/12/9999", "01/01/0001", "9999-12-31"):
        response = client.get(url, {"at": text})
        assert response.status_code == 200
        assert "nằm ngoài khoảng năm 1900–2100" in response.content.decode()


def test_the_api_refuses_a_date_out_of_range_with_422(tree, user_with):
    client = Client(raise_request_exception=False)
    client.force_login(user_with(None))
    response = client.get("/api/indicators/members.total", {"scope": "K-01", "at": "9999-12-31"})
    assert response.status_code == 422
    assert "1900–2100" in response.json()["detail"]
    response = client.get("/api/orgs", {"page": str(2**64)})
    assert response.status_code in (404, 422)


# --- The helpers themselves ---------------------------------------------------------------


def test_parse_date_refuses_years_the_system_cannot_count_from():
    assert parse_date("31/12/2100").year == 2100
    assert parse_date("01/01/1900").year == 1900
    for text in ("31/12/9999", "01/01/0001", "9999-12-31", "31/12/1899"):
        with pytest.raises(ValueError, match="ngoài khoảng năm 1900–2100"):
            parse_date(text)


def test_query_helpers_answer_400_with_the_reason():
    from django.core.exceptions import BadRequest

    assert query_int({"page": "3"}, "page") == 3
    assert query_int({}, "page") is None
    with pytest.raises(BadRequest, match="Tham số page không hợp lệ"):
        query_int({"page": HUGE}, "page")
    with pytest.raises(BadRequest, match="Tham số at"):
        query_date({"at": "31/12/9999"}, "at")
    assert bounded_int(str(MAX_ID)) == MAX_ID
    assert bounded_int(str(MAX_ID + 1)) is None


def test_the_id_converter_does_not_match_past_the_integer_range():
    converter = IdConverter()
    assert converter.to_python(str(MAX_ID)) == MAX_ID
    with pytest.raises(ValueError):
        converter.to_python(str(MAX_ID + 1))


@pytest.mark.django_db(databases=["default", "portal"])
def test_a_nul_character_is_refused_before_the_database(user_with, tree):
    """PostgreSQL text cannot hold NUL: a query string or JSON body carrying one is refused
    in Vietnamese (400 page, 422 under /api/) instead of reaching the database as a 500."""
    from django.test import Client

    from dangbo.core.middleware import MESSAGE

    client = Client(raise_request_exception=False)
    client.force_login(user_with(Role.ORG_BOARD, tree["bloc"]))
    page = client.get("/quan-ly/dang-vien/", {"q": "Nguy\x00n"})
    assert page.status_code == 400 and MESSAGE in page.content.decode()
    api = client.get("/api/orgs", {"parent": "i\x00O"})
    assert api.status_code == 422 and api.json()["errors"] == {"parent": [MESSAGE]}
    body = client.post(
        "/api/members/1/events", data='{"kind": "a\\u0000"}', content_type="application/json"
    )
    assert body.status_code == 422
    portal = Client(raise_request_exception=False).get("/tim-kiem/", {"q": "\x00"})
    assert portal.status_code == 400
    # The same addresses without the NUL answer normally (the refusal is not a blanket one).
    assert client.get("/quan-ly/dang-vien/", {"q": "Nguyen"}).status_code == 200
    assert client.get("/api/orgs").status_code == 200
