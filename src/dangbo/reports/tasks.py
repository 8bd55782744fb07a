"""A report of a large scope (a province, the country) is generated as a background job."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django_tasks import task

from dangbo.jobs.models import Job
from dangbo.jobs.progress import ProgressRecorder, job_finish
from dangbo.orgs.models import Organization
from dangbo.reports.services import report_create

logger = logging.getLogger(__name__)

KIND = "report"
NO_LONGER_ALLOWED = "Đồng chí không còn quyền lập báo cáo của tổ chức này; chưa ghi gì."


def job_threshold() -> int:
    """Scopes with more members than this are generated in the background."""
    return int(getattr(settings, "REPORTS_JOB_MEMBERS", 50_000))


@task()
def generate_report_task(job_id: int) -> int:
    """Generate the report described by Job.params; Job.result["report_id"] is the draft."""
    import datetime as dt

    job = Job.objects.select_related("user").get(pk=job_id)
    try:
        p = job.params
        org = Organization.objects.get(pk=p["org_id"])
        with ProgressRecorder(job, message="Đang tính số liệu và viết báo cáo") as progress:
            report = report_create(
                org=org, period_start=dt.date.fromisoformat(p["period_start"]),
                period_end=dt.date.fromisoformat(p["period_end"]), template=p["template"],
                secrecy=p.get("secrecy", ""), user=job.user, progress=progress,
            )  # fmt: skip
        job_finish(job, ok=True, message="Đã lập dự thảo báo cáo.",
                   result={"report_id": report.pk})  # fmt: skip
        return report.pk
    except PermissionDenied:
        # The user's roles are resolved when the job runs: one that ended meanwhile
        # grants nothing, and report_create refused before writing anything.
        job_finish(job, ok=False, message=NO_LONGER_ALLOWED)
        return 0
    except Exception:
        logger.exception("report job %s failed", job_id)
        job_finish(job, ok=False, message="Không lập được báo cáo; hãy thử lại sau.")
        raise
