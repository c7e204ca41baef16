"""How a period's total and its quota fall over its months, for pricing monthly and
quarterly commission components: a component paid monthly meets a seasonal business with a
quota split its own way, and tiers, thresholds and caps pay differently month by month than
on a twelfth of the year each.

- **Sales** follow the person's stored forecast: the months already past as they were
  (history), the rest as forecast (P50).
- **The quota** follows last year's same months (how a plan split by last year's share
  spreads it; 历史分析法; a month of last year still to come, by its forecast), else the
  sales' shape.
Either without any figure: equal months.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from salestarget.core.money import DECIMAL_CONTEXT
from salestarget.forecasting.models import ForecastRun, StoredForecast
from salestarget.forecasting.series import month_add, months_between


@dataclass(frozen=True)
class MonthShape:
    """Each month's share of the period (adding up to 1) for the sales and for the quota."""

    sales: tuple[Decimal, ...]
    quota: tuple[Decimal, ...]

    @classmethod
    def equal(cls, months: int) -> MonthShape:
        share = tuple(DECIMAL_CONTEXT.divide(Decimal(1), Decimal(months)) for _ in range(months))
        return cls(share, share)


def _shares(values: list[Decimal]) -> tuple[Decimal, ...] | None:
    kept = [max(v, Decimal(0)) for v in values]
    total = sum(kept, Decimal(0))
    if total <= 0:
        return None
    return tuple(DECIMAL_CONTEXT.divide(v, total) for v in kept)


def month_shape(
    stored: StoredForecast | None, run: ForecastRun | None, start: dt.date, end: dt.date
) -> MonthShape:
    """The shape of the months ``start`` … ``end`` for one person (``stored``: their series
    in ``run``)."""
    first = start.replace(day=1)
    months = [month_add(first, i) for i in range(months_between(first, end.replace(day=1)) + 1)]
    if stored is None or run is None:
        return MonthShape.equal(len(months))
    history = {month_add(stored.history_start, i): Decimal(v) for i, v in enumerate(stored.history)}
    mean = [Decimal(v) for v in stored.mean]

    def sold(month: dt.date) -> Decimal:
        """What the month sold, or is forecast to sell when it has not happened yet."""
        if month < run.first_month:
            return history.get(month, Decimal(0))
        index = months_between(run.first_month, month)
        return mean[index] if index < len(mean) else Decimal(0)

    sales = _shares([sold(m) for m in months])
    quota = _shares([sold(month_add(m, -12)) for m in months])
    equal = MonthShape.equal(len(months)).sales
    return MonthShape(sales or quota or equal, quota or sales or equal)


def chunked(shares: tuple[Decimal, ...], size: int) -> list[Decimal]:
    """The shares of consecutive ``size``-month pieces (a quarter: three months) of the
    period, the last piece taking what is left."""
    size = max(1, size)
    return [sum(shares[i : i + size], Decimal(0)) for i in range(0, len(shares), size)]
