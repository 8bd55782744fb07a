from __future__ import annotations

import re

from django.test import Client

EXTERNAL = re.compile(
    r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|@import|url\(\s*["']?(?:https?:)?//"""
)


def test_openapi_schema_lists_the_endpoints(db):
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert {
        "/api/me",
        "/api/orgs",
        "/api/orgs/{code}",
        "/api/orgs/{code}/children",
        "/api/members",
        "/api/members/{member_id}",
        "/api/members/{member_id}/events",
        "/api/indicators",
        "/api/indicators/{key}",
    } <= set(schema["paths"])
    assert "post" in schema["paths"]["/api/members/{member_id}/events"]
    assert set(schema["components"]["securitySchemes"]) == {"Bearer", "Session"}
    assert not any("/docs/" in p for p in schema["paths"])


def test_docs_page_loads_nothing_from_outside(db):
    client = Client()
    page = client.get("/api/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert not re.search(r"https?://", html), html
    assert '"validatorUrl": null' in html
    assets = re.findall(r'(?:src|href)="(/api/[^"]+)"', html)
    assert len(assets) == 3
    for url in assets:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content).decode()
        assert len(body) > 1000 or url.endswith("init.js")
        if url.endswith((".css", "init.js")):
            assert not EXTERNAL.search(body), url
