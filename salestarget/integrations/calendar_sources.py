"""What a person's calendar feed holds, filled by the apps that own the dates: each registers
a source from its ``AppConfig.ready`` (``targets``: planning steps and draft deadlines;
``assessment``: review deadlines and feedback meetings), as the apps register their menus,
since ``integrations`` sits below them and never imports them.

A source takes a person and returns their open items (a step done leaves the feed); an item's summary is a message
(``notifications.messages``) read in the feed's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from salestarget.notifications.messages import Text
from salestarget.org.models import Person


@dataclass(frozen=True)
class CalendarItem:
    uid: str  # stable across feeds: the calendar application updates, never duplicates
    summary: Text
    start: dt.datetime | dt.date  # a date: an all-day event
    description: Text = ""
    link: str = ""


CalendarSource = Callable[[Person], list[CalendarItem]]

_SOURCES: list[CalendarSource] = []


def calendar_source_register(source: CalendarSource) -> None:
    """Add a source; registering one twice (a second ``ready``) keeps one."""
    if source not in _SOURCES:
        _SOURCES.append(source)


def calendar_items(person: Person) -> list[CalendarItem]:
    """Every item of ``person``, from every registered source, by start."""
    items = [item for source in _SOURCES for item in source(person)]
    return sorted(items, key=lambda i: (_sort_key(i.start), i.uid))


def _sort_key(start: dt.datetime | dt.date) -> dt.datetime:
    if isinstance(start, dt.datetime):
        return start.astimezone(dt.UTC)
    return dt.datetime.combine(start, dt.time.min, tzinfo=dt.UTC)
