"""The worker's part: delivering a robot's or a person's message (``db_worker``), retried
with backoff, and the weekly digest of the messages people chose to read once a week
(asked for by the worker's upkeep, ``digest_enqueue``, on Monday morning)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from salestarget.integrations.delivery import attempt, robot_send_deliver
from salestarget.integrations.digests import digests_compose
from salestarget.integrations.models import Delivery, PersonalSend, SendStatus
from salestarget.integrations.work_notices import work_notice_post

log = logging.getLogger(__name__)
DIGEST_HOUR = 8  # Monday, local time: the week's digest goes out with the working day
_digest_asked: dt.date | None = None


def _then_again(send: Delivery, enqueue: Callable[[int, dt.datetime | None], None]) -> str:
    """A failed try enqueues the next one at its ``next_try_at`` when this one commits."""
    if send.status == SendStatus.PENDING and send.next_try_at is not None:
        when, pk = send.next_try_at, send.pk
        transaction.on_commit(lambda: enqueue(pk, when))
    return str(send.status)


@task()
def robot_deliver_task(send_id: int) -> str:
    """One try at one message; one transaction: a worker killed part-way leaves the message
    pending, as it was."""
    with transaction.atomic():
        return _then_again(robot_send_deliver(send_id=send_id), robot_deliver_enqueue)


@task()
def personal_deliver_task(send_id: int) -> str:
    """One try at one person's message (held ones wait for their time or the digest)."""
    with transaction.atomic():
        send = PersonalSend.objects.select_related("user__person").get(pk=send_id)
        if send.next_try_at is not None and send.next_try_at > timezone.now():
            return str(send.status)  # asked early (a retry of the queue): its task comes
        return _then_again(attempt(send, work_notice_post), personal_deliver_enqueue)


@task()
def digests_send_task() -> int:
    """The Monday digests, each delivered by its own task when they are written."""
    with transaction.atomic():
        made = [d.pk for d in digests_compose(now=timezone.now())]
        personal_deliver_after_commit([(pk, None) for pk in made])
    return len(made)


def _enqueue(chosen_task, send_id: int, when: dt.datetime | None) -> None:  # type: ignore[no-untyped-def]
    chosen = chosen_task.using(run_after=when) if when else chosen_task
    try:
        chosen.enqueue(send_id)
    except Exception:  # a missing queue must never fail the sender; the log shows it pending
        log.exception("could not enqueue message %s", send_id)


def robot_deliver_enqueue(send_id: int, when: dt.datetime | None = None) -> None:
    """Have the worker deliver one robot's message (at ``when``, or as soon as it can)."""
    _enqueue(robot_deliver_task, send_id, when)


def personal_deliver_enqueue(send_id: int, when: dt.datetime | None = None) -> None:
    """Have the worker deliver one person's message (at ``when``, or as soon as it can)."""
    _enqueue(personal_deliver_task, send_id, when)


def personal_deliver_after_commit(items: list[tuple[int, dt.datetime | None]]) -> None:
    """Have the worker deliver each ``(message id, when)`` once the writer commits."""

    def enqueue() -> None:
        for pk, when in items:
            personal_deliver_enqueue(pk, when)

    if items:
        transaction.on_commit(enqueue)


def digest_enqueue() -> None:
    """Worker upkeep: the weekly digest, once a week, from Monday ``DIGEST_HOUR`` on (a
    second run finds nothing left to send: the week's held messages are marked)."""
    global _digest_asked
    now = timezone.localtime()
    monday = now.date() - dt.timedelta(days=now.weekday())
    if _digest_asked == monday or (now.weekday() == 0 and now.hour < DIGEST_HOUR):
        return
    _digest_asked = monday
    if not PersonalSend.objects.filter(status=SendStatus.HELD).exists():
        return
    try:
        digests_send_task.enqueue()
    except Exception:
        log.exception("could not enqueue the weekly digest")
