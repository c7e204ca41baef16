"""Where 我的目标 gets each target's progress, and the day it is as of (the month of that day
is the one marked to act on): tracking, above targets, registers both here from its
``ready()``. A module of its own, without imports, so that registering at start
loads nothing of the targets' queries (nor numpy through them)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

ProgressReader = Callable[[Sequence[Any]], Sequence[Any]]
_readers: list[ProgressReader] = []
_days: list[Callable[[], Any]] = []


def target_progress_register(
    reader: ProgressReader, as_of: Callable[[], Any] | None = None
) -> None:
    """Tracking registers how to read each target's progress (one result per target, None
    where there is none), in the order given, and the day that progress is as of (today, or
    the last day with data when that is earlier)."""
    _readers[:] = [reader]
    _days[:] = [as_of] if as_of else []


def progress_day() -> Any:
    """The ``datetime.date`` progress is read as of; None without a registered reader."""
    return _days[0]() if _days else None


def target_progress(targets: Sequence[Any]) -> Sequence[Any]:
    """Each target's progress from the registered reader; all None without one."""
    return _readers[0](targets) if _readers else [None] * len(targets)
