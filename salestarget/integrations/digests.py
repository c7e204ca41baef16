"""The weekly digest: what a person chose to read once a week, summed up in one message per
channel on Monday (``tasks.digest_enqueue`` asks for it; the worker delivers it)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.utils import timezone
from django.utils.translation import gettext

from salestarget.integrations.models import PersonalSend, SendStatus


def digests_compose(*, now: dt.datetime) -> list[PersonalSend]:
    """One message per person and channel summing up what was held for the digest before
    this week began (each item a line with its link); the items are marked sent with it."""
    local = timezone.localtime(now)
    monday = timezone.make_aware(
        dt.datetime.combine(local.date() - dt.timedelta(days=local.weekday()), dt.time())
    )
    held = PersonalSend.objects.filter(status=SendStatus.HELD, created_at__lt=monday)
    groups: dict[tuple[int, str], list[PersonalSend]] = defaultdict(list)
    for item in held.order_by("created_at", "pk"):
        groups[(item.user_id, item.channel)].append(item)
    made: list[PersonalSend] = []
    for (user_id, channel), items in groups.items():
        digest = PersonalSend.objects.create(
            user_id=user_id,
            kind="digest",
            channel=channel,
            title=gettext("上周消息摘要（%(n)d 条）") % {"n": len(items)},
            text="\n\n".join(_line(i) for i in items),
        )
        PersonalSend.objects.filter(pk__in=[i.pk for i in items]).update(
            status=SendStatus.SENT, sent_at=now, digest=digest
        )
        made.append(digest)
    return made


def _line(item: PersonalSend) -> str:
    stamp = timezone.localtime(item.created_at).strftime("%m-%d %H:%M")
    line = f"- {stamp} **{item.title}**"
    if item.text and item.text != item.title:
        line += f" — {item.text}"
    return line + (f" [↗]({item.link})" if item.link else "")
