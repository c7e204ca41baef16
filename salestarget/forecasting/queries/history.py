"""How much sales history a forecast run had, beside what its methods need.

A statistical forecast reads whole months: the month of the last day with facts is still
running, so it is forecast, not history (``services.compute.first_forecast_month``). A new
company with three weeks of sales has no month of history at all, and every series is
empty; the pages and the API say so with these figures rather than show nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Min
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from salestarget.actuals.models import PersonDaily
from salestarget.core.forecasting import ForecastSpec
from salestarget.forecasting.models import ForecastRun
from salestarget.forecasting.series import months_between

SEASON = 12
FORECAST_MONTHS = 1  # one whole month: the mean of the months there are (docs/forecasting.md)
BACKTEST_MONTHS = 2 * SEASON + ForecastSpec().backtest.horizon  # a method chosen by backtest
PROPOSAL_MONTHS = SEASON  # next year's proposals compare whole years


@dataclass(frozen=True)
class HistoryLength:
    """The run's history: ``months`` whole months before its first forecast month, from
    ``first_day`` (the first day with facts) to ``last_day``."""

    first_day: dt.date | None
    last_day: dt.date | None
    first_month: dt.date
    months: int

    @property
    def days(self) -> int:
        if self.first_day is None or self.last_day is None:
            return 0
        return (self.last_day - self.first_day).days + 1

    @property
    def enough(self) -> bool:
        """Whether there is history enough for any statistical forecast."""
        return self.months >= FORECAST_MONTHS

    @property
    def backtested(self) -> bool:
        return self.months >= BACKTEST_MONTHS

    def message(self) -> str:
        """What the reader is told when the history is too short for a forecast (in the
        active language); "" when it is long enough."""
        if self.enough:
            return ""
        have = ngettext(
            "现在只有 %(days)s 天的销售（%(first)s 至 %(last)s）",
            "现在只有 %(days)s 天的销售（%(first)s 至 %(last)s）",
            self.days,
        ) % {"days": self.days, "first": self.first_day, "last": self.last_day}
        return _(
            "统计预测至少需要 %(need)s 个完整月份的销售历史，%(have)s；"
            "还没结束的 %(month)s 不算历史。%(month)s 结束后的下一次计算会给出预测；"
            "按回测选择方法需要 %(backtest)s 个月。"
        ) % {
            "need": FORECAST_MONTHS,
            "have": have,
            "month": self.first_month.strftime("%Y-%m"),
            "backtest": BACKTEST_MONTHS,
        }


def history_length(run: ForecastRun) -> HistoryLength:
    """The run's history: whole months from the first month with facts to its first
    forecast month (a partial first month counts: the series start at their first sale)."""
    first = PersonDaily.objects.aggregate(first=Min("day"))["first"]
    months = 0 if first is None else max(0, months_between(first.replace(day=1), run.first_month))
    return HistoryLength(first, run.last_fact_day, run.first_month, months)
