"""Sending notifications: in the product always, by e-mail where mail is configured.

``notification_send`` is the one way any app tells users something. With a ``dedupe_key``
a recipient gets that notification once, however often the sender runs. Title and body are
messages with arguments (``notifications.messages``): each reader reads them in their
language; mail, which has no reader's language, carries the site's language with English below.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation

from salestarget.notifications.handover import handed_over
from salestarget.notifications.messages import Text, render, stored
from salestarget.notifications.models import Notification

log = logging.getLogger(__name__)


def notification_send(
    *,
    recipients: Iterable[AbstractBaseUser | None],
    kind: str,
    title: Text,
    body: Text | Sequence[Text] = "",
    link: str = "",
    dedupe_key: str = "",
) -> list[Notification]:
    """Notify each recipient (None and inactive users are skipped); returns the new ones.

    ``body`` may be several parts, shown one per line (a message and a person's note)."""
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
    message = {"title": stored(title), "body": stored(body)}
    with translation.override(settings.LANGUAGE_CODE):
        title_text = render(message["title"])
        body_text = render(message["body"])
    items = [
        Notification(
            recipient_id=u.pk,
            kind=kind,
            title=title_text[:200],
            body=body_text,
            message=message,
            link=link,
            dedupe_key=dedupe_key,
        )
        for u in users.values()
    ]
    # ignore_conflicts: a concurrent run that sent the same key first wins, silently.
    created = Notification.objects.bulk_create(items, ignore_conflicts=bool(dedupe_key))
    taken = handed_over(created)  # those who chose their channels (integrations)
    mailed = [n.recipient for n in created if n.recipient_id not in taken]
    if mailed and getattr(settings, "SALESTARGET_MAIL_ENABLED", False):
        text = mail_text(message, title_text, body_text)
        transaction.on_commit(lambda: _mail(mailed, title_text, text, link))
    return created


def mail_text(message: dict[str, list[dict[str, Any]]], title: str, body: str) -> str:
    """The body in the site's language, then the whole message in English when it differs."""
    with translation.override("en"):
        english = "\n".join(t for t in (render(message["title"]), render(message["body"])) if t)
    if english == "\n".join(t for t in (title, body) if t):
        return body
    return f"{body}\n\n{english}".strip()


def _mail(users: Sequence[AbstractBaseUser], title: str, body: str, link: str) -> None:
    for user in users:
        address = mail_address(user)
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


def mail_address(user: AbstractBaseUser) -> str:
    person = getattr(user, "person", None)  # the person's work address first
    return (person.email if person is not None else "") or getattr(user, "email", "")


def notification_mark_read(*, user: AbstractBaseUser, ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (all unread ones when ``ids`` is None)."""
    qs = Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=timezone.now())
