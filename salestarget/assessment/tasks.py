"""Background tasks of the assessment app (Django tasks, run by ``db_worker``): the deadline
reminders, and the recomputation of the cycles still taking reviews after each import, so a
person in self-review reads their measured items as of the latest facts."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django_tasks import task

from salestarget.actuals.rollups import on_commit_once

log = logging.getLogger(__name__)


@task()
def assessment_deadlines_task() -> dict[str, int]:
    # Imported here: the app's ready() imports this module for its receiver, and the
    # services load numpy, which no command should pay for at start (tests/ops/test_cli_quick).
    from salestarget.assessment.services.deadlines import assessment_deadlines_check

    with transaction.atomic():  # a worker killed part-way wrote nothing (worker.recovery)
        report = assessment_deadlines_check()
    return {
        "reminded": report.reminded,
        "escalated": report.escalated,
        "customers_reminded": report.customers_reminded,
    }


@task()
def open_cycles_compute_task() -> int:
    """Recompute every cycle still taking reviews (its figures so far); the count."""
    from salestarget.assessment.services.scoring import open_cycles_compute

    with transaction.atomic():  # a worker killed part-way wrote nothing
        return open_cycles_compute()


def compute_after_commit(**_kwargs: Any) -> None:
    """``rollups_changed`` receiver: once the writing transaction commits, enqueue one
    recomputation when a cycle is taking reviews."""
    on_commit_once(_enqueue)


def _enqueue() -> None:
    from salestarget.assessment.models import OPEN_STEPS, AssessmentCycle

    try:
        if AssessmentCycle.objects.filter(step__in=OPEN_STEPS).exists():
            open_cycles_compute_task.enqueue()
    except Exception:  # a missing task queue must never fail an import
        log.exception("could not enqueue the open cycles' recomputation")
