"""Fiscal calendar and periods: year, half, quarter, month, week, day.

Conventions (they are also the storage codes the apps keep):

* A fiscal year may start in any month and is named by the calendar year it starts in
  (Japanese / Indian practice): with ``year_start_month=4``, ``FY2026`` runs from
  2026-04-01 to 2027-03-31. With the default start in January, ``FY2026`` is calendar 2026.
* Labels: ``FY2026``, ``FY2026-H1``, ``FY2026-Q3``, ``2026-03`` (a calendar month),
  ``2026-W05`` (an ISO week, Monday to Sunday), ``2026-03-05`` (a day).
* Weeks straddle months, so when a month (or a quarter, half, year) is split into weeks
  the weeks at its edges are clipped to it, and a clipped week is labelled
  ``<month>/<ISO week>``, e.g. ``2026-03/2026-W10`` is the part of 2026-W10 that falls in
  March. The children of a period therefore always cover it exactly, day for day.
* ``end`` is inclusive.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class PeriodKind(StrEnum):
    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    MONTH = "month"
    WEEK = "week"
    DAY = "day"

    @property
    def rank(self) -> int:
        """0 for a year up to 5 for a day: a kind can be split into kinds of higher rank."""
        return _RANKS[self]


_RANKS = {kind: rank for rank, kind in enumerate(PeriodKind)}
_MONTHS_IN = {PeriodKind.YEAR: 12, PeriodKind.HALF: 6, PeriodKind.QUARTER: 3}


class PeriodCodeError(ValueError):
    """A period code that is not one of the documented forms, or names no real period."""


@dataclass(frozen=True)
class Period:
    """A span of days ``start..end`` (both inclusive) of one kind, with its canonical label.

    The label is also the storage code: ``FiscalCalendar.parse(p.label) == p``.
    Sort chronologically with ``sorted(periods, key=lambda p: p.start)``.
    """

    kind: PeriodKind
    start: date
    end: date
    label: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", PeriodKind(self.kind))
        if self.end < self.start:
            raise ValueError(
                f"period {self.label} ends ({self.end}) before it starts ({self.start})"
            )

    @property
    def days(self) -> int:
        """Number of calendar days, both ends included."""
        return (self.end - self.start).days + 1

    @property
    def is_clipped(self) -> bool:
        """True for a week cut at a month edge (label ``2026-03/2026-W10``)."""
        return "/" in self.label

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def dates(self) -> Iterator[date]:
        for offset in range(self.days):
            yield self.start + timedelta(days=offset)

    def children(self, kind: PeriodKind) -> list[Period]:
        """This period split into ``kind``; see :meth:`FiscalCalendar.subperiods`."""
        return FiscalCalendar(_year_start_month_of(self)).subperiods(self, kind)


@dataclass(frozen=True)
class FiscalCalendar:
    """Periods of a fiscal year starting on the 1st of ``year_start_month``."""

    year_start_month: int = 1

    def __post_init__(self) -> None:
        if not 1 <= self.year_start_month <= 12:
            raise ValueError(f"year_start_month must be 1..12, got {self.year_start_month}")

    # -- naming a period ---------------------------------------------------------------

    def fiscal_year_of(self, day: date) -> int:
        """The fiscal year (named by its starting calendar year) that contains ``day``."""
        return day.year if day.month >= self.year_start_month else day.year - 1

    def year(self, fiscal_year: int) -> Period:
        start = date(fiscal_year, self.year_start_month, 1)
        return Period(PeriodKind.YEAR, start, _add_months(start, 12) - _DAY, f"FY{fiscal_year}")

    def half(self, fiscal_year: int, half: int) -> Period:
        if half not in (1, 2):
            raise ValueError(f"a fiscal year has halves 1 and 2, not {half}")
        return self._block(fiscal_year, PeriodKind.HALF, half)

    def quarter(self, fiscal_year: int, quarter: int) -> Period:
        if not 1 <= quarter <= 4:
            raise ValueError(f"a fiscal year has quarters 1 to 4, not {quarter}")
        return self._block(fiscal_year, PeriodKind.QUARTER, quarter)

    @staticmethod
    def month(year: int, month: int) -> Period:
        start = date(year, month, 1)
        return Period(PeriodKind.MONTH, start, _add_months(start, 1) - _DAY, f"{year}-{month:02d}")

    @staticmethod
    def week(iso_year: int, week: int) -> Period:
        """The full ISO week ``week`` of ``iso_year`` (Monday to Sunday)."""
        try:
            start = date.fromisocalendar(iso_year, week, 1)
        except ValueError as exc:
            raise PeriodCodeError(f"{iso_year} has no ISO week {week}") from exc
        return Period(PeriodKind.WEEK, start, start + timedelta(days=6), _week_label(start))

    @staticmethod
    def day(day: date) -> Period:
        return Period(PeriodKind.DAY, day, day, day.isoformat())

    def period_of(self, kind: PeriodKind, day: date) -> Period:
        """The period of ``kind`` containing ``day``; for a week, the full ISO week."""
        kind = PeriodKind(kind)
        if kind is PeriodKind.DAY:
            return self.day(day)
        if kind is PeriodKind.WEEK:
            monday = day - timedelta(days=day.weekday())
            return Period(kind, monday, monday + timedelta(days=6), _week_label(monday))
        if kind is PeriodKind.MONTH:
            return self.month(day.year, day.month)
        fiscal_year = self.fiscal_year_of(day)
        if kind is PeriodKind.YEAR:
            return self.year(fiscal_year)
        months_in = (day.year - fiscal_year) * 12 + day.month - self.year_start_month
        return self._block(fiscal_year, kind, months_in // _MONTHS_IN[kind] + 1)

    # -- splitting ---------------------------------------------------------------------

    def subperiods(self, period: Period, kind: PeriodKind) -> list[Period]:
        """``period`` split into consecutive periods of ``kind`` that cover it exactly.

        Halves and quarters need a year (or half) of this calendar; months need at least a
        month; weeks are clipped at the edges (see the module docstring); days always work.
        Asking for a coarser kind (months of a week, too) raises ValueError.
        """
        kind = PeriodKind(kind)
        if kind is period.kind:
            return [period]
        if kind.rank < period.kind.rank:
            raise ValueError(f"cannot split a {period.kind} ({period.label}) into {kind}s")
        if kind is PeriodKind.DAY:
            return [self.day(d) for d in period.dates()]
        if kind is PeriodKind.WEEK:
            return self._weeks_within(period)
        if kind is PeriodKind.MONTH:
            months = []
            cursor = period.start
            while cursor <= period.end:
                months.append(self.month(cursor.year, cursor.month))
                cursor = _add_months(cursor, 1)
            return months
        # Halves and quarters are blocks of the fiscal year, so the parent must be aligned.
        fiscal_year = self.fiscal_year_of(period.start)
        blocks = [
            self._block(fiscal_year, kind, index) for index in range(1, 12 // _MONTHS_IN[kind] + 1)
        ]
        inside = [b for b in blocks if period.start <= b.start and b.end <= period.end]
        if not inside or inside[0].start != period.start or inside[-1].end != period.end:
            raise ValueError(
                f"{period.label} is not aligned to a fiscal year starting in month "
                f"{self.year_start_month}"
            )
        return inside

    def _weeks_within(self, period: Period) -> list[Period]:
        weeks = []
        cursor = period.start
        while cursor <= period.end:
            full = self.period_of(PeriodKind.WEEK, cursor)
            start, end = max(full.start, period.start), min(full.end, period.end)
            label = full.label
            if (start, end) != (full.start, full.end):
                # The piece lies inside one month: a week crosses at most one month edge, and
                # the parent's own edges are month edges.
                label = f"{start.year}-{start.month:02d}/{full.label}"
            weeks.append(Period(PeriodKind.WEEK, start, end, label))
            cursor = end + _DAY
        return weeks

    # -- moving in time ----------------------------------------------------------------

    def shift(self, period: Period, steps: int) -> Period:
        """The period ``steps`` periods of the same kind later (earlier when negative)."""
        if period.is_clipped:
            raise ValueError(f"a clipped week ({period.label}) has no neighbours of its kind")
        kind = period.kind
        if kind is PeriodKind.DAY:
            return self.day(period.start + timedelta(days=steps))
        if kind is PeriodKind.WEEK:
            return self.period_of(kind, period.start + timedelta(days=7 * steps))
        months = {PeriodKind.MONTH: 1, **_MONTHS_IN}[kind]
        return self.period_of(kind, _add_months(period.start, months * steps))

    def year_ago(self, period: Period) -> Period:
        """The same period one year earlier (同比): same fiscal block, same month, the same
        ISO week number (week 53 maps to 52 when last year had none), same day (29 Feb → 28)."""
        if period.is_clipped:
            raise ValueError(f"a clipped week ({period.label}) has no same period last year")
        if period.kind is PeriodKind.DAY:
            day = period.start
            if (day.month, day.day) == (2, 29):
                day = day.replace(day=28)
            return self.day(day.replace(year=day.year - 1))
        if period.kind is PeriodKind.WEEK:
            iso_year, week, _ = period.start.isocalendar()
            try:
                return self.week(iso_year - 1, week)
            except PeriodCodeError:
                return self.week(iso_year - 1, 52)
        return self.period_of(period.kind, _add_months(period.start, -12))

    # -- codes -------------------------------------------------------------------------

    def parse(self, code: str) -> Period:
        """The period named by a label this module produces (``FY2026-Q2``, ``2026-03`` …).

        Raises PeriodCodeError naming the accepted forms when ``code`` is not one of them, and
        for a clipped-week code that is not canonical (the week is not cut by that month).
        """
        text = code.strip()
        if match := _YEAR.fullmatch(text):
            return self.year(int(match[1]))
        if match := _BLOCK.fullmatch(text):
            fiscal_year, letter, index = int(match[1]), match[2], int(match[3])
            if letter == "H":
                if index not in (1, 2):
                    raise PeriodCodeError(f"{code!r}: a fiscal year has halves H1 and H2")
                return self.half(fiscal_year, index)
            if not 1 <= index <= 4:
                raise PeriodCodeError(f"{code!r}: a fiscal year has quarters Q1 to Q4")
            return self.quarter(fiscal_year, index)
        if match := _MONTH.fullmatch(text):
            return self.month(*_month_numbers(code, match[1], match[2]))
        if match := _WEEK.fullmatch(text):
            return self.week(int(match[1]), int(match[2]))
        if match := _CLIPPED_WEEK.fullmatch(text):
            month = self.month(*_month_numbers(code, match[1], match[2]))
            week = self.week(int(match[3]), int(match[4]))
            start, end = max(month.start, week.start), min(month.end, week.end)
            if start > end:
                raise PeriodCodeError(f"{code!r}: week {week.label} is not in {month.label}")
            if (start, end) == (week.start, week.end):
                raise PeriodCodeError(
                    f"{code!r}: {week.label} lies wholly in {month.label}; its code is {week.label}"
                )
            return Period(PeriodKind.WEEK, start, end, f"{month.label}/{week.label}")
        if _DAY_CODE.fullmatch(text):
            try:
                return self.day(date.fromisoformat(text))
            except ValueError as exc:
                raise PeriodCodeError(f"{code!r} is not a real date") from exc
        raise PeriodCodeError(
            f"unknown period code {code!r}; expected one of FY2026, FY2026-H1, FY2026-Q1, "
            "2026-03, 2026-W05, 2026-03/2026-W10, 2026-03-05"
        )

    def _block(self, fiscal_year: int, kind: PeriodKind, index: int) -> Period:
        months = _MONTHS_IN[kind]
        start = _add_months(date(fiscal_year, self.year_start_month, 1), months * (index - 1))
        letter = "H" if kind is PeriodKind.HALF else "Q"
        end = _add_months(start, months) - _DAY
        return Period(kind, start, end, f"FY{fiscal_year}-{letter}{index}")


_DAY = timedelta(days=1)
_YEAR = re.compile(r"FY(\d{4})")
_BLOCK = re.compile(r"FY(\d{4})-([HQ])(\d)")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_WEEK = re.compile(r"(\d{4})-W(\d{2})")
_CLIPPED_WEEK = re.compile(r"(\d{4})-(\d{2})/(\d{4})-W(\d{2})")
_DAY_CODE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _add_months(day: date, months: int) -> date:
    """The first-of-month ``months`` after ``day``'s month (``day`` is a first-of-month)."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _week_label(monday: date) -> str:
    iso_year, week, _ = monday.isocalendar()
    return f"{iso_year}-W{week:02d}"


def _month_numbers(code: str, year: str, month: str) -> tuple[int, int]:
    if not 1 <= int(month) <= 12:
        raise PeriodCodeError(f"{code!r}: month {month} does not exist")
    return int(year), int(month)


def _year_start_month_of(period: Period) -> int:
    """The fiscal start month implied by a fiscal period; months and finer do not need one."""
    if period.kind is PeriodKind.YEAR:
        return period.start.month
    if period.kind in _MONTHS_IN:
        index = int(period.label[-1])
        return _add_months(period.start, -_MONTHS_IN[period.kind] * (index - 1)).month
    return 1
