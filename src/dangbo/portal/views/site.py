"""Categories, galleries, videos, linked websites, public documents, feedback, statistics."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from dangbo.core.listing import paginate
from dangbo.core.scope import Action, get_scoped_or_404, scope_of, scoped
from dangbo.members.forms import attach_errors
from dangbo.portal import rules, selectors, services
from dangbo.portal.forms import (
    CategoryForm,
    GalleryForm,
    LinkForm,
    ModerateForm,
    PhotoForm,
    VideoForm,
)
from dangbo.portal.models import Category, PublishedDocument
from dangbo.portal.views.common import require, require_news


@login_required
def categories(request: HttpRequest) -> HttpResponse:
    require_news(request.user)
    can_manage = rules.can_manage_categories(request.user)
    form = CategoryForm(request.POST or None)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied("Đồng chí không có quyền sửa chuyên mục.")
        if form.is_valid():
            services.category_save(
                name=form.cleaned_data["name"],
                order=form.cleaned_data["order"] or 0,
                acting_user=request.user,
            )
            messages.success(request, "Đã thêm chuyên mục.")
            return redirect("portal:categories")
    return render(
        request,
        "portal/categories.html",
        {"rows": Category.objects.all(), "form": form, "can_manage": can_manage},
    )


@login_required
def gallery_list(request: HttpRequest) -> HttpResponse:
    require_news(request.user)
    page, query = paginate(request, selectors.galleries(request.user).prefetch_related("photos"))
    return render(
        request,
        "portal/galleries.html",
        {
            "page": page,
            "pager_query": query,
            "form": GalleryForm(orgs=selectors.orgs_for(request.user, Action.WRITE_NEWS)),
        },
    )


@login_required
@require_POST
def gallery_create(request: HttpRequest) -> HttpResponse:
    require_news(request.user)
    form = GalleryForm(request.POST, orgs=selectors.orgs_for(request.user, Action.WRITE_NEWS))
    if form.is_valid():
        d = form.cleaned_data
        gallery = services.gallery_save(
            org=d["org"],
            title=d["title"],
            description=d["description"],
            secrecy=d["secrecy"] or "",
            acting_user=request.user,
        )
        return redirect("portal:gallery_detail", pk=gallery.pk)
    page, query = paginate(request, selectors.galleries(request.user))
    return render(
        request,
        "portal/galleries.html",
        {"page": page, "pager_query": query, "form": form},
        status=400,
    )


@login_required
def gallery_detail(request: HttpRequest, pk: int) -> HttpResponse:
    gallery = get_scoped_or_404(
        request.user, Action.WRITE_NEWS, selectors.galleries(request.user), pk=pk
    )
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.photo_add(
                gallery=gallery,
                image=form.cleaned_data["image"],
                caption=form.cleaned_data["caption"],
                acting_user=request.user,
            )
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, "Đã thêm ảnh (ảnh nhỏ đã được tạo).")
            if services.portal_error(gallery):
                messages.error(request, services.portal_error(gallery))
            return redirect("portal:gallery_detail", pk=gallery.pk)
    return render(
        request,
        "portal/gallery_detail.html",
        {
            "g": gallery,
            "photos": gallery.photos.all(),
            "form": form,
            "can_publish": rules.can_publish(request.user, gallery.org),
        },
    )


@login_required
@require_POST
def gallery_publish(request: HttpRequest, pk: int) -> HttpResponse:
    gallery = get_scoped_or_404(
        request.user, Action.WRITE_NEWS, selectors.galleries(request.user), pk=pk
    )
    try:
        services.item_publish(obj=gallery, acting_user=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, "Đã đăng album lên cổng thông tin.")
    return redirect("portal:gallery_detail", pk=gallery.pk)


@login_required
@require_POST
def gallery_unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    gallery = get_scoped_or_404(
        request.user, Action.WRITE_NEWS, selectors.galleries(request.user), pk=pk
    )
    try:
        services.item_unpublish(obj=gallery, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, "Đã gỡ album khỏi cổng thông tin.")
    return redirect("portal:gallery_detail", pk=gallery.pk)


@login_required
def video_list(request: HttpRequest) -> HttpResponse:
    require_news(request.user)
    orgs = selectors.orgs_for(request.user, Action.WRITE_NEWS)
    form = VideoForm(request.POST or None, request.FILES or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        video = services.video_save(
            org=d["org"],
            title=d["title"],
            description=d["description"],
            file=d.get("file"),
            poster=d.get("poster"),
            secrecy=d["secrecy"] or "",
            acting_user=request.user,
        )
        messages.success(request, "Đã ghi video.")
        if services.portal_error(video):
            messages.error(request, services.portal_error(video))
        return redirect("portal:video_list")
    page, query = paginate(request, selectors.videos(request.user))
    user = request.user
    return render(
        request,
        "portal/videos.html",
        {
            "page": page,
            "pager_query": query,
            "form": form,
            "publishable": {v.pk for v in page.object_list if rules.can_publish(user, v.org)},
        },
    )


@login_required
@require_POST
def video_publish(request: HttpRequest, pk: int) -> HttpResponse:
    video = get_scoped_or_404(
        request.user, Action.WRITE_NEWS, selectors.videos(request.user), pk=pk
    )
    try:
        services.item_publish(obj=video, acting_user=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, "Đã đăng video lên cổng thông tin.")
    return redirect("portal:video_list")


@login_required
@require_POST
def video_unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    video = get_scoped_or_404(
        request.user, Action.WRITE_NEWS, selectors.videos(request.user), pk=pk
    )
    try:
        services.item_unpublish(obj=video, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, "Đã gỡ video khỏi cổng thông tin.")
    return redirect("portal:video_list")


@login_required
def link_list(request: HttpRequest) -> HttpResponse:
    require_news(request.user)
    orgs = selectors.orgs_for(request.user, Action.PUBLISH_NEWS)
    form = LinkForm(request.POST or None, orgs=orgs)
    if request.method == "POST":
        require(request.user, Action.PUBLISH_NEWS, "Chỉ biên tập viên được thêm liên kết website.")
        if form.is_valid():
            d = form.cleaned_data
            services.link_save(
                org=d["org"],
                name=d["name"],
                url=d["url"],
                order=d["order"] or 0,
                acting_user=request.user,
            )
            messages.success(request, "Đã thêm liên kết website.")
            return redirect("portal:link_list")
    return render(
        request,
        "portal/links.html",
        {
            "rows": selectors.links(request.user),
            "form": form,
            "can_publish": scope_of(request.user).allows(Action.PUBLISH_NEWS),
        },
    )


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.PUBLISH_NEWS, "Chỉ biên tập viên được đăng văn bản lên cổng.")
    from django.db.models import Q

    from dangbo.programmes.models import Document

    published = set(PublishedDocument.objects.values_list("document_id", flat=True))
    # Public documents, and those still on the portal (a withdrawal that failed).
    rows = Document.objects.filter(Q(is_public=True, secrecy="") | Q(pk__in=published))
    rows = scoped(request.user, Action.PUBLISH_NEWS, rows.select_related("org"))
    page, query = paginate(request, rows)
    return render(
        request,
        "portal/documents.html",
        {"page": page, "pager_query": query, "published": published},
    )


@login_required
@require_POST
def document_publish(request: HttpRequest, pk: int) -> HttpResponse:
    from dangbo.programmes.models import Document

    require(request.user, Action.PUBLISH_NEWS)
    document = get_scoped_or_404(
        request.user, Action.PUBLISH_NEWS, Document.objects.select_related("org"), pk=pk
    )
    try:
        services.document_publish(document=document, acting_user=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, f"Đã đăng văn bản “{document}” lên cổng thông tin.")
    return redirect("portal:document_list")


@login_required
@require_POST
def document_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    from dangbo.programmes.models import Document

    require(request.user, Action.PUBLISH_NEWS)
    document = get_scoped_or_404(
        request.user, Action.PUBLISH_NEWS, Document.objects.select_related("org"), pk=pk
    )
    try:
        services.document_withdraw(document=document, acting_user=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, f"Đã gỡ văn bản “{document}” khỏi cổng thông tin.")
    return redirect("portal:document_list")


@login_required
def feedback_list(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.PUBLISH_NEWS, "Chỉ biên tập viên được duyệt góp ý.")
    rows = selectors.feedback_for(request.user)
    status = request.GET.get("status") or "pending"
    if status != "all":
        rows = rows.filter(status=status)
    page, query = paginate(request, rows)
    return render(
        request,
        "portal/feedback.html",
        {"page": page, "pager_query": query, "status": status, "form": ModerateForm()},
    )


@login_required
@require_POST
def feedback_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Action.PUBLISH_NEWS, "Chỉ biên tập viên được duyệt góp ý.")
    letter = selectors.feedback_for(request.user).filter(pk=pk).first()
    if letter is None:
        from django.http import Http404

        raise Http404
    form = ModerateForm(request.POST)
    if form.is_valid():
        services.feedback_moderate(
            letter=letter,
            status=form.cleaned_data["status"],
            answer=form.cleaned_data["answer"],
            acting_user=request.user,
            request=request,
        )
        messages.success(request, "Đã duyệt góp ý.")
    return redirect("portal:feedback_list")


@login_required
def stats(request: HttpRequest) -> HttpResponse:
    require_news(request.user)
    today = timezone.localdate()
    start = dt.date(today.year - 2, today.month, 1)
    series = selectors.visit_series(start, today)
    return render(
        request,
        "portal/stats.html",
        {
            "series": series,
            "start": start,
            "today": today,
            "total_visitors": sum(series["visitors"]),
            "total_views": sum(series["views"]),
        },
    )
