"""A person's calendar as an iCalendar document (RFC 5545, written by ``icalendar``): a
timed deadline is a 30-minute event ending at the deadline, with a reminder an hour before
(calendar applications show events, and a deadline at 17:30 reads right as one); a dated
meeting is an all-day event."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone, translation
from icalendar import Alarm, Calendar, Event

from salestarget.integrations.calendar_sources import CalendarItem, calendar_items
from salestarget.integrations.links import absolute
from salestarget.notifications.messages import render, stored
from salestarget.org.models import Person

DEADLINE_LENGTH = dt.timedelta(minutes=30)
REMINDER = dt.timedelta(hours=1)


def person_calendar(person: Person | None, *, language: str, name: str) -> bytes:
    with translation.override(language):
        cal = Calendar()
        cal.add("prodid", "-//SalesTarget//salestarget//")
        cal.add("version", "2.0")
        cal.add("x-wr-calname", name)
        cal.add("x-wr-timezone", timezone.get_default_timezone_name())
        stamp = timezone.now()
        for item in calendar_items(person) if person is not None else []:
            cal.add_component(_event(item, stamp))
        return bytes(cal.to_ical())


def _event(item: CalendarItem, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", f"{item.uid}@salestarget")
    event.add("dtstamp", stamp)
    event.add("summary", render(stored(item.summary)))
    if isinstance(item.start, dt.datetime):
        event.add("dtstart", item.start - DEADLINE_LENGTH)
        event.add("dtend", item.start)
    else:
        event.add("dtstart", item.start)
        event.add("dtend", item.start + dt.timedelta(days=1))
    description = render(stored(item.description)) if item.description else ""
    if item.link:
        event.add("url", absolute(item.link))
        description = f"{description}\n{absolute(item.link)}".strip()
    if description:
        event.add("description", description)
    if isinstance(item.start, dt.datetime):
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", render(stored(item.summary)))
        alarm.add("trigger", -(REMINDER - DEADLINE_LENGTH))
        event.add_component(alarm)
    return event
