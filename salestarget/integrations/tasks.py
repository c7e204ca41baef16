"""The worker's part: delivering a robot's message (``db_worker``), retried with backoff."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django_tasks import task

from salestarget.integrations.delivery import robot_send_deliver
from salestarget.integrations.models import SendStatus

log = logging.getLogger(__name__)


@task()
def robot_deliver_task(send_id: int) -> str:
    """One try at one message; a failed try enqueues the next one at its ``next_try_at``.
    One transaction: a worker killed part-way leaves the message pending, as it was."""
    with transaction.atomic():
        send = robot_send_deliver(send_id=send_id)
        if send.status == SendStatus.PENDING and send.next_try_at is not None:
            when = send.next_try_at
            transaction.on_commit(lambda: robot_deliver_enqueue(send_id, when))
    return str(send.status)


def robot_deliver_enqueue(send_id: int, when: dt.datetime | None = None) -> None:
    """Have the worker deliver one message (at ``when``, or as soon as it can)."""
    chosen = robot_deliver_task.using(run_after=when) if when else robot_deliver_task
    try:
        chosen.enqueue(send_id)
    except Exception:  # a missing queue must never fail the sender; the log shows it pending
        log.exception("could not enqueue robot message %s", send_id)
