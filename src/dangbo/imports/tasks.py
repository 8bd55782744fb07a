"""Background jobs of the Excel import and export (django-tasks), each with a Job row.

A task receives only the Job's id; everything else (who, which file, which
parameters) is read from the Job, and the user's scope is checked again when the
work starts, not only when it was asked for.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from django.core.files import File
from django.utils import timezone
from django_tasks import task

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.core.scope import Action, scope_of, scoped
from dangbo.core.text import format_number
from dangbo.imports.exporting import cells_under, describe, members_to_export, write_members
from dangbo.imports.importing import check_file, import_file
from dangbo.jobs.models import Job, JobStatus
from dangbo.jobs.progress import ProgressRecorder, job_finish
from dangbo.orgs.models import Organization

logger = logging.getLogger(__name__)

KIND_EXPORT = "member_export"
KIND_IMPORT = "member_import"

# Stages of an import job, kept in Job.result["stage"].
CHECKING, PREVIEW, COMMITTING, COMMITTED, REFUSED = (
    "checking", "preview", "committing", "committed", "refused",
)  # fmt: skip


def _org_of(job: Job, action: Action) -> Organization | None:
    org_id = str(job.params.get("query", {}).get("org") or "")
    if not org_id.isdecimal():
        return None
    return scoped(job.user, action, Organization.objects.filter(pk=int(org_id))).first()


NO_LONGER_EXPORT = "Đồng chí không còn quyền xuất danh sách này; tác vụ dừng, không có tệp nào."


def _may_export(job: Job) -> bool:
    """The job's user may still export (with the roles active now, not when queued), and
    still sees the organization the export was asked for."""
    if not scope_of(job.user).allows(Action.EXPORT):
        return False
    org_id = str(job.params.get("query", {}).get("org") or "")
    return not org_id or _org_of(job, Action.VIEW) is not None


def export_filename(org: Organization | None) -> str:
    return f"dang-vien-{org.code if org else 'tat-ca'}-{timezone.localdate():%Y%m%d}.xlsx"


@task()
def export_members_task(job_id: int) -> int:
    """Write the member list of Job.params["query"] to Job.output_file."""
    job = Job.objects.select_related("user").get(pk=job_id)
    try:
        user = job.user
        query = job.params.get("query", {})
        if not _may_export(job):
            job_finish(job, ok=False, message=NO_LONGER_EXPORT)
            return 0
        members = members_to_export(user, query)
        total = members.count()
        org = _org_of(job, Action.VIEW)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "export.xlsx"
            with ProgressRecorder(job, message="Đang xuất danh sách") as progress:
                rows = write_members(
                    members,
                    path,
                    cells=cells_under(org, user),
                    user=user,
                    total=total,
                    progress=progress,
                )
            with path.open("rb") as handle:
                job.output_file.save(export_filename(org), File(handle), save=False)
            Job.objects.filter(pk=job.pk).update(output_file=job.output_file.name)
            audit_log(
                user=user,
                action=AuditAction.EXPORT,
                object_type="member",
                object_id=org.pk if org else "",
                description=f"Xuất {format_number(rows)} đảng viên ra Excel: "
                f"{describe(query, org)}",
            )
        job_finish(job, ok=True, message=f"Đã xuất {format_number(rows)} đảng viên.",
                   result={"rows": rows})  # fmt: skip
        return rows
    except Exception:
        logger.exception("member export job %s failed", job_id)
        job_finish(job, ok=False, message="Không xuất được danh sách; hãy thử lại sau.")
        raise


def _import_org(job: Job) -> Organization | None:
    """The job's organization, if its user may still import there."""
    org = Organization.objects.filter(pk=job.params.get("org_id")).first()
    if org is None or not scope_of(job.user).covers_path(Action.IMPORT, org.path):
        return None
    return org


@task()
def check_import_task(job_id: int) -> dict:
    """Read and check the uploaded file; the result is the preview."""
    job = Job.objects.select_related("user").get(pk=job_id)
    try:
        org = _import_org(job)
        if org is None:
            job_finish(job, ok=False, message="Bạn không còn quyền nhập dữ liệu cho tổ chức này.")
            return {}
        with (
            job.input_file.open("rb") as handle,
            ProgressRecorder(job, message="Đang kiểm tra tệp") as progress,
        ):
            report = check_file(handle, org=org, user=job.user, progress=progress)
        result = {"stage": PREVIEW, **report.as_json()}
        message = (
            f"Kiểm tra xong: {report.summary}."
            if report.ok
            else f"Có {format_number(report.bad_rows)} dòng lỗi; chưa ghi dữ liệu nào."
        )
        job_finish(job, ok=True, message=message, result=result)
        return {"ok": report.ok}
    except Exception:
        logger.exception("member import check %s failed", job_id)
        job_finish(job, ok=False, message="Không kiểm tra được tệp; hãy thử lại sau.")
        raise


@task()
def commit_import_task(job_id: int) -> dict:
    """Write the checked file: every row or, if any turns out bad, none."""
    job = Job.objects.select_related("user").get(pk=job_id)
    try:
        org = _import_org(job)
        if org is None:
            job_finish(job, ok=False, message="Bạn không còn quyền nhập dữ liệu cho tổ chức này.",
                       result={**job.result, "stage": REFUSED})  # fmt: skip
            return {}
        with (
            job.input_file.open("rb") as handle,
            ProgressRecorder(job, message="Đang ghi dữ liệu") as progress,
        ):
            report = import_file(handle, org=org, user=job.user, progress=progress)
        if report.committed:
            job_finish(job, ok=True, message=f"Đã nhập: {report.summary}.",
                       result={"stage": COMMITTED, **report.as_json()})  # fmt: skip
        else:
            job_finish(job, ok=False, message="Có dòng lỗi; không ghi dữ liệu nào.",
                       result={"stage": REFUSED, **report.as_json()})  # fmt: skip
        return {"committed": report.committed}
    except Exception:
        logger.exception("member import commit %s failed", job_id)
        job_finish(job, ok=False, message="Không ghi được dữ liệu; không dòng nào được ghi.",
                   result={**job.result, "stage": REFUSED})  # fmt: skip
        raise


def start_commit(job: Job) -> bool:
    """Queue the commit of a checked import once (a second click does nothing)."""
    claimed = Job.objects.filter(
        pk=job.pk, kind=KIND_IMPORT, status=JobStatus.SUCCEEDED, result__stage=PREVIEW,
        result__issue_count=0,
    ).update(status=JobStatus.QUEUED, done=0, message="Đang chờ ghi dữ liệu",
             result={**job.result, "stage": COMMITTING})  # fmt: skip
    if not claimed:
        return False
    commit_import_task.enqueue(job.pk)
    return True
