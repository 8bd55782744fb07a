"""Swagger UI served from the files bundled with django-ninja: no CDN, works offline.

django-ninja falls back to a CDN page when "ninja" is not an installed app; this page
and its three assets are served by the API itself instead.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import ninja
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template import Context, Engine
from django.urls import reverse
from ninja.openapi.docs import DocsBase

ASSET_DIR = Path(ninja.__file__).resolve().parent / "static" / "ninja"
ASSETS = {
    "swagger-ui.css": "text/css; charset=utf-8",
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui-init.js": "text/javascript; charset=utf-8",
}
TEMPLATE = Path(__file__).resolve().parent / "templates" / "api" / "docs.html"


class OfflineSwagger(DocsBase):
    settings: dict[str, Any] = {
        "layout": "BaseLayout",
        "deepLinking": True,
        # The default validator badge calls validator.swagger.io.
        "validatorUrl": None,
        "persistAuthorization": False,
    }

    def render_page(self, request: HttpRequest, api: Any, **kwargs: Any) -> HttpResponse:
        namespace = api.urls_namespace
        settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        context = {
            "title": api.title,
            "swagger_settings": json.dumps(settings, ensure_ascii=False),
            "csrf_token": get_token(request),
            "css_url": reverse(f"{namespace}:docs-asset-css"),
            "bundle_url": reverse(f"{namespace}:docs-asset-bundle"),
            "init_url": reverse(f"{namespace}:docs-asset-init"),
        }
        template = Engine.get_default().from_string(TEMPLATE.read_text(encoding="utf-8"))
        return HttpResponse(template.render(Context(context)))


def asset(name: str) -> FileResponse:
    if name not in ASSETS:
        raise Http404
    response = FileResponse((ASSET_DIR / name).open("rb"), content_type=ASSETS[name])
    response["Cache-Control"] = "public, max-age=86400"
    return response
