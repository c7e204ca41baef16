"""Quiet hours (免打扰): a daily span of local time in which a person's messages wait.

A span may cross midnight (22:00–08:00). Times are local wall-clock times, naive: the caller
converts to and from the time zone the person lives by.
"""

from __future__ import annotations

import datetime as dt


def quiet_until(now: dt.datetime, start: dt.time | None, end: dt.time | None) -> dt.datetime | None:
    """When the quiet hours ``start``–``end`` that hold ``now`` end (``start`` inclusive,
    ``end`` exclusive), or None when ``now`` is outside them or no span is set."""
    if start is None or end is None or start == end:
        return None
    clock = now.time().replace(tzinfo=None)
    if start < end:
        inside = start <= clock < end
        return dt.datetime.combine(now.date(), end) if inside else None
    if clock >= start:  # the evening part of a span across midnight
        return dt.datetime.combine(now.date() + dt.timedelta(days=1), end)
    if clock < end:  # its morning part
        return dt.datetime.combine(now.date(), end)
    return None
