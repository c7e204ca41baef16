"""A person's own messages: the channel they chose for each kind of event (in-product only,
e-mail, a DingTalk work notice, a WeCom application message), their quiet hours and the
weekly digest; and the company's DingTalk/WeCom apps that send the work notices.

``messages_route`` is the handover ``notification_send`` calls (registered in
``IntegrationsConfig.ready``): for each new notification whose recipient chose a channel for
its kind, it logs a ``PersonalSend`` — due now, at the end of their quiet hours, or held for
the Monday digest — and the worker delivers it with the robots' tries and backoff. Who chose
nothing is mailed as before (where mail is set up).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from salestarget.core.quiet_hours import quiet_until
from salestarget.integrations.digests import digests_compose
from salestarget.integrations.links import absolute
from salestarget.integrations.models import (
    Channel,
    MessageChoice,
    MessageSettings,
    PersonalSend,
    SendStatus,
    WorkApp,
)
from salestarget.integrations.tasks import personal_deliver_after_commit
from salestarget.integrations.work_notices import mail_enabled
from salestarget.notifications.kinds import NotificationKind
from salestarget.notifications.models import Notification
from salestarget.org.scoping import scope_for
from salestarget.ui.choices import choice_refused


@dataclass(frozen=True)
class KindChoice:
    channel: str
    digest: bool = False


def channels_open() -> list[str]:
    """The channels a person may choose now: in-product always, e-mail where mail is set up,
    DingTalk/WeCom where the company's app is."""
    open_ = [Channel.IN_APP.value] + ([Channel.EMAIL.value] if mail_enabled() else [])
    apps = set(WorkApp.objects.filter(is_active=True).values_list("kind", flat=True))
    return open_ + [c for c in (Channel.DINGTALK, Channel.WECOM) if c in apps]


def message_preferences_save(
    *,
    user: AbstractBaseUser,
    choices: Mapping[str, KindChoice],
    quiet_start: dt.time | None,
    quiet_end: dt.time | None,
) -> None:
    """Save ``user``'s own choices (a kind left out keeps the default: mail as before)."""
    open_ = channels_open()
    for kind, choice in choices.items():
        if kind not in NotificationKind.values:
            raise choice_refused("kind", kind, NotificationKind.values)
        if choice.channel not in open_:
            raise choice_refused(f"channel_{kind}", choice.channel, open_)
    # Quiet hours are the company's wall-clock times: an offset sent with them is dropped.
    quiet_start = quiet_start.replace(tzinfo=None) if quiet_start else None
    quiet_end = quiet_end.replace(tzinfo=None) if quiet_end else None
    if (quiet_start is None) != (quiet_end is None):
        raise ValidationError({"quiet_end": _("免打扰时段需要同时填写开始和结束时间。")})
    with transaction.atomic():
        MessageSettings.objects.update_or_create(
            user_id=user.pk, defaults={"quiet_start": quiet_start, "quiet_end": quiet_end}
        )
        MessageChoice.objects.filter(user_id=user.pk).exclude(kind__in=list(choices)).delete()
        for kind, choice in choices.items():
            MessageChoice.objects.update_or_create(
                user_id=user.pk,
                kind=kind,
                defaults={"channel": choice.channel, "digest": choice.digest},
            )


def messages_route(created: Sequence[Notification]) -> set[int]:
    """The handover: log each notification for the channel its recipient chose; returns the
    recipients who chose one (``notification_send`` mails only the others)."""
    users = {n.recipient_id for n in created}
    kinds = {n.kind for n in created}
    chosen = {
        (c.user_id, c.kind): c
        for c in MessageChoice.objects.filter(user_id__in=users, kind__in=kinds)
    }
    if not chosen:
        return set()
    quiet = {
        s.user_id: s for s in MessageSettings.objects.filter(user_id__in={u for u, _k in chosen})
    }
    local_now = timezone.localtime().replace(tzinfo=None)
    taken: set[int] = set()
    due: list[tuple[PersonalSend, dt.datetime | None]] = []
    for note in created:
        choice = chosen.get((note.recipient_id, note.kind))
        if choice is None:
            continue
        taken.add(note.recipient_id)
        if choice.channel == Channel.IN_APP:
            continue
        hours = quiet.get(note.recipient_id)
        until = quiet_until(local_now, hours.quiet_start, hours.quiet_end) if hours else None
        when = timezone.make_aware(until) if until is not None else None
        send = PersonalSend(
            user_id=note.recipient_id,
            kind=note.kind,
            channel=choice.channel,
            title=note.title,
            text=note.body or note.title,
            link=absolute(note.link) if note.link else "",
            status=SendStatus.HELD if choice.digest else SendStatus.PENDING,
            next_try_at=None if choice.digest else when,
        )
        due.append((send, send.next_try_at))
    PersonalSend.objects.bulk_create([s for s, _w in due])
    personal_deliver_after_commit([(s.pk, w) for s, w in due if s.status == SendStatus.PENDING])
    return taken


def digests_send(*, now: dt.datetime | None = None) -> int:
    """The Monday digests (``digests.digests_compose``), delivered when this commits."""
    with transaction.atomic():
        made = digests_compose(now=now or timezone.now())
        personal_deliver_after_commit([(d.pk, None) for d in made])
    return len(made)


def work_app_save(
    *,
    by: AbstractBaseUser,
    kind: str,
    app_key: str,
    app_secret: str | None,
    agent_id: int,
    api_base: str = "",
    is_active: bool = True,
) -> WorkApp:
    """Set up the company's DingTalk or WeCom app (the admin only); ``app_secret`` None or
    blank keeps the one saved."""
    if not scope_for(by).is_admin:
        raise PermissionDenied
    if kind not in (Channel.DINGTALK, Channel.WECOM):
        raise choice_refused("kind", kind, [Channel.DINGTALK.value, Channel.WECOM.value])
    app = WorkApp.objects.filter(kind=kind).first() or WorkApp(kind=kind)
    app.app_key = app_key.strip()
    if app_secret and app_secret.strip():
        app.app_secret = app_secret.strip()
    if not app.app_secret:
        raise ValidationError({"app_secret": _("请填写应用的 Secret。")})
    app.agent_id = agent_id
    app.api_base = api_base.strip()
    app.is_active = is_active
    app.full_clean()
    app.save()
    return app
