"""Working-day calendars: weekends, public holidays and make-up working days (调休).

Chinese sales teams measure time progress in working days, and the official calendar moves
weekends around holidays, so "Monday to Friday" is not enough: a holiday can fall on a
weekday and a Saturday can be a working day. Counting is arithmetic plus two binary searches,
so ``working_days`` stays cheap when dashboards call it for thousands of targets.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from datetime import date, timedelta


class WorkCalendar:
    """Which days are working days.

    A day is a working day when it is a make-up working day, or when it is neither a weekend
    day nor a holiday. ``weekend`` uses Python's weekday numbers (Monday 0 … Sunday 6).
    A day cannot be both a holiday and a make-up working day.
    """

    def __init__(
        self,
        holidays: Iterable[date] = (),
        makeup_workdays: Iterable[date] = (),
        weekend: Iterable[int] = (5, 6),
    ) -> None:
        self.holidays = frozenset(holidays)
        self.makeup_workdays = frozenset(makeup_workdays)
        self.weekend = frozenset(weekend)
        if not self.weekend <= set(range(7)) or len(self.weekend) == 7:
            raise ValueError(
                f"weekend must be weekday numbers 0-6 leaving a working day, "
                f"got {sorted(self.weekend)}"
            )
        clash = self.holidays & self.makeup_workdays
        if clash:
            days = ", ".join(d.isoformat() for d in sorted(clash))
            raise ValueError(f"days cannot be both holidays and make-up working days: {days}")
        # Only the days that change the weekday arithmetic matter for counting.
        self._lost = sorted(d.toordinal() for d in self.holidays if d.weekday() not in self.weekend)
        self._gained = sorted(
            d.toordinal() for d in self.makeup_workdays if d.weekday() in self.weekend
        )
        # _workday_prefix[k] = working weekdays among the k days starting on a Monday.
        self._workday_prefix = [0]
        for k in range(7):
            self._workday_prefix.append(self._workday_prefix[-1] + (k not in self.weekend))

    def __repr__(self) -> str:
        return (
            f"WorkCalendar({len(self.holidays)} holidays, "
            f"{len(self.makeup_workdays)} make-up days, weekend={sorted(self.weekend)})"
        )

    def is_working_day(self, day: date) -> bool:
        if day in self.makeup_workdays:
            return True
        return day.weekday() not in self.weekend and day not in self.holidays

    def working_days(self, start: date, end: date) -> int:
        """Working days from ``start`` to ``end``, both included; 0 when ``end < start``."""
        if end < start:
            return 0
        first, last = start.toordinal(), end.toordinal()
        return (
            self._weekday_count(first, last)
            - (bisect_right(self._lost, last) - bisect_left(self._lost, first))
            + (bisect_right(self._gained, last) - bisect_left(self._gained, first))
        )

    def working_dates(self, start: date, end: date) -> Iterator[date]:
        """The working days from ``start`` to ``end``, both included, in order."""
        day = start
        while day <= end:
            if self.is_working_day(day):
                yield day
            day += timedelta(days=1)

    def _weekday_count(self, first: int, last: int) -> int:
        """Non-weekend days in the ordinal range, by whole weeks plus a remainder."""
        days = last - first + 1
        weeks, rest = divmod(days, 7)
        count = weeks * self._workday_prefix[7]
        # date.fromordinal(1) is a Monday, so (ordinal - 1) % 7 is the weekday.
        offset = (first - 1) % 7
        if offset + rest <= 7:
            count += self._workday_prefix[offset + rest] - self._workday_prefix[offset]
        else:
            count += (
                self._workday_prefix[7]
                - self._workday_prefix[offset]
                + self._workday_prefix[offset + rest - 7]
            )
        return count


WEEKDAYS_ONLY = WorkCalendar()
"""Monday to Friday with no holidays: the calendar to use when none is configured."""
