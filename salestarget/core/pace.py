"""Last year finished at the year before's pace (按前年同期进度推算).

Next year is planned before this one ends: last year's facts stop on the last day imported.
A span that has facts only up to that day is finished as the year before ran: its facts so
far × the year before's whole of the same span ÷ the year before's own figure to the same
day. A span with no facts yet (December, planned on 20 November) takes the year before's
same span × last year's pace over a longer window that has facts (the year so far against
the year before's to the same day). Only sums can be paced: a ratio or a distinct count so
far is no share of a year.
"""

from __future__ import annotations

from decimal import Decimal


def paced(
    so_far: Decimal | None, year_before_whole: Decimal | None, year_before_so_far: Decimal | None
) -> Decimal | None:
    """``so_far`` × ``year_before_whole`` ÷ ``year_before_so_far``; None when the year before
    gives nothing to pace by (no figure, or nothing positive to the same day)."""
    if so_far is None or year_before_whole is None or year_before_so_far is None:
        return None
    if year_before_so_far <= 0:
        return None
    return so_far * year_before_whole / year_before_so_far


def paced_unstarted(
    year_before_whole: Decimal | None,
    window_so_far: Decimal | None,
    window_year_before: Decimal | None,
) -> Decimal | None:
    """A span with no facts yet: the year before's same span × last year's pace over a
    window that has facts (``window_so_far`` ÷ the year before's same window)."""
    return paced(window_so_far, year_before_whole, window_year_before)
