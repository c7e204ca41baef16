"""Who runs something, and whether they still do.

A runner is ``host:pid:start`` — the host, the process id and the process's start time — so
that a process on this host is known gone at once (a new process given the same id has
another start time), and one on another host is judged by its heartbeat, which must be
younger than ``IMPORT_LEASE_SECONDS`` (15 minutes unless set).
"""

from __future__ import annotations

import datetime as dt
import os
import socket
from pathlib import Path

from django.conf import settings
from django.utils import timezone

LEASE_SECONDS = 15 * 60


def _started(pid: int) -> str:
    """The process's start time in clock ticks since boot ("" where /proc is not there), so
    that a new process given the same id is not taken for the old one."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return ""
    return fields[19] if len(fields) > 19 else ""


def runner_token() -> str:
    """``host:pid:start`` of this process."""
    pid = os.getpid()
    return f"{socket.gethostname()}:{pid}:{_started(pid)}"


def runner_alive(token: str) -> bool | None:
    """Whether the process ``token`` names still runs; None when it ran on another host."""
    host, _sep, rest = token.partition(":")
    pid_text, _sep, started = rest.partition(":")
    if host != socket.gethostname() or not pid_text.isdigit():
        return None
    pid = int(pid_text)
    if started and Path("/proc").is_dir():
        return _started(pid) == started
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def lease_seconds() -> int:
    return int(getattr(settings, "IMPORT_LEASE_SECONDS", LEASE_SECONDS))


def runner_gone(token: str, beat: dt.datetime | None, *, now: dt.datetime | None = None) -> bool:
    """Whether the runner ``token``, whose last sign of life was ``beat``, no longer runs."""
    alive = runner_alive(token)
    if alive is not None:
        return not alive
    if beat is None:
        return True
    return (now or timezone.now()) - beat > dt.timedelta(seconds=lease_seconds())
