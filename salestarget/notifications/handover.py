"""Where a notification goes besides the in-product centre: an app above (integrations, with
each person's chosen channels) registers a handover; ``notification_send`` gives it the new
notifications and mails, as before, only the recipients no handover took."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from salestarget.notifications.models import Notification

# Takes the new notifications, returns the ids of the recipients it has taken care of.
Handover = Callable[[Sequence[Notification]], set[int]]

_handovers: list[Handover] = []


def handover_register(handover: Handover) -> None:
    if handover not in _handovers:
        _handovers.append(handover)


def handed_over(created: Sequence[Notification]) -> set[int]:
    """The recipients whose delivery a registered handover took (it runs in the sender's
    transaction, so what it schedules is written with the notifications or not at all)."""
    taken: set[int] = set()
    for handover in _handovers:
        taken |= handover(created)
    return taken
