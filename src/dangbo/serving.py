"""`dangbo serve`: gunicorn behind WhiteNoise in production, Django's server with --dev,
and the background worker kept alive beside either (dangbo.jobs.supervisor)."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
from types import FrameType

from dangbo.jobs.supervisor import Supervisor

logger = logging.getLogger(__name__)

MAX_WORKERS = 8
DANGBO = [sys.executable, "-m", "dangbo.cli"]


def default_workers() -> int:
    """gunicorn's rule of thumb, 2 x cores + 1, capped at MAX_WORKERS."""
    return min(2 * (os.cpu_count() or 1) + 1, MAX_WORKERS)


def gunicorn_command(
    *, host: str, port: int, workers: int, threads: int, portal_only: bool
) -> list[str]:
    module = "wsgi_portal" if portal_only else "wsgi"
    wsgi = f"dangbo.config.{module}:application"
    return [
        sys.executable, "-m", "gunicorn", wsgi,
        "--bind", f"{host}:{port}",
        "--workers", str(workers),
        "--threads", str(threads),
        "--worker-class", "gthread" if threads > 1 else "sync",
        "--timeout", "120",
        "--access-logfile", "-",
        "--no-control-socket",
    ]  # fmt: skip


def production_env() -> dict[str, str]:
    """The environment of collectstatic and gunicorn: hashed, compressed static files."""
    return {**os.environ, "DANGBO_STATIC_MANIFEST": "1"}


def collectstatic(env: dict[str, str]) -> None:
    subprocess.run(  # noqa: S603 - our own interpreter and module
        [*DANGBO, "manage", "collectstatic", "--noinput", "--verbosity", "0"], env=env, check=True
    )


def worker_supervisor() -> Supervisor:
    """The `db_worker` child, restarted when it dies; its running jobs are marked failed."""
    from django.db import close_old_connections

    from dangbo.jobs.recovery import jobs_fail_abandoned, jobs_fail_orphaned

    def command_for(worker_id: str) -> list[str]:
        return [*DANGBO, "manage", "db_worker", "--interval", "1", "--no-reload",
                "--worker-id", worker_id]  # fmt: skip

    def on_death(worker_id: str, returncode: int) -> None:
        try:
            jobs_fail_orphaned(worker_ids=[worker_id])
        finally:
            close_old_connections()

    jobs_fail_abandoned()
    return Supervisor(
        command_for,
        prefix=f"serve-{os.getpid()}",
        env=os.environ.copy(),
        on_death=on_death,
        popen_kwargs={"preexec_fn": _die_with_parent} if sys.platform == "linux" else {},
    )


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Linux: the worker gets SIGTERM when `dangbo serve` dies, even by SIGKILL."""
    import ctypes

    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def run_gunicorn(command: list[str], env: dict[str, str]) -> int:
    """Run gunicorn in the foreground; SIGTERM/SIGINT to this process stop it gracefully."""
    server = subprocess.Popen(command, env=env)  # noqa: S603 - our own interpreter and module

    def forward(signum: int, frame: FrameType | None) -> None:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)

    previous = {s: signal.signal(s, forward) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        return server.wait()
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=30)
