"""How a period's total and its quota fall over its months, for pricing monthly and
quarterly commission components: a component paid monthly meets a seasonal business with a
quota split its own way, and tiers, thresholds and caps pay differently month by month than
on a twelfth of the year each.

- **Sales** follow the person's stored forecast: the months already past as they were
  (history), the rest as forecast (P50).
- **The quota** follows the plan's own month targets when the plan has them for every
  month of the period (the person's, else the unit's: ``plan_month_quotas``); else last
  year's same months (how a plan split by last year's share spreads it; 历史分析法; a month
  of last year still to come, by its forecast); else the sales' shape.
Either without any figure: equal months. ``MonthShape.quota_basis`` says which the quota
followed (the scenarios page says it).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from salestarget.core.money import DECIMAL_CONTEXT
from salestarget.forecasting.models import ForecastRun, StoredForecast
from salestarget.forecasting.series import month_add, months_between
from salestarget.targets.models import Target

# What a quota's months followed, in the order the page lists them.
QUOTA_BASES = {
    "plan": _("计划的月度目标"),
    "last_year": _("去年同月"),
    "sales": _("预测的月度分布"),
    "equal": _("平均到各月"),
}


@dataclass(frozen=True)
class MonthShape:
    """Each month's share of the period (adding up to 1) for the sales and for the quota."""

    sales: tuple[Decimal, ...]
    quota: tuple[Decimal, ...]
    quota_basis: str = "equal"  # a key of ``QUOTA_BASES``

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


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    first = start.replace(day=1)
    return [month_add(first, i) for i in range(months_between(first, end.replace(day=1)) + 1)]


def plan_month_quotas(target: Target, people: Collection[int]) -> dict[int | None, list[Decimal]]:
    """The plan's own month targets over ``target``'s period, in month order: each of
    ``people``'s (their targets without a product or other slice) and, under ``None``, the
    target's unit's. Only where they cover every month of the period (a plan with some
    months split is not a shape). One query."""
    months = _months(target.period_start, target.period_end)
    rows = Target.objects.filter(
        plan_id=target.plan_id,
        metric=target.metric,
        period_start__gte=target.period_start,
        period_end__lte=target.period_end,
        product_category__isnull=True,
        product_line__isnull=True,
        product__isnull=True,
        region__isnull=True,
        customer_type__isnull=True,
        channel__isnull=True,
    ).filter(
        _people_or_unit(people, target.node_id),
    )
    found: dict[int | None, dict[dt.date, Decimal]] = defaultdict(dict)
    for person, start, end, value in rows.values_list(
        "person_id", "period_start", "period_end", "value"
    ):
        if start.day == 1 and month_add(start, 1) - dt.timedelta(days=1) == end:
            found[person][start] = value
    return {
        who: [by_month[m] for m in months]
        for who, by_month in found.items()
        if set(by_month) == set(months)
    }


def _people_or_unit(people: Collection[int], node_id: int | None) -> Q:
    return Q(person_id__in=list(people)) | Q(person__isnull=True, node_id=node_id)


def month_shape(
    stored: StoredForecast | None,
    run: ForecastRun | None,
    start: dt.date,
    end: dt.date,
    *,
    plan_months: list[Decimal] | None = None,
) -> MonthShape:
    """The shape of the months ``start`` … ``end`` for one person (``stored``: their series
    in ``run``; ``plan_months``: the plan's month targets of the period, which the quota
    follows when given)."""
    months = _months(start, end)
    planned = _shares(plan_months) if plan_months else None
    if stored is None or run is None:
        if planned is not None:
            return MonthShape(planned, planned, "plan")
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
    last_year = _shares([sold(month_add(m, -12)) for m in months])
    equal = MonthShape.equal(len(months)).sales
    quota, basis = next(
        (shape, basis)
        for shape, basis in (
            (planned, "plan"),
            (last_year, "last_year"),
            (sales, "sales"),
            (equal, "equal"),
        )
        if shape is not None
    )
    return MonthShape(sales or quota, quota, basis)


def chunked(shares: tuple[Decimal, ...], size: int) -> list[Decimal]:
    """The shares of consecutive ``size``-month pieces (a quarter: three months) of the
    period, the last piece taking what is left."""
    size = max(1, size)
    return [sum(shares[i : i + size], Decimal(0)) for i in range(0, len(shares), size)]
