"""The API answers what its OpenAPI schema says, and never 500: schemathesis generates
requests from /api/openapi.json (bounded, derandomized) and sends them in-process to the
Django WSGI application, with a bearer token of a base secretary on a small tree."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from dangbo.accounts.models import Role, RoleAssignment
from dangbo.accounts.tokens import api_token_issue
from dangbo.members.choices import EventKind

CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance]
EXAMPLES = 12


@pytest.fixture
def wsgi_app() -> Iterator[WSGIHandler]:
    """Django's WSGI application, kept from closing the test's connection after each
    request (as Django's test client does), so every call runs in the test's transaction."""
    # Both signals: in a test's transaction autocommit is off, and close_old_connections
    # drops such a connection when a request starts (PostgreSQL then has none at all).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def bearer(tree, make_member, django_user_model) -> dict[str, str]:
    make_member(tree["cell_a"], name="Nguyễn Văn An")
    make_member(tree["cell_b"], name="Trần Thị Bình", full=False)
    user = django_user_model.objects.create_user(username="api_secretary", password="x")
    RoleAssignment.objects.create(user=user, role=Role.BASE_SECRETARY, organization=tree["base"])
    _token, raw = api_token_issue(user=user, name="schemathesis")
    return {"Authorization": f"Bearer {raw}"}


@pytest.fixture
def schema(db) -> Any:
    document = Client().get("/api/openapi.json").json()
    return schemathesis.openapi.from_dict(document)


def test_the_api_keeps_to_its_schema(schema, wsgi_app, bearer):
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 8
    failures: list[str] = []
    statuses: list[int] = []
    for operation in operations:

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def run(case: Any) -> None:
            response = case.call(app=wsgi_app, headers=bearer, base_url="http://testserver")
            statuses.append(response.status_code)
            case.validate_response(response, checks=CHECKS, headers=bearer)

        try:
            run()
        except (Exception, BaseExceptionGroup) as exc:  # every operation is tried, then reported
            failures.append(f"{operation.label}: {exc}")
    assert not failures, "\n\n".join(failures[:10])
    # Not vacuous: the calls were made and some reached the data.
    assert len(statuses) >= 4 * len(operations)
    assert 200 in statuses


def test_the_schema_names_what_it_accepts(schema):
    document = schema.raw_schema
    kind = _resolve(document, document["components"]["schemas"]["EventIn"]["properties"]["kind"])
    assert set(kind["enum"]) == set(EventKind.values)
    order = _resolve(document, _query_parameter(document, "/api/members", "order")["schema"])
    assert "-admitted" in order["enum"]
    post = document["paths"]["/api/members/{member_id}/events"]["post"]
    assert {"201", "401", "403", "404", "422"} <= set(post["responses"])
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            assert "401" in operation["responses"], f"{method} {path} does not declare 401"


def _resolve(document: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow a $ref (also inside a one-element allOf) to the schema it names."""
    if "allOf" in node and len(node["allOf"]) == 1:
        node = node["allOf"][0]
    if "$ref" in node:
        return document["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def _query_parameter(document: dict[str, Any], path: str, name: str) -> dict[str, Any]:
    parameters = document["paths"][path]["get"]["parameters"]
    return next(p for p in parameters if p["name"] == name)
