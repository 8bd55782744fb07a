"""Articles: list, write, submit, publish, return, withdraw, revisions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from dangbo.core.listing import list_context
from dangbo.core.locking import versioned_initial
from dangbo.core.scope import Action, get_scoped_or_404, scope_of
from dangbo.members.forms import attach_errors
from dangbo.portal import rules, selectors, services
from dangbo.portal.forms import ArticleFilterForm, ArticleForm, AttachmentForm, ReturnForm
from dangbo.portal.models import Article, ArticleRevision, ArticleState
from dangbo.portal.views.common import require_news


def _article(request: HttpRequest, pk: int) -> Article:
    return get_scoped_or_404(
        request.user, Action.WRITE_NEWS, selectors.articles(request.user), pk=pk
    )


@login_required
def home(request: HttpRequest) -> HttpResponse:
    require_news(request.user)
    rows = selectors.articles(request.user)
    counts = [
        (state, label, rows.filter(state=state).count()) for state, label in ArticleState.choices
    ]
    today = timezone.localdate()
    series = selectors.visit_series(dt.date(today.year - 1, today.month, 1), today)
    return render(
        request,
        "portal/home.html",
        {
            "counts": counts,
            "waiting": rows.filter(state=ArticleState.REVIEW).order_by("-updated_at")[:10],
            "pending_feedback": selectors.pending_feedback_count(request.user),
            "series": series,
            "can_publish": scope_of(request.user).allows(Action.PUBLISH_NEWS),
        },
    )


@login_required
def article_list(request: HttpRequest) -> HttpResponse:
    require_news(request.user)
    form = ArticleFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    rows = selectors.article_list(
        request.user, state=data.get("state") or "", query=data.get("q") or ""
    )
    return render(
        request, "portal/articles.html", list_context(request, form, rows, now=timezone.now())
    )


def _initial(article: Article) -> dict[str, Any]:
    return {
        "org": article.org_id,
        "category": article.category_id,
        "title": article.title,
        "lead": article.lead,
        "body": article.body,
        "tags": ", ".join(t.name for t in article.tags.all()),
        "image_caption": article.image_caption,
        "author_name": article.author_name,
        "source": article.source,
        "featured": article.featured,
        "publish_at": timezone.localtime(article.publish_at) if article.publish_at else None,
        "secrecy": article.secrecy,
    }


def _form_page(request: HttpRequest, article: Article | None) -> HttpResponse:
    user = request.user
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    orgs = selectors.orgs_for(user, Action.WRITE_NEWS)
    initial = (
        _initial(article)
        if article is not None
        else {"author_name": user.get_full_name() or user.get_username()}
    )
    form = ArticleForm(data, files, initial=versioned_initial(article, **initial), orgs=orgs)
    if data is not None and form.is_valid():
        d = form.cleaned_data
        try:
            saved = services.article_save(
                expected_version=form.expected_version,
                article=article,
                org=d["org"],
                category=d["category"],
                title=d["title"],
                lead=d["lead"],
                body=d["body"],
                tags=form.tag_list(),
                image=d.get("image"),
                image_caption=d["image_caption"],
                author_name=d["author_name"],
                source=d["source"],
                featured=d["featured"],
                publish_at=d["publish_at"],
                secrecy=d["secrecy"] or "",
                acting_user=user,
                request=request,
            )
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, f"Đã ghi tin bài “{saved.title}”.")
            if services.portal_error(saved):
                messages.error(request, services.portal_error(saved))
            return redirect("portal:article_detail", pk=saved.pk)
    return render(request, "portal/article_form.html", {"form": form, "article": article})


@login_required
def article_create(request: HttpRequest) -> HttpResponse:
    require_news(request.user)
    return _form_page(request, None)


@login_required
def article_edit(request: HttpRequest, pk: int) -> HttpResponse:
    article = _article(request, pk)
    if not rules.can_edit(request.user, article):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("Tin bài đã gửi duyệt hoặc đã đăng: chỉ biên tập viên được sửa.")
    return _form_page(request, article)


@login_required
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = _article(request, pk)
    user = request.user
    return render(
        request,
        "portal/article_detail.html",
        {
            "a": article,
            "revisions": article.revisions.select_related("user")[:50],
            "attachments": article.attachments.all(),
            "can_edit": rules.can_edit(user, article),
            "can_submit": rules.can_submit(user, article),
            "can_publish": rules.can_publish(user, article.org),
            "return_form": ReturnForm(),
            "attach_form": AttachmentForm(),
            "scheduled": bool(article.publish_at and article.publish_at > timezone.now()),
        },
    )


@login_required
@require_POST
def article_submit(request: HttpRequest, pk: int) -> HttpResponse:
    article = services.article_submit(
        article=_article(request, pk), acting_user=request.user, request=request
    )
    messages.success(request, "Đã gửi tin bài để biên tập viên duyệt.")
    return redirect("portal:article_detail", pk=article.pk)


@login_required
@require_POST
def article_publish(request: HttpRequest, pk: int) -> HttpResponse:
    article = _article(request, pk)
    try:
        services.article_publish(article=article, acting_user=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, "Đã đăng tin bài lên cổng thông tin.")
    return redirect("portal:article_detail", pk=article.pk)


@login_required
@require_POST
def article_return(request: HttpRequest, pk: int) -> HttpResponse:
    form = ReturnForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    article = services.article_return(
        article=_article(request, pk), acting_user=request.user, note=note, request=request
    )
    messages.success(request, "Đã trả lại tin bài cho người viết.")
    return redirect("portal:article_detail", pk=article.pk)


@login_required
@require_POST
def article_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    article = _article(request, pk)
    try:
        services.article_withdraw(article=article, acting_user=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, "Đã gỡ tin bài khỏi cổng thông tin.")
    return redirect("portal:article_detail", pk=article.pk)


@login_required
@require_POST
def article_attach(request: HttpRequest, pk: int) -> HttpResponse:
    article = _article(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        services.attachment_add(
            article=article,
            title=form.cleaned_data["title"],
            file=form.cleaned_data["file"],
            acting_user=request.user,
        )
        messages.success(request, "Đã đính kèm tệp.")
    else:
        messages.error(request, "; ".join(e for errs in form.errors.values() for e in errs))
    return redirect("portal:article_detail", pk=article.pk)


@login_required
@require_POST
def revision_restore(request: HttpRequest, pk: int) -> HttpResponse:
    revision = get_scoped_or_404(
        request.user,
        Action.WRITE_NEWS,
        ArticleRevision.objects.select_related("article", "article__org"),
        pk=pk,
    )
    article = services.article_restore(revision=revision, acting_user=request.user, request=request)
    messages.success(request, "Đã khôi phục phiên bản cũ.")
    return redirect("portal:article_detail", pk=article.pk)
