"""The overdue checks of the apps above targets (activities' action steps), registered from
their ``ready()``: the one overdue run (``services.cycles.deadlines_check``, the command, the
task) reminds them all. A check takes the moment and returns how many reminders it sent.

A module of its own, importing nothing heavy: ``ready()`` runs whenever Django starts, and
starting Django must not load the targets' queries (numpy; tests/ops/test_cli_quick.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

OverdueCheck = Callable[[dt.datetime], int]
overdue_checks: dict[str, OverdueCheck] = {}


def overdue_check_register(name: str, check: OverdueCheck) -> None:
    overdue_checks[name] = check
