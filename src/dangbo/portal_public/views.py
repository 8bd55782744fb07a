"""The public pages. No login; every page reads only the portal database."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from dangbo.portal_public import bundle, counter, selectors, services
from dangbo.portal_public.forms import FeedbackForm
from dangbo.portal_public.models import Category, Document, LinkedSite, Section

PER_PAGE = 10


def counted(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "GET":
            counter.count_visit(request)
        return view(request, *args, **kwargs)

    return wrapper


def _login_url() -> str:
    if getattr(settings, "DANGBO_PORTAL_ONLY", False):
        return ""
    try:
        return reverse("backoffice:login")
    except NoReverseMatch:
        return ""


def _furniture(**extra: Any) -> dict[str, Any]:
    """What every page shows around its content (as the committee's sites do)."""
    context = {
        "categories": list(Category.objects.all()),
        "latest": list(selectors.visible_articles()[:6]),
        "links": list(LinkedSite.objects.all()),
        "counter": counter.totals(),
        "login_url": _login_url(),
    }
    context.update(extra)
    return context


def _page(request: HttpRequest, rows: Any) -> Any:
    return Paginator(rows, PER_PAGE).get_page(request.GET.get("trang"))


@counted
def home(request: HttpRequest) -> HttpResponse:
    articles = selectors.visible_articles()
    context = _furniture(
        featured=list(articles.filter(featured=True)[:4]),
        blocks=selectors.category_blocks(),
        galleries=list(selectors.visible_galleries()[:4]),
        videos=list(selectors.visible_videos()[:2]),
    )
    return render(request, "portal_public/home.html", context)


@counted
def article(request: HttpRequest, category: str, slug: str) -> HttpResponse:
    item = get_object_or_404(
        selectors.visible_articles().prefetch_related("attachments"),
        category__slug=category,
        slug=slug,
    )
    others = selectors.visible_articles().filter(category=item.category).exclude(pk=item.pk)[:6]
    return render(
        request,
        "portal_public/article.html",
        _furniture(article=item, others=list(others)),
    )


@counted
def category(request: HttpRequest, category: str) -> HttpResponse:
    cat = get_object_or_404(Category, slug=category)
    page = _page(request, selectors.visible_articles().filter(category=cat))
    return render(
        request,
        "portal_public/list.html",
        _furniture(heading=cat.name, page=page, feed_category=cat),
    )


@counted
def section(request: HttpRequest, section: str) -> HttpResponse:
    sec = get_object_or_404(Section, slug=section)
    page = _page(request, selectors.visible_articles().filter(section=sec))
    return render(request, "portal_public/list.html", _furniture(heading=sec.name, page=page))


@counted
def search(request: HttpRequest) -> HttpResponse:
    query = (request.GET.get("q") or "").strip()[:200]
    page = _page(request, selectors.search(query))
    return render(
        request,
        "portal_public/list.html",
        _furniture(heading="Tìm kiếm", page=page, query=query, searching=True),
    )


@counted
def galleries(request: HttpRequest) -> HttpResponse:
    page = _page(request, selectors.visible_galleries())
    return render(request, "portal_public/galleries.html", _furniture(page=page))


@counted
def gallery(request: HttpRequest, slug: str) -> HttpResponse:
    item = get_object_or_404(selectors.visible_galleries(), slug=slug)
    return render(request, "portal_public/gallery.html", _furniture(gallery=item))


@counted
def videos(request: HttpRequest) -> HttpResponse:
    page = _page(request, selectors.visible_videos())
    return render(request, "portal_public/videos.html", _furniture(page=page))


@counted
def documents(request: HttpRequest) -> HttpResponse:
    page = _page(request, Document.objects.all())
    return render(request, "portal_public/documents.html", _furniture(page=page))


@counted
def feedback(request: HttpRequest) -> HttpResponse:
    """The feedback form (POST stores a letter for moderation) and the answered letters."""
    form = FeedbackForm(request.POST or None)
    refused = ""
    if request.method == "POST":
        if services.feedback_rate_limited(request):
            refused = "Bạn đã gửi nhiều góp ý trong thời gian ngắn. Xin thử lại sau ít phút."
        elif form.is_robot():
            services.feedback_note_attempt(request)
            return redirect("portal_public:feedback_thanks")
        elif form.is_valid():
            services.feedback_note_attempt(request)
            data = form.cleaned_data
            services.feedback_submit(
                name=data["name"],
                title=data["title"],
                content=data["content"],
                section=selectors.main_section(),
            )
            return redirect("portal_public:feedback_thanks")
        else:
            services.feedback_note_attempt(request)
    page = _page(request, selectors.published_feedback())
    status = 429 if refused else (400 if request.method == "POST" else 200)
    return render(
        request,
        "portal_public/feedback.html",
        _furniture(form=form, refused=refused, page=page),
        status=status,
    )


def feedback_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "portal_public/feedback_thanks.html", _furniture())


@csrf_exempt
@require_POST
def receive(request: HttpRequest) -> HttpResponse:
    """The signed push of a split deployment: HMAC-SHA256 of the body with the shared secret."""
    secret = getattr(settings, "DANGBO_PORTAL_PUSH_SECRET", "")
    if not secret:
        raise Http404
    body = request.body
    if not bundle.verify(body, request.headers.get(bundle.SIGNATURE_HEADER, ""), secret):
        return JsonResponse({"error": "Chữ ký không hợp lệ."}, status=403)
    try:
        data = bundle.loads(body)
        if not bundle.fresh(data):
            return JsonResponse({"error": "Gói tin đã quá hạn."}, status=403)
        counts = bundle.apply(data)
    except (bundle.BundleError, KeyError, TypeError, ValueError) as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    return JsonResponse({"ok": True, "counts": counts})


@csrf_exempt
@require_POST
def feedback_pull(request: HttpRequest) -> HttpResponse:
    """Split deployments: the back office pulls the letters waiting for moderation (signed)."""
    secret = getattr(settings, "DANGBO_PORTAL_PUSH_SECRET", "")
    if not secret:
        raise Http404
    body = request.body
    if not bundle.verify(body, request.headers.get(bundle.SIGNATURE_HEADER, ""), secret):
        return JsonResponse({"error": "Chữ ký không hợp lệ."}, status=403)
    try:
        data = json.loads(body or b"{}")
    except json.JSONDecodeError:
        return JsonResponse({"error": "Yêu cầu không đọc được."}, status=400)
    if not bundle.fresh(data):
        return JsonResponse({"error": "Yêu cầu đã quá hạn."}, status=403)
    from dangbo.portal_public.models import Feedback, FeedbackStatus

    try:
        after = int(data.get("after") or 0)
    except (TypeError, ValueError):
        return JsonResponse({"error": "Tham số after không hợp lệ."}, status=400)
    rows = (
        Feedback.objects.filter(status=FeedbackStatus.PENDING, pk__gt=after)
        .select_related("section")
        .order_by("pk")[:500]
    )
    return JsonResponse(
        {
            "letters": [
                {
                    "id": f.pk,
                    "section": f.section.source_id if f.section else None,
                    "name": f.name,
                    "title": f.title,
                    "content": f.content,
                    "status": f.status,
                    "answer": f.answer,
                    "created_at": f.created_at.isoformat(),
                }
                for f in rows
            ]
        }
    )
