"""Background tasks of tracking (Django tasks, run by ``db_worker``), and the receiver that
enqueues good-news detection after every rollup change."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django_tasks import task

from salestarget.actuals.rollups import on_commit_once

log = logging.getLogger(__name__)


@task()
def tracking_news_task() -> int:
    """Good-news detection; enqueued after every import (rollup change)."""
    # The services are imported when a task runs: ``ready()`` imports this module for its
    # receiver, and every command would otherwise load what they read.
    from salestarget.tracking.services.news import good_news_detect

    return len(good_news_detect())


@task()
def tracking_alerts_task() -> dict[str, int]:
    """The alert check, for a scheduler that enqueues it (e.g. daily after the import). One
    transaction: a worker killed part-way wrote nothing (``worker.recovery``)."""
    from salestarget.tracking.services.alerts import tracking_alerts

    with transaction.atomic():
        report = tracking_alerts()
    return {"checked": report.checked, "behind": report.behind, "sent": report.sent}


def news_detect_after_commit(**_kwargs: Any) -> None:
    """``rollups_changed`` receiver: enqueue one detection when the writing transaction
    commits."""
    on_commit_once(_enqueue_news)


def _enqueue_news() -> None:
    try:
        tracking_news_task.enqueue()
    except Exception:  # a missing task queue must never fail an import
        log.exception("could not enqueue good-news detection")


@task()
def tracking_battle_post_task() -> int:
    """Last week's battle report to every group robot that takes it, for a scheduler that
    enqueues it weekly (e.g. Monday morning); each robot gets each week once."""
    from salestarget.tracking.services.battle_posts import battle_report_post

    with transaction.atomic():
        return battle_report_post()
