"""Where 我的目标 gets each target's progress: tracking, above targets, registers its reader
here from its ``ready()``. A module of its own, without imports, so that registering at start
loads nothing of the targets' queries (nor numpy through them)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

ProgressReader = Callable[[Sequence[Any]], Sequence[Any]]
_readers: list[ProgressReader] = []


def target_progress_register(reader: ProgressReader) -> None:
    """Tracking registers how to read each target's progress (one result per target, None
    where there is none), in the order given."""
    _readers[:] = [reader]


def target_progress(targets: Sequence[Any]) -> Sequence[Any]:
    """Each target's progress from the registered reader; all None without one."""
    return _readers[0](targets) if _readers else [None] * len(targets)
