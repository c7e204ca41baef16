"""RFM segments and customer lifetime value, on hand-made customers."""

from __future__ import annotations

from decimal import Decimal

from salestarget.core.forecasting.customers import (
    SEGMENTS,
    Purchases,
    lifetime_value,
    rfm_segments,
    segment_of,
)


def test_the_eight_segments_are_each_combination_once():
    found = {
        segment_of(r, f, m) for r in (True, False) for f in (True, False) for m in (True, False)
    }
    assert found == set(SEGMENTS)
    assert segment_of(True, True, True) == "important_value"
    assert segment_of(False, False, True) == "important_win_back"
    assert segment_of(True, False, False) == "general_develop"


def test_customers_are_placed_against_the_medians():
    customers = [
        Purchases(1, days_since=5, frequency=20, monetary=Decimal(90000)),  # the best
        Purchases(2, days_since=200, frequency=1, monetary=Decimal(100)),  # gone and small
        Purchases(3, days_since=10, frequency=2, monetary=Decimal(50000)),  # new and large
        Purchases(4, days_since=300, frequency=15, monetary=Decimal(200)),
        Purchases(5, days_since=30, frequency=5, monetary=Decimal(1000)),  # the median
    ]
    found = rfm_segments(customers)
    assert found[1] == "important_value"
    assert found[2] == "general_win_back"
    assert found[3] == "important_develop"
    assert found[4] == "general_keep"
    assert rfm_segments([]) == {}


def test_lifetime_value_is_a_years_margin_over_the_churn():
    # 20 of 100 customers lost a year: they stay five years on average.
    assert lifetime_value(margin_per_customer=Decimal(3000), kept=80, lost=20) == Decimal(15000)
    assert lifetime_value(margin_per_customer=Decimal(3000), kept=80, lost=0) is None
    assert lifetime_value(margin_per_customer=Decimal(3000), kept=0, lost=0) is None
