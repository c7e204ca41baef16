"""How big the demo is, which days it covers, and where its randomness comes from.

The window ends on a fixed day (``FIXED_END``) unless ``SALESTARGET_DEMO_END`` names another
(an ISO date, or "yesterday"): tests and benchmarks keep the fixed one, so the same seed gives
the same rows on any day, while ``make run`` (``salestarget start``, ``demo --end yesterday``)
ends the history yesterday, so a newcomer sees a live month. The company's story (FY2026 plans,
the year's assessments and competitions) is set in 2026, so the end is kept between
``FIXED_END`` and the last day of 2026: after 2026 the pages read "as of" the last day with data
(``tracking.queries.context.as_of``), so they open on December 2026, not on an empty month. Every array over days below is built from it when the
module is first imported, so the end must be chosen before that.
Each part of the generator draws from its own named stream, so adding a new kind of fact (or
changing how many expenses are drawn) never changes the sales lines of an existing seed.
"""

from __future__ import annotations

import datetime as dt
import os
import zlib
from dataclasses import dataclass

import numpy as np
import polars as pl

from salestarget.fields import EXACT_SCALE

DEMO_START = dt.date(2024, 1, 1)
FIXED_END = dt.date(2026, 11, 20)
LAST_END = dt.date(2026, 12, 31)
END_VARIABLE = "SALESTARGET_DEMO_END"


def window_end(value: str | None = None, *, today: dt.date | None = None) -> dt.date:
    """The last day of the demo's history: ``value`` ("" for ``FIXED_END``, "yesterday", or an
    ISO date; by default ``SALESTARGET_DEMO_END``), kept between ``FIXED_END`` and ``LAST_END``."""
    raw = (os.environ.get(END_VARIABLE, "") if value is None else value).strip()
    if not raw:
        return FIXED_END
    if raw == "yesterday":
        day = (today or dt.date.today()) - dt.timedelta(days=1)
    else:
        try:
            day = dt.date.fromisoformat(raw)
        except ValueError:
            raise ValueError(
                f"{END_VARIABLE} must be 'yesterday' or a date like 2026-12-04, not {raw!r}"
            ) from None
    return min(max(day, FIXED_END), LAST_END)


DEMO_END = window_end()
DEFAULT_SEED = 2024  # also the default of the `demo` command
SOURCE = "demo"
UNIT = EXACT_SCALE  # ExactDecimalField columns store value × 10,000
CENT = UNIT // 100

# Day index 0 is DEMO_START; every array over days uses these.
DAYS = np.arange(
    np.datetime64(DEMO_START, "D"), np.datetime64(DEMO_END, "D") + 1, dtype="datetime64[D]"
)
N_DAYS = len(DAYS)
_months = DAYS.astype("datetime64[M]")
MONTHS = np.unique(_months)
N_MONTHS = len(MONTHS)
MONTH_OF_DAY = (_months - MONTHS[0]).astype(np.int64)
# The first day index of each month, plus one past the end.
MONTH_BOUNDS = np.searchsorted(MONTH_OF_DAY, np.arange(N_MONTHS + 1))
YEARS = (DAYS.astype("datetime64[Y]").astype(np.int64) + 1970).astype(np.int64)
MONTH_NUMBER = (_months.astype(np.int64) % 12 + 1).astype(np.int64)  # 1..12 per day
WEEKDAY = ((DAYS.astype(np.int64) + 3) % 7).astype(np.int64)  # Monday 0 … Sunday 6
# Years since DEMO_START, for growth trends.
T_YEARS = np.arange(N_DAYS) / 365.25


EPOCH_DAY = int(DAYS[0].astype(np.int64))  # DEMO_START as days since 1970-01-01


def as_dates(days: np.ndarray) -> pl.Series:
    """Day indexes → a Polars date column."""
    return pl.Series((np.asarray(days) + EPOCH_DAY).astype(np.int32)).cast(pl.Date)


def day_index(day: dt.date) -> int:
    return (day - DEMO_START).days


def day_date(index: int) -> dt.date:
    return DEMO_START + dt.timedelta(days=int(index))


@dataclass(frozen=True)
class Scale:
    """The size of one demo load; the company's shape is the same at every scale."""

    name: str
    customers: int
    sales_lines: int  # expected number of positive sales lines (returns come on top)
    description: str


SCALES: dict[str, Scale] = {
    "small": Scale("small", 400, 40_000, "for tests: every person, 400 customers, ~40k lines"),
    "medium": Scale("medium", 2_000, 600_000, "what `make run` loads: 2,000 customers"),
    "large": Scale("large", 2_000, 10_000_000, "for benchmarks: ten million sales lines"),
}


def random_stream(seed: int, name: str, *more: int) -> np.random.Generator:
    """An independent, reproducible generator for one part of the demo."""
    return np.random.default_rng([seed, zlib.crc32(name.encode()), *more])
