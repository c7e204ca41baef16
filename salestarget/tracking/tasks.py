"""Background tasks of tracking (Django tasks, run by ``db_worker``)."""

from __future__ import annotations

from django_tasks import task

from salestarget.tracking.services.alerts import tracking_alerts
from salestarget.tracking.services.news import good_news_detect


@task()
def tracking_news_task() -> int:
    """Good-news detection; enqueued after every import (rollup change)."""
    return len(good_news_detect())


@task()
def tracking_alerts_task() -> dict[str, int]:
    """The alert check, for a scheduler that enqueues it (e.g. daily after the import)."""
    report = tracking_alerts()
    return {"checked": report.checked, "behind": report.behind, "sent": report.sent}
