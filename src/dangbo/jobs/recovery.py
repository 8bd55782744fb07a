"""Jobs whose worker died, and retrying a failed job with the same parameters and file.

(Not services.py: pyproject's mypy list names both src/dangbo/jobs and */services.py.)"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Collection
from typing import Any

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from dangbo.jobs.models import Job, JobStatus

logger = logging.getLogger(__name__)

WORKER_DIED = (
    "Tiến trình xử lý nền đã dừng đột ngột khi đang chạy tác vụ này; "
    "bấm “Thử lại” để chạy lại với cùng tệp và tham số."
)
ACTIVE = (JobStatus.QUEUED, JobStatus.RUNNING)
RUNNING, FAILED = "RUNNING", "FAILED"  # django-tasks' TaskResultStatus values


def _task_results() -> Any:
    """django-tasks-db's result model (looked up, not imported: its typing drags mypy into
    the settings)."""
    return apps.get_model("django_tasks_database", "DBTaskResult")


def jobs_fail_orphaned(*, worker_ids: Collection[str]) -> int:
    """Mark failed the tasks the given (dead) workers had claimed, and their jobs.

    Every task of this project takes the Job's id as its first argument, so the job of
    a task result is found from its arguments. Returns the number of jobs marked failed.
    """
    task_results = _task_results()
    dead = set(worker_ids)
    job_ids: list[int] = []
    now = timezone.now()
    with transaction.atomic():
        running = task_results.objects.filter(status=RUNNING)
        for result in running:
            if not result.worker_ids or result.worker_ids[-1] not in dead:
                continue
            result.status = FAILED
            result.finished_at = now
            result.exception_class_path = "dangbo.jobs.WorkerDied"
            result.traceback = "the worker process exited while running this task"
            result.save(update_fields=["status", "finished_at", "exception_class_path",
                                       "traceback"])  # fmt: skip
            args = (result.args_kwargs or {}).get("args") or []
            if result.task_path.startswith("dangbo.") and args and isinstance(args[0], int):
                job_ids.append(args[0])
        marked = Job.objects.filter(pk__in=job_ids, status__in=ACTIVE).update(
            status=JobStatus.FAILED, message=WORKER_DIED, finished_at=now
        )
    if marked:
        logger.warning("%s job(s) of dead worker(s) %s marked failed", marked, sorted(dead))
    return marked


SERVE_WORKER = re.compile(r"^serve-(\d+)-\d+$")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def jobs_fail_abandoned(*, alive: Callable[[int], bool] = _alive) -> int:
    """At start-up: the tasks left running by workers of a `dangbo serve` that is gone.

    `dangbo serve` names its workers serve-<its pid>-<n> and they die with it, so a
    running task whose worker belongs to a process that no longer exists will never end.
    """
    task_results = _task_results()
    dead = set()
    for ids in task_results.objects.filter(status=RUNNING).values_list("worker_ids", flat=True):
        match = SERVE_WORKER.match(ids[-1]) if ids else None
        if match and not alive(int(match.group(1))):
            dead.add(ids[-1])
    return jobs_fail_orphaned(worker_ids=dead) if dead else 0


def job_can_retry(job: Job) -> bool:
    """A failed job can run again, unless it failed on the rows of its file (to be fixed
    and uploaded again) or its input file is gone."""
    if job.status != JobStatus.FAILED or (job.result or {}).get("issue_count"):
        return False
    return not job.params.get("filename") or bool(job.input_file)


def job_retry(
    *,
    job: Job,
    enqueue: Callable[[int], Any],
    result: dict[str, Any] | None = None,
    message: str = "Đang chờ chạy lại",
) -> bool:
    """Queue a failed job again with its own parameters and input file (no new upload).

    Claimed with one conditional UPDATE, so a double click queues it once. False when the
    job is not (or no longer) failed.
    """
    claimed = Job.objects.filter(pk=job.pk, status=JobStatus.FAILED).update(
        status=JobStatus.QUEUED,
        done=0,
        message=message,
        result=result if result is not None else {},
        finished_at=None,
    )
    if not claimed:
        return False
    transaction.on_commit(lambda: enqueue(job.pk))
    return True
