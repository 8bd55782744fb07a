from __future__ import annotations

from django.utils import timezone

from dangbo.jobs.models import Job, JobStatus


def job_progress(job: Job, *, done: int, total: int | None = None, message: str = "") -> None:
    """Record progress with a plain UPDATE, visible to other connections at once."""
    fields: dict[str, object] = {"done": done, "status": JobStatus.RUNNING}
    if total is not None:
        fields["total"] = total
    if message:
        fields["message"] = message
    Job.objects.filter(pk=job.pk).update(**fields)


def job_finish(job: Job, *, ok: bool, message: str = "", result: dict | None = None) -> None:
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.SUCCEEDED if ok else JobStatus.FAILED,
        message=message,
        result=result or {},
        finished_at=timezone.now(),
    )
