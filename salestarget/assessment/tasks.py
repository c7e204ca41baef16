"""Background tasks of the assessment app (Django tasks, run by ``db_worker``)."""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from salestarget.assessment.services.deadlines import assessment_deadlines_check


@task()
def assessment_deadlines_task() -> dict[str, int]:
    with transaction.atomic():  # a worker killed part-way wrote nothing (worker.recovery)
        report = assessment_deadlines_check()
    return {
        "reminded": report.reminded,
        "escalated": report.escalated,
        "customers_reminded": report.customers_reminded,
    }
