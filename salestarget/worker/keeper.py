"""What a worker process does besides its tasks: from a thread of its own, it refreshes the
leases of the tasks it runs every ``HEARTBEAT_SECONDS``, and every ``WORKER_UPKEEP_SECONDS``
(settings, 60 unless set) recovers what killed workers left and runs the apps' upkeep (an
app registers it with :func:`upkeep_register`: the imports page's abandoned uploads, …)."""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError, connections

from salestarget.worker.leases import leases_beat
from salestarget.worker.recovery import tasks_recover
from salestarget.worker.runners import runner_token

log = logging.getLogger(__name__)
HEARTBEAT_SECONDS = 30
UPKEEP_SECONDS = 60

_upkeep: list[Callable[[], object]] = []


def upkeep_register(step: Callable[[], object]) -> None:
    """``step()`` runs when a worker starts and every ``WORKER_UPKEEP_SECONDS`` after."""
    if step not in _upkeep:
        _upkeep.append(step)


def upkeep_run() -> None:
    """Recover interrupted tasks, then every app's upkeep; a step that fails is logged and
    the others still run."""
    tasks_recover()
    for step in _upkeep:
        try:
            step()
        except Exception:  # one app's upkeep must not stop the worker or the others
            log.exception("worker upkeep %s failed", getattr(step, "__name__", step))


def upkeep_seconds() -> float:
    return float(getattr(settings, "WORKER_UPKEEP_SECONDS", UPKEEP_SECONDS))  # float ok: seconds


class Keeper:
    """The thread: started with the worker, stopped when it ends."""

    def __init__(self) -> None:
        self.runner = runner_token()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name="worker-keeper", daemon=True)

    def __enter__(self) -> Keeper:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(timeout=60)

    def _run(self) -> None:
        last_upkeep = time.monotonic()
        try:
            while not self.stop.wait(min(HEARTBEAT_SECONDS, upkeep_seconds())):
                # A missed beat is no harm: the next one, or the runner's process, tells.
                with contextlib.suppress(DatabaseError):
                    leases_beat(self.runner)
                if time.monotonic() - last_upkeep >= upkeep_seconds():
                    last_upkeep = time.monotonic()
                    upkeep_run()
        finally:
            connections.close_all()  # this thread's own connections
