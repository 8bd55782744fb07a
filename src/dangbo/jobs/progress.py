from __future__ import annotations

from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections
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


class ProgressRecorder:
    """Writes a job's progress as a callback `(done, total)`.

    Work that runs inside one long transaction (an import) would hide its progress
    until the end. On PostgreSQL the recorder then writes through a connection of
    its own, so the job page sees it at once; SQLite has a single writer, so there
    the progress goes through the same transaction (and shows when it commits).
    """

    def __init__(self, job: Job, *, message: str = "") -> None:
        self.job = job
        self.message = message
        self._side: Any = None
        if connection.vendor != "sqlite" and not connection.in_atomic_block:
            self._side = connections.create_connection(DEFAULT_DB_ALIAS)

    def __call__(self, done: int, total: int) -> None:
        if self._side is None:
            job_progress(self.job, done=done, total=total, message=self.message)
            return
        table = self._side.ops.quote_name(Job._meta.db_table)
        with self._side.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET done = %s, total = %s, status = %s WHERE id = %s",  # noqa: S608 - table name only
                [done, total, JobStatus.RUNNING, self.job.pk],
            )

    def close(self) -> None:
        if self._side is not None:
            self._side.close()
            self._side = None

    def __enter__(self) -> ProgressRecorder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
