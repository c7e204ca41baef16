"""One try at delivering a message (a robot's or a person's), and when to try again.

A failed try sets ``next_try_at`` (``FIRST_RETRY_SECONDS`` × 4ⁿ later: 30 s, 2 min, 8 min,
32 min), which the worker's task turns into the next task; after ``MAX_ATTEMPTS`` failed
tries the message is marked failed, with the last error in the log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from django.utils import timezone

from salestarget.integrations import webhooks
from salestarget.integrations.models import Delivery, RobotSend, SendStatus

MAX_ATTEMPTS = 5
FIRST_RETRY_SECONDS = 30

D = TypeVar("D", bound=Delivery)


def attempt(send: D, post: Callable[[D], object], *, retry: bool = True) -> D:
    """Try ``post(send)`` once and record how it went: sent, due again later (a longer wait
    each time), or failed after ``MAX_ATTEMPTS`` tries. ``post`` raises
    ``webhooks.DeliveryError`` when the message was not taken."""
    if send.status != SendStatus.PENDING:
        return send
    send.attempts += 1
    try:
        post(send)
    except webhooks.DeliveryError as exc:
        send.last_error = str(exc)[:500]
        if retry and send.attempts < MAX_ATTEMPTS:
            wait = FIRST_RETRY_SECONDS * 4 ** (send.attempts - 1)
            send.next_try_at = timezone.now() + dt.timedelta(seconds=wait)
        else:
            send.status = SendStatus.FAILED
            send.next_try_at = None
    else:
        send.status = SendStatus.SENT
        send.sent_at = timezone.now()
        send.last_error = ""
        send.next_try_at = None
    send.save(update_fields=["attempts", "last_error", "status", "sent_at", "next_try_at"])
    return send


def robot_send_deliver(*, send_id: int, retry: bool = True) -> RobotSend:
    """Try to deliver one robot's message (``attempt``)."""
    send = RobotSend.objects.select_related("robot").get(pk=send_id)
    return attempt(send, _robot_post, retry=retry)


def _robot_post(send: RobotSend) -> None:
    robot = send.robot
    request = webhooks.outgoing(
        kind=robot.kind,
        url=robot.url,
        secret=robot.secret,
        event=send.event,
        title=send.title,
        text=send.text,
        link=send.link,
    )
    webhooks.deliver(request, kind=robot.kind)
