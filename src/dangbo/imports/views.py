"""Excel template, export and import pages; long work runs as jobs shown with progress."""

from __future__ import annotations

import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.core.files import content_disposition, file_response
from dangbo.core.scope import Action, scope_of, scoped
from dangbo.core.text import format_number
from dangbo.imports import tasks
from dangbo.imports.exporting import (
    DIRECT_LIMIT,
    cells_under,
    describe,
    export_params,
    members_to_export,
    write_members,
)
from dangbo.imports.forms import ImportForm
from dangbo.imports.workbook import MemberWorkbook
from dangbo.jobs.models import Job, JobStatus
from dangbo.jobs.recovery import job_can_retry, job_retry
from dangbo.orgs.models import Organization

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ACTIVE = (JobStatus.QUEUED, JobStatus.RUNNING)


def _xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition(filename)
    return response


def _org_param(user: Any, value: Any, action: Action) -> Organization | None:
    value = str(value or "").strip()
    if not value.isdecimal():
        return None
    return scoped(user, action, Organization.objects.filter(pk=int(value))).first()


@login_required
def template(request: HttpRequest) -> HttpResponse:
    """The empty member spreadsheet, listing the cells the user may import into."""
    user: Any = request.user
    org = _org_param(user, request.GET.get("org"), Action.IMPORT)
    if org is None and scope_of(user).allows(Action.IMPORT):
        roots = scope_of(user).root_paths(Action.IMPORT)
        org = Organization.objects.filter(path__in=roots).first() if len(roots) == 1 else None
    cells = cells_under(org, user) if org else []
    book = MemberWorkbook(cells=cells)
    buffer = io.BytesIO()
    book.save(buffer)
    suffix = f"-{org.code}" if org else ""
    return _xlsx_response(buffer.getvalue(), f"mau-nhap-dang-vien{suffix}.xlsx")


@login_required
def member_export(request: HttpRequest) -> HttpResponse:
    """The member list as filtered (same GET parameters), as .xlsx; large lists go to a job."""
    user: Any = request.user
    if not scope_of(user).allows(Action.EXPORT):
        raise PermissionDenied
    params = export_params(request.GET)
    members = members_to_export(user, params)
    total = members.count()
    org = _org_param(user, params.get("org"), Action.VIEW)
    if total < DIRECT_LIMIT:
        buffer = io.BytesIO()
        rows = write_members(members, buffer, cells=cells_under(org, user), user=user)
        audit_log(
            user=user,
            action=AuditAction.EXPORT,
            object_type="member",
            object_id=org.pk if org else "",
            description=f"Xuất {format_number(rows)} đảng viên ra Excel: {describe(params, org)}",
            request=request,
        )
        return _xlsx_response(buffer.getvalue(), tasks.export_filename(org))
    job = Job.objects.create(
        kind=tasks.KIND_EXPORT,
        title=f"Xuất {format_number(total)} đảng viên: {describe(params, org)}"[:255],
        user=user,
        params={"query": params},
        total=total,
    )
    tasks.export_members_task.enqueue(job.pk)
    return redirect("imports:job_detail", pk=job.pk)


@login_required
def member_import(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    scope = scope_of(user)
    if not scope.allows(Action.IMPORT):
        raise PermissionDenied
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES, user=user)
        if form.is_valid():
            org = form.organization
            assert org is not None
            upload = form.cleaned_data["file"]
            job = Job(
                kind=tasks.KIND_IMPORT,
                title=f"Nhập {upload.name} vào {org.name}"[:255],
                user=user,
                params={"org_id": org.pk, "org_code": org.code, "filename": upload.name},
                result={"stage": tasks.CHECKING},
                message="Đang chờ kiểm tra tệp",
            )
            job.input_file.save(upload.name, upload, save=False)
            job.save()
            tasks.check_import_task.enqueue(job.pk)
            return redirect("imports:job_detail", pk=job.pk)
    else:
        initial = {}
        org = _org_param(user, request.GET.get("org"), Action.IMPORT)
        if org is not None:
            initial["org"] = org.code
        form = ImportForm(initial=initial, user=user)
    suggestions = (
        scoped(user, Action.IMPORT, Organization.objects.filter(dissolved_on__isnull=True))
        .order_by("path")
        .values_list("code", "name")[:500]
    )
    return render(request, "imports/member_import.html", {"form": form, "suggestions": suggestions})


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    scope = scope_of(user)
    jobs = Job.objects.filter(user=user, kind__in=(tasks.KIND_EXPORT, tasks.KIND_IMPORT))
    page = Paginator(jobs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "imports/job_list.html",
        {
            "page": page,
            "can_import": scope.allows(Action.IMPORT),
            "can_export": scope.allows(Action.EXPORT),
        },
    )


def _own_job(request: HttpRequest, pk: int) -> Job:
    user: Any = request.user
    return get_object_or_404(Job, pk=pk, user=user)


def _job_context(request: HttpRequest, job: Job) -> dict[str, Any]:
    result = job.result or {}
    stage = result.get("stage", "")
    can_commit = (
        job.kind == tasks.KIND_IMPORT
        and job.status == JobStatus.SUCCEEDED
        and stage == tasks.PREVIEW
        and result.get("issue_count") == 0
        and scope_of(request.user).allows(Action.IMPORT)
    )
    return {
        "job": job,
        "result": result,
        "stage": stage,
        "active": job.status in ACTIVE,
        "is_import": job.kind == tasks.KIND_IMPORT,
        "can_commit": can_commit,
        "can_retry": job.kind in (tasks.KIND_IMPORT, tasks.KIND_EXPORT) and job_can_retry(job),
        "hidden_issues": max(0, result.get("issue_count", 0) - len(result.get("issues", []))),
    }


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _own_job(request, pk)
    context = _job_context(request, job)
    if getattr(request, "htmx", False):
        return render(request, "imports/_job.html", context)
    return render(request, "imports/job_detail.html", context)


@login_required
@require_POST
def job_commit(request: HttpRequest, pk: int) -> HttpResponse:
    job = _own_job(request, pk)
    if not _job_context(request, job)["can_commit"] or not tasks.start_commit(job):
        messages.error(request, "Tác vụ này không còn ở bước chờ ghi dữ liệu.")
    return redirect("imports:job_detail", pk=job.pk)


@login_required
@require_POST
def job_retry_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Run a failed job again with its own file and parameters (no new upload)."""
    job = _own_job(request, pk)
    enqueue: Any = tasks.export_members_task.enqueue
    result: dict[str, Any] = {}
    if job.kind == tasks.KIND_IMPORT:  # from the check: the user commits after the preview
        enqueue, result = tasks.check_import_task.enqueue, {"stage": tasks.CHECKING}
    if not _job_context(request, job)["can_retry"] or not job_retry(
        job=job, enqueue=enqueue, result=result
    ):
        messages.error(request, "Tác vụ này không ở trạng thái lỗi nên không chạy lại được.")
    return redirect("imports:job_detail", pk=job.pk)


@login_required
def job_download(request: HttpRequest, pk: int) -> FileResponse:
    job = _own_job(request, pk)
    if job.kind != tasks.KIND_EXPORT or job.status != JobStatus.SUCCEEDED or not job.output_file:
        raise Http404
    audit_log(
        user=request.user,
        action=AuditAction.EXPORT,
        object_type="job",
        object_id=job.pk,
        description=f"Tải tệp đã xuất: {job.title}",
        request=request,
    )
    return file_response(job.output_file)
