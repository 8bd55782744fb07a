"""Keeps a child process (the background worker) running: restarted with backoff if it dies."""

from __future__ import annotations

import logging
import subprocess
import threading
import time
from collections.abc import Callable
from typing import Any

logger = logging.getLogger(__name__)


class Supervisor:
    """Runs `command_for(worker_id)` in a child process and restarts it when it exits.

    Each start gets a new worker id (`<prefix>-<n>`), so the jobs a dead worker had
    claimed can be told apart (`on_death(worker_id, returncode)` is called for them).
    The wait before a restart doubles while the child keeps dying young (under
    `stable_after` seconds), up to `max_backoff`; a child that lived long resets it.
    """

    def __init__(
        self,
        command_for: Callable[[str], list[str]],
        *,
        prefix: str,
        env: dict[str, str] | None = None,
        on_death: Callable[[str, int], None] | None = None,
        min_backoff: float = 1.0,
        max_backoff: float = 60.0,
        stable_after: float = 60.0,
        poll: float = 0.2,
        popen_kwargs: dict[str, Any] | None = None,
    ) -> None:
        self.popen_kwargs = popen_kwargs or {}
        self.command_for = command_for
        self.prefix = prefix
        self.env = env
        self.on_death = on_death
        self.min_backoff = min_backoff
        self.max_backoff = max_backoff
        self.stable_after = stable_after
        self.poll = poll
        self.starts = 0
        self.process: subprocess.Popen[bytes] | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def restarts(self) -> int:
        return max(0, self.starts - 1)

    def _spawn(self) -> tuple[str, subprocess.Popen[bytes]]:
        self.starts += 1
        worker_id = f"{self.prefix}-{self.starts}"
        process = subprocess.Popen(  # noqa: S603 - a command of our own
            self.command_for(worker_id), env=self.env, **self.popen_kwargs
        )
        self.process = process
        logger.info("background worker %s started (pid %s)", worker_id, process.pid)
        return worker_id, process

    def run(self) -> None:
        backoff = self.min_backoff
        while not self._stop.is_set():
            worker_id, process = self._spawn()
            born = time.monotonic()
            while process.poll() is None and not self._stop.is_set():
                self._stop.wait(self.poll)
            if self._stop.is_set():
                break
            code = process.returncode
            lived = time.monotonic() - born
            backoff = self.min_backoff if lived >= self.stable_after else backoff
            logger.warning(
                "background worker %s exited with code %s after %.1f s; restart in %.1f s",
                worker_id, code, lived, backoff,
            )  # fmt: skip
            if self.on_death is not None:
                try:
                    self.on_death(worker_id, code)
                except Exception:
                    logger.exception("could not mark the jobs of worker %s failed", worker_id)
            self._stop.wait(backoff)
            backoff = min(self.max_backoff, backoff * 2)
        self._terminate()

    def _terminate(self) -> None:
        process = self.process
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def start(self) -> threading.Thread:
        self._thread = threading.Thread(target=self.run, name="worker-supervisor", daemon=True)
        self._thread.start()
        return self._thread

    def stop(self, timeout: float = 15) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
        else:
            self._terminate()
