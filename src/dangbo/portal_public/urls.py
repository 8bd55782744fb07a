"""The public site, at the root of the address space."""

from pathlib import Path

from django.conf import settings
from django.contrib.sitemaps.views import sitemap
from django.http import HttpRequest, HttpResponse
from django.urls import path, re_path

from dangbo.core.files import MEDIA_CSP, serve_from
from dangbo.portal_public import feeds, views
from dangbo.portal_public.models import FILES
from dangbo.portal_public.sitemaps import SITEMAPS

app_name = "portal_public"


def media(request: HttpRequest, path: str) -> HttpResponse:
    """A published file (MEDIA_ROOT read at each request: a deleted file answers 404), as a
    download unless it is a picture or a PDF, under a policy that lets nothing run."""
    return serve_from(Path(settings.MEDIA_ROOT) / FILES, path, csp=MEDIA_CSP)


urlpatterns = [
    path("", views.home, name="home"),
    path("tin-tuc/<slug:category>/", views.category, name="category"),
    path("tin-tuc/<slug:category>/<slug:slug>/", views.article, name="article"),
    path("don-vi/<slug:section>/", views.section, name="section"),
    path("tim-kiem/", views.search, name="search"),
    path("thu-vien-anh/", views.galleries, name="galleries"),
    path("thu-vien-anh/<slug:slug>/", views.gallery, name="gallery"),
    path("video/", views.videos, name="videos"),
    path("van-ban/", views.documents, name="documents"),
    path("gop-y/", views.feedback, name="feedback"),
    path("gop-y/da-gui/", views.feedback_thanks, name="feedback_thanks"),
    path("rss/", feeds.LatestFeed(), name="rss"),
    path("rss/<slug:category>/", feeds.CategoryFeed(), name="rss_category"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("nhan-ban-tin/", views.receive, name="receive"),
    path("nhan-ban-tin/gop-y/", views.feedback_pull, name="feedback_pull"),
    # Published files only (MEDIA_ROOT/cong/), through dangbo.core.files (see docs/SECURITY.md).
    re_path(rf"^media/{FILES}/(?P<path>.*)$", media, name="media"),
]
