"""The background worker that `dangbo serve` starts is restarted when it dies; a job whose
worker died shows as failed and runs again from the page, with the same file."""

import os
import signal
import sys
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from dangbo.accounts.models import Role
from dangbo.jobs.models import Job, JobStatus
from dangbo.jobs.progress import job_progress
from dangbo.jobs.recovery import WORKER_DIED, jobs_fail_abandoned, jobs_fail_orphaned
from dangbo.jobs.supervisor import Supervisor


def _wait(condition, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_the_supervisor_restarts_a_worker_that_exits():
    deaths = []
    supervisor = Supervisor(
        lambda worker_id: [sys.executable, "-c", "import sys; sys.exit(3)"],
        prefix="test",
        on_death=lambda worker_id, code: deaths.append((worker_id, code)),
        min_backoff=0.05,
        max_backoff=0.2,
    )
    supervisor.start()
    try:
        assert _wait(lambda: supervisor.starts >= 3), supervisor.starts
    finally:
        supervisor.stop()
    assert deaths[:2] == [("test-1", 3), ("test-2", 3)]  # each start has its own worker id


def test_the_supervisor_restarts_a_killed_worker_and_stops_it_at_the_end():
    deaths = []
    supervisor = Supervisor(
        lambda worker_id: [sys.executable, "-c", "import time; time.sleep(120)"],
        prefix="test",
        on_death=lambda worker_id, code: deaths.append((worker_id, code)),
        min_backoff=0.05,
    )
    supervisor.start()
    try:
        assert _wait(lambda: supervisor.process is not None)
        first = supervisor.process
        os.kill(first.pid, signal.SIGKILL)
        assert _wait(lambda: supervisor.process is not first and supervisor.process is not None)
        assert deaths == [("test-1", -signal.SIGKILL)]
        second = supervisor.process
        assert second.poll() is None  # the new worker runs
    finally:
        supervisor.stop()
    assert second.poll() is not None  # stopping the server stops its worker
    assert supervisor.restarts == 1


@pytest.fixture
def db_tasks(settings, tmp_path):
    """The real database backend of django-tasks (what `dangbo serve` uses)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def running_import(db_tasks, client, tree, user_with):
    """An import whose check a worker (serve-4242-1) had claimed and was running."""
    from django_tasks_db.models import DBTaskResult

    client.force_login(user_with(Role.ORG_BOARD, tree["bloc"]))
    sheet = client.get(reverse("imports:template"), {"org": tree["bloc"].pk}).content
    client.post(
        reverse("imports:member_import"),
        {"org": "K", "file": SimpleUploadedFile("ds.xlsx", sheet)},
    )
    job = Job.objects.get()
    DBTaskResult.objects.get().claim("serve-4242-1")
    job_progress(job, done=0, total=10)
    return job


@pytest.mark.django_db
def test_a_job_whose_worker_died_is_shown_failed(running_import, client):
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    job = running_import
    assert jobs_fail_orphaned(worker_ids=["serve-9999-1"]) == 0  # another worker: untouched
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING
    assert jobs_fail_orphaned(worker_ids=["serve-4242-1"]) == 1
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.message == WORKER_DIED
    assert DBTaskResult.objects.get().status == TaskResultStatus.FAILED
    page = client.get(reverse("imports:job_detail", args=[job.pk])).content.decode()
    assert "dừng đột ngột" in page and 'id="job-retry"' in page and "Thử lại" in page
    assert "hx-trigger" not in page  # no longer polls as if it ran


@pytest.mark.django_db
def test_at_start_up_the_tasks_of_a_gone_server_are_failed(running_import):
    assert jobs_fail_abandoned(alive=lambda pid: True) == 0
    running_import.refresh_from_db()
    assert running_import.status == JobStatus.RUNNING
    assert jobs_fail_abandoned(alive=lambda pid: pid != 4242) == 1
    running_import.refresh_from_db()
    assert running_import.status == JobStatus.FAILED


# Committed for real: the worker closes connections between tasks (PostgreSQL would lose the
# test's transaction).
@pytest.mark.django_db(transaction=True)
def test_retry_runs_the_job_again_with_the_same_file(
    running_import, client, django_capture_on_commit_callbacks
):
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    job = running_import
    stored = job.input_file.name
    jobs_fail_orphaned(worker_ids=["serve-4242-1"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("imports:job_retry", args=[job.pk]))
    assert response.url == reverse("imports:job_detail", args=[job.pk])
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED and job.input_file.name == stored
    queued = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert queued.args_kwargs["args"] == [job.pk]
    assert queued.task_path.endswith("check_import_task")
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.result["stage"] == "preview"
    # a job that did not fail is not run again
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports:job_retry", args=[job.pk]))
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 0


@pytest.mark.django_db
def test_only_the_owner_can_retry(running_import, client, tree, user_with):
    jobs_fail_orphaned(worker_ids=["serve-4242-1"])
    client.force_login(user_with(Role.ORG_BOARD, tree["bloc"]))
    assert client.post(reverse("imports:job_retry", args=[running_import.pk])).status_code == 404
    running_import.refresh_from_db()
    assert running_import.status == JobStatus.FAILED
