"""Quiet hours hold a message till they end, also across midnight."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from salestarget.core.quiet_hours import quiet_until

T = dt.time
DAY = dt.datetime(2026, 12, 7)


def at(hour: int, minute: int = 0) -> dt.datetime:
    return DAY.replace(hour=hour, minute=minute)


def test_a_span_within_the_day_holds_until_it_ends() -> None:
    assert quiet_until(at(12, 30), T(12), T(14)) == at(14)
    assert quiet_until(at(14), T(12), T(14)) is None  # the end is no longer quiet
    assert quiet_until(at(11, 59), T(12), T(14)) is None


def test_a_night_span_holds_evening_messages_till_the_next_morning() -> None:
    assert quiet_until(at(22), T(22), T(8)) == at(8) + dt.timedelta(days=1)
    assert quiet_until(at(6, 15), T(22), T(8)) == at(8)
    assert quiet_until(at(9), T(22), T(8)) is None


def test_no_span_is_never_quiet() -> None:
    assert quiet_until(at(3), None, T(8)) is None
    assert quiet_until(at(3), T(8), T(8)) is None


@settings(deadline=None)  # a loaded machine must not fail a property
@given(
    st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1)),
    st.times(),
    st.times(),
)
def test_a_held_message_waits_less_than_a_day_and_ends_at_the_end(
    now: dt.datetime, start: dt.time, end: dt.time
) -> None:
    until = quiet_until(now, start, end)
    if until is not None:
        assert now < until <= now + dt.timedelta(days=1)
        assert until.time() == end
        assert quiet_until(until, start, end) is None  # delivered when the span is over
