"""A person's calendar feed address: made (replacing the one before), revoked, and found by
its secret when a calendar application asks."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from salestarget.integrations.models import CalendarFeed, RobotLanguage


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def calendar_feed_create(*, user: AbstractBaseUser, language: str) -> tuple[CalendarFeed, str]:
    """A new secret address for ``user`` (the old one stops working); returns the feed and
    the secret, which is not kept and cannot be shown again."""
    token = secrets.token_urlsafe(32)
    lang = language if language in RobotLanguage.values else RobotLanguage.ZH
    CalendarFeed.objects.filter(user_id=user.pk).delete()
    feed = CalendarFeed.objects.create(
        user_id=user.pk, digest=_digest(token), prefix=token[:6], language=lang
    )
    return feed, token


def calendar_feed_revoke(*, user: AbstractBaseUser) -> int:
    deleted, _kinds = CalendarFeed.objects.filter(user_id=user.pk).delete()
    return deleted


def calendar_feed_find(*, token: str) -> CalendarFeed | None:
    """The feed of ``token`` when its owner may still sign in; marks it used."""
    if not token or len(token) > 100:
        return None
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(digest=_digest(token), user__is_active=True)
        .first()
    )
    if feed is not None:
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=timezone.now())
    return feed
