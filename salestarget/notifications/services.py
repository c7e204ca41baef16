"""Sending notifications: in the product always, by e-mail where mail is configured.

``notification_send`` is the one way any app tells users something. With a ``dedupe_key``
a recipient gets that notification once, however often the sender runs.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from salestarget.notifications.models import Notification

log = logging.getLogger(__name__)


def notification_send(
    *,
    recipients: Iterable[AbstractBaseUser | None],
    kind: str,
    title: str,
    body: str = "",
    link: str = "",
    dedupe_key: str = "",
) -> list[Notification]:
    """Notify each recipient (None and inactive users are skipped); returns the new ones."""
    users = {u.pk: u for u in recipients if u is not None and u.is_active}
    if not users:
        return []
    if dedupe_key:
        already = set(
            Notification.objects.filter(recipient_id__in=users, dedupe_key=dedupe_key).values_list(
                "recipient_id", flat=True
            )
        )
        users = {pk: u for pk, u in users.items() if pk not in already}
    items = [
        Notification(
            recipient_id=u.pk,
            kind=kind,
            title=title[:200],
            body=body,
            link=link,
            dedupe_key=dedupe_key,
        )
        for u in users.values()
    ]
    # ignore_conflicts: a concurrent run that sent the same key first wins, silently.
    created = Notification.objects.bulk_create(items, ignore_conflicts=bool(dedupe_key))
    if getattr(settings, "SALESTARGET_MAIL_ENABLED", False):
        transaction.on_commit(lambda: _mail([n.recipient for n in created], title, body, link))
    return created


def _mail(users: list[AbstractBaseUser], title: str, body: str, link: str) -> None:
    for user in users:
        address = _address(user)
        if not address:
            continue
        try:
            send_mail(title, f"{body}\n\n{link}".strip(), None, [address])
        except OSError:
            log.exception("could not e-mail %s", address)
            continue
        Notification.objects.filter(
            recipient_id=user.pk, title=title[:200], emailed_at__isnull=True
        ).update(emailed_at=timezone.now())


def _address(user: AbstractBaseUser) -> str:
    person = getattr(user, "person", None)  # the person's work address first
    return (person.email if person is not None else "") or getattr(user, "email", "")


def notification_mark_read(*, user: AbstractBaseUser, ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (all unread ones when ``ids`` is None)."""
    qs = Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=timezone.now())
