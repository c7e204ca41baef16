"""A person's own message preferences over the API: the channel per kind of event, quiet
hours, the weekly digest, and the log of what was sent to them. Every operation reads and
writes the signed-in user's own; nobody reaches another person's.

(No ``from __future__ import annotations``: django-ninja reads the schemas' annotations.)
"""

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import ConfigDict, Field

from salestarget.integrations.models import MessageChoice, MessageSettings
from salestarget.integrations.queries import personal_sends
from salestarget.integrations.services.personal_messages import (
    KindChoice,
    channels_open,
    message_preferences_save,
)

router = Router(tags=["integrations"])


class KindChoiceIO(Schema):
    kind: str = Field(description="the kind of event (plan_submitted, tracking_alert, …)")
    channel: str = Field(description="in_app, email, dingtalk or wecom (those set up)")
    digest: bool = Field(False, description="held for the Monday digest instead of one by one")

    model_config = ConfigDict(extra="forbid")


class PreferencesIO(Schema):
    quiet_start: dt.time | None = Field(None, description="quiet hours start (company time)")
    quiet_end: dt.time | None = Field(None, description="quiet hours end (company time)")
    choices: list[KindChoiceIO] = Field(
        default_factory=list, description="kinds left out are mailed as before", max_length=100
    )

    model_config = ConfigDict(extra="forbid")


class PreferencesOut(Schema):
    # "HH:MM" wall-clock times: a JSON-schema "time" would need an offset they do not have.
    quiet_start: str | None = Field(None, description="quiet hours start, HH:MM company time")
    quiet_end: str | None = Field(None, description="quiet hours end, HH:MM company time")
    choices: list[KindChoiceIO]
    channels: list[str] = Field(description="the channels that may be chosen now")


class PersonalSendOut(Schema):
    id: int
    kind: str
    channel: str
    title: str
    status: str
    attempts: int
    created_at: dt.datetime
    sent_at: dt.datetime | None
    next_try_at: dt.datetime | None
    last_error: str


def _clock(time: dt.time | None) -> str | None:
    return time.strftime("%H:%M") if time is not None else None


def _preferences(user_id: int) -> dict[str, object]:
    hours = MessageSettings.objects.filter(user_id=user_id).first()
    return {
        "quiet_start": _clock(hours.quiet_start if hours else None),
        "quiet_end": _clock(hours.quiet_end if hours else None),
        "choices": [
            {"kind": c.kind, "channel": c.channel, "digest": c.digest}
            for c in MessageChoice.objects.filter(user_id=user_id).order_by("kind")
        ],
        "channels": channels_open(),
    }


def _own(request: HttpRequest) -> int:
    return int(request.user.pk or 0)  # the API signs in every caller


@router.get("/messages/preferences", response=PreferencesOut, summary="Your message preferences")
def get_preferences(request: HttpRequest) -> dict[str, object]:
    return _preferences(_own(request))


@router.put(
    "/messages/preferences", response=PreferencesOut, summary="Set your message preferences"
)
def put_preferences(request: HttpRequest, payload: PreferencesIO) -> dict[str, object]:
    message_preferences_save(
        user=request.user,  # type: ignore[arg-type]
        choices={c.kind: KindChoice(c.channel, c.digest) for c in payload.choices},
        quiet_start=payload.quiet_start,
        quiet_end=payload.quiet_end,
    )
    return _preferences(_own(request))


@router.get(
    "/messages/log", response=list[PersonalSendOut], summary="What was sent to you, newest first"
)
def message_log(request: HttpRequest) -> list[PersonalSendOut]:
    return [
        PersonalSendOut.model_validate(s, from_attributes=True)
        for s in personal_sends(_own(request))
    ]
