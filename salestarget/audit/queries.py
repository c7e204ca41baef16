"""The audit trail as the admin reads it: newest first, filtered, one query per page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from salestarget.audit.registration import AUDITED

ACTIONS = {
    "create": LogEntry.Action.CREATE,
    "update": LogEntry.Action.UPDATE,
    "delete": LogEntry.Action.DELETE,
    "access": LogEntry.Action.ACCESS,
}


@dataclass(frozen=True)
class EntryFilter:
    """What the admin narrowed the list to; empty fields narrow nothing."""

    text: str = ""
    model: str = ""  # "app_label.model", as ContentType names it
    action: str = ""  # a key of ACTIONS
    since: dt.date | None = None
    until: dt.date | None = None

    @classmethod
    def from_query(cls, data: Any) -> EntryFilter:
        return cls(
            text=str(data.get("q") or "").strip()[:100],
            model=str(data.get("model") or ""),
            action=str(data.get("action") or "") if data.get("action") in ACTIONS else "",
            since=_date(data.get("since")),
            until=_date(data.get("until")),
        )


def _date(raw: Any) -> dt.date | None:
    try:
        day = dt.date.fromisoformat(str(raw or ""))
    except ValueError:
        return None
    return day if 1 <= day.year <= 9999 else None


def audited_types() -> list[ContentType]:
    """The kinds of things in the trail, for the filter's choices."""
    labels = {label.lower() for label in AUDITED}
    return [
        ct
        for ct in ContentType.objects.order_by("app_label", "model")
        if f"{ct.app_label}.{ct.model}" in labels
    ]


def entries(f: EntryFilter) -> QuerySet[LogEntry]:
    qs: QuerySet[LogEntry] = LogEntry.objects.select_related("actor", "content_type").order_by(
        "-timestamp", "-pk"
    )
    if f.text:
        qs = qs.filter(Q(object_repr__icontains=f.text) | Q(actor__username__icontains=f.text))
    if "." in f.model:
        app_label, model = f.model.split(".", 1)
        qs = qs.filter(content_type__app_label=app_label, content_type__model=model)
    if f.action:
        qs = qs.filter(action=ACTIONS[f.action])
    if f.since:
        qs = qs.filter(timestamp__date__gte=f.since)
    if f.until:
        qs = qs.filter(timestamp__date__lte=f.until)
    return qs
