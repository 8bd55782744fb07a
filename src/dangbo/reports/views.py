"""Report pages: list, new report (background job for a large scope), detail with editable
paragraphs, regenerate, freeze, new version, file as a document, download, reports from below.
Thin: the work is in services, selectors and the renderers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.accounts.selectors import record_history
from dangbo.core.files import content_disposition
from dangbo.core.listing import paginate
from dangbo.core.scope import Action, get_scoped_or_404, scope_of, scoped
from dangbo.core.secrecy import Channel, SecretRefused, refuse_if_secret
from dangbo.jobs.models import Job, JobStatus
from dangbo.reports import selectors, services, tasks
from dangbo.reports.forms import ParagraphForm, ReportCreateForm, ReportMetaForm
from dangbo.reports.layout import layout_of
from dangbo.reports.models import Report, Template
from dangbo.reports.render import CONTENT_TYPES
from dangbo.reports.render import render as render_report
from dangbo.reports.render.html import render_html


def _report(request: HttpRequest, pk: int, action: Action = Action.VIEW) -> Report:
    return get_scoped_or_404(
        request.user, action, Report.objects.select_related("org", "call", "document"), pk=pk
    )


def _can_change(request: HttpRequest, report: Report) -> bool:
    return scope_of(request.user).covers_path(Action.OFFICE, report.org.path)


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    page, query = paginate(request, selectors.reports_visible(request.user))
    return render(request, "reports/list.html", {"page": page, "query": query})


@login_required
def report_create(request: HttpRequest) -> HttpResponse:
    form = ReportCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        org = data["org"]
        big = selectors.members_in(org) > tasks.job_threshold()
        if big:
            job = Job.objects.create(
                kind=tasks.KIND, title=f"Lập báo cáo {org.name}", user=request.user,
                params={"org_id": org.pk, "period_start": data["period_start"].isoformat(),
                        "period_end": data["period_end"].isoformat(),
                        "template": data["template"], "secrecy": data["secrecy"] or ""},
            )  # fmt: skip
            tasks.generate_report_task.enqueue(job.pk)
            return redirect("reports:job", pk=job.pk)
        try:
            report = services.report_create(
                org=org, period_start=data["period_start"], period_end=data["period_end"],
                template=data["template"], secrecy=data["secrecy"] or "", user=request.user,
            )  # fmt: skip
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Đã lập dự thảo báo cáo từ số liệu.")
            return redirect("reports:detail", pk=report.pk)
    return render(request, "reports/create.html", {"form": form})


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(Job, pk=pk, user=request.user, kind=tasks.KIND)
    report_id = (job.result or {}).get("report_id")
    context = {
        "job": job, "active": job.status in (JobStatus.QUEUED, JobStatus.RUNNING),
        "report_url": reverse("reports:detail", args=[report_id]) if report_id else "",
    }  # fmt: skip
    if request.headers.get("HX-Request"):
        return render(request, "reports/_job.html", context)
    return render(request, "reports/job.html", context)


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    can_change = _can_change(request, report)
    layout = layout_of(report)
    editable = can_change and not report.is_frozen
    paragraphs = []
    if editable:
        heading, count = "", 0
        for block in layout.blocks:
            if block.kind == "heading":
                heading, count = block.text, 0
            elif block.kind == "paragraph":
                count += 1
                label = heading if count == 1 else f"{heading} (đoạn {count})"
                paragraphs.append({"key": block.key, "edited": block.edited, "label": label,
                                   "text": report.paragraph_text(block.key)})  # fmt: skip
    from dangbo.reports.figures import plain

    for p in paragraphs:
        p["text"] = plain(p["text"])
    return render(request, "reports/detail.html", {
        "report": report, "layout": layout, "figures": report.figures,
        "can_change": can_change, "editable": editable, "paragraphs": paragraphs,
        "can_write_news": scope_of(request.user).covers_path(Action.WRITE_NEWS, report.org.path),
        "versions": selectors.versions_of(report),
        "meta_form": ReportMetaForm(initial={"title": report.title, "dated": report.dated,
                                             "secrecy": report.secrecy}),
        "history": record_history("report", *[v.pk for v in selectors.versions_of(report)])[:50],
    })  # fmt: skip


def _change_or_403(request: HttpRequest, report: Report) -> None:
    if not _can_change(request, report):
        raise PermissionDenied("Bạn không có quyền sửa báo cáo của tổ chức này.")


def _act(request: HttpRequest, pk: int, work: Any, done: str) -> HttpResponse:
    report = _report(request, pk)
    _change_or_403(request, report)
    try:
        result = work(report)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
        return redirect("reports:detail", pk=report.pk)
    messages.success(request, done)
    target = result if isinstance(result, Report) else report
    return redirect("reports:detail", pk=target.pk)


@login_required
@require_POST
def report_regenerate(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, lambda r: services.report_regenerate(report=r, user=request.user),
                "Đã cập nhật số liệu; các đoạn đã sửa được giữ nguyên.")  # fmt: skip


@login_required
@require_POST
def report_freeze(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, lambda r: services.report_freeze(report=r, user=request.user),
                "Đã chốt báo cáo: số liệu và nội dung không thay đổi nữa.")  # fmt: skip


@login_required
@require_POST
def report_new_version(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, lambda r: services.report_new_version(report=r, user=request.user),
                "Đã lập phiên bản mới từ số liệu hiện tại.")  # fmt: skip


@login_required
@require_POST
def report_file(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, lambda r: services.report_file(report=r, user=request.user),
                "Đã vào sổ văn bản; số báo cáo hiện ở phần đầu văn bản.")  # fmt: skip


@login_required
@require_POST
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, lambda r: services.report_submit(report=r, user=request.user),
                "Đã nộp báo cáo lên cấp trên.")  # fmt: skip


@login_required
@require_POST
def report_meta(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    _change_or_403(request, report)
    form = ReportMetaForm(request.POST)
    if not form.is_valid():
        messages.error(request, "; ".join(e for errs in form.errors.values() for e in errs))
        return redirect("reports:detail", pk=report.pk)
    try:
        data = form.cleaned_data
        services.report_update(
            report=report, title=data["title"], dated=data["dated"],
            secrecy=data["secrecy"] or "", user=request.user,
        )  # fmt: skip
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return redirect("reports:detail", pk=report.pk)


@login_required
@require_POST
def paragraph_edit(request: HttpRequest, pk: int, para: str) -> HttpResponse:
    report = _report(request, pk)
    _change_or_403(request, report)
    form = ParagraphForm(request.POST)
    form.is_valid()
    try:
        report = services.report_edit(
            report=report, key=para, text=form.cleaned_data.get("text", ""), user=request.user
        )
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, "Đã lưu đoạn văn; đoạn này được giữ khi cập nhật số liệu.")
    return redirect(f"{reverse('reports:detail', args=[report.pk])}#edit-{para}")


_CHANNEL = {"pdf": Channel.PDF, "docx": Channel.EXPORT, "txt": Channel.EXPORT}
_EXT = {"pdf": "pdf", "docx": "docx", "txt": "txt"}


@login_required
def report_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The .docx, .pdf or .txt file; a secret report never leaves the system (403, audited)."""
    report = _report(request, pk, Action.EXPORT)
    if fmt not in _CHANNEL:
        raise PermissionDenied("Định dạng không hỗ trợ.")
    try:
        refuse_if_secret(report, channel=_CHANNEL[fmt], request=request, object_type="report")
    except SecretRefused as refused:
        return render(request, "reports/refused.html", {"report": report, "message": str(refused)},
                      status=403)  # fmt: skip
    data = render_report(report, fmt)
    audit_log(
        user=request.user, action=AuditAction.EXPORT, object_type="report", object_id=report.pk,
        description=f"Tải báo cáo ({fmt}): {report.title} – {report.org.name}", request=request,
    )  # fmt: skip
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    name = f"bao-cao-{report.org.code}-{report.period_end:%Y%m%d}-v{report.version}.{_EXT[fmt]}"
    response["Content-Disposition"] = content_disposition(name)
    return response


@login_required
def report_print(request: HttpRequest, pk: int) -> HttpResponse:
    """The printable page (viewed in the system; printing a secret one is the browser's)."""
    report = _report(request, pk)
    return HttpResponse(render_html(layout_of(report), report.figures))


# Reports from below -------------------------------------------------------------------------


@login_required
def calls_received(request: HttpRequest) -> HttpResponse:
    from dangbo.submissions.selectors import calls_received as received

    rows = received(request.user).filter(call__kind="report")
    page, query = paginate(request, rows)
    mine = {
        (r.call_id, r.org_id): r
        for r in scoped(
            request.user,
            Action.VIEW,
            Report.objects.filter(call_id__in=[row.call_id for row in page.object_list]),
        ).order_by("version")
    }
    items = [{"row": row, "report": mine.get((row.call_id, row.org_id))} for row in page]
    return render(request, "reports/calls.html", {"page": page, "items": items, "query": query})


@login_required
def call_fill(request: HttpRequest, report_call: int, org_id: int) -> HttpResponse:
    """The base organization's report for a call: pre-filled from its own records (once),
    then edited and submitted from the report page."""
    from dangbo.submissions.models import CallRecipient

    recipient = get_scoped_or_404(
        request.user, Action.VIEW, CallRecipient.objects.select_related("call", "org"),
        call_id=report_call, org_id=org_id,
    )  # fmt: skip
    existing = (
        Report.objects.filter(call=recipient.call, org=recipient.org).order_by("-version").first()
    )
    if existing is not None:
        return redirect("reports:detail", pk=existing.pk)
    if request.method != "POST":
        return render(request, "reports/call_fill.html", {"recipient": recipient})
    call = recipient.call
    try:
        report = services.report_create(
            org=recipient.org, period_start=call.period_start, period_end=call.period_end,
            template=Template.BASE, title=call.title, call=call, user=request.user,
        )  # fmt: skip
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
        return redirect("reports:calls")
    return redirect("reports:detail", pk=report.pk)


@login_required
@require_POST
def call_rollup(request: HttpRequest, report_call: int) -> HttpResponse:
    """The issuer's own report for its call: the full template with the roll-up of the
    reports submitted from below (made once, then regenerated from the report page)."""
    from dangbo.submissions.models import Call

    call = get_scoped_or_404(
        request.user, Action.VIEW, Call.objects.select_related("issuer"), pk=report_call,
        kind="report",
    )  # fmt: skip
    if not scope_of(request.user).covers_path(Action.OFFICE, call.issuer.path):
        raise PermissionDenied("Bạn không có quyền lập báo cáo của tổ chức yêu cầu.")
    existing = Report.objects.filter(call=call, org=call.issuer).order_by("-version").first()
    if existing is not None:
        return redirect("reports:detail", pk=existing.pk)
    try:
        report = services.report_create(
            org=call.issuer, call=call, period_start=call.period_start,
            period_end=call.period_end, template=Template.FULL, user=request.user,
        )  # fmt: skip
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
        return redirect("submissions:call_detail", pk=call.pk)
    messages.success(request, "Đã lập dự thảo báo cáo tổng hợp từ các báo cáo đã nộp.")
    return redirect("reports:detail", pk=report.pk)


@login_required
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A submitted report as it was frozen (its figures and text from the payload)."""
    from dangbo.submissions.models import Submission

    sub = get_scoped_or_404(
        request.user, Action.VIEW, Submission.objects.select_related("call", "org"), pk=pk
    )
    payload = sub.payload or {}
    return render(request, "reports/submission.html", {
        "sub": sub, "paragraphs": payload.get("paragraphs", {}),
        "figures": payload.get("figures", {}),
    })  # fmt: skip


@login_required
@require_POST
def report_to_article(request: HttpRequest, pk: int) -> HttpResponse:
    """The report becomes a portal article draft in one step, for the editor to rewrite."""
    from dangbo.reports.article import report_to_article as make_article

    report = _report(request, pk)
    article = make_article(report=report, user=request.user, request=request)
    messages.success(
        request, "Đã tạo bản nháp tin bài từ báo cáo; hãy biên tập trước khi gửi duyệt."
    )
    return redirect("portal:article_edit", pk=article.pk)
