from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salestarget.core.formula import FormulaError
from salestarget.core.metrics import (
    BUILTIN_METRICS,
    FACTS,
    Aggregation,
    Direction,
    MetricDefinition,
    Unit,
    evaluate,
    rollup_sums,
)
from salestarget.core.money import DECIMAL_CONTEXT

REQUIRED = [
    "revenue",
    "quantity",
    "gross_profit",
    "expense_rate",
    "new_customers",
    "collections",
    "market_share",
    "satisfaction",
    "conversion_rate",
    "return_rate",
]


def test_the_builtin_registry_covers_the_spec():
    assert set(REQUIRED) <= set(BUILTIN_METRICS)
    for metric in BUILTIN_METRICS.values():
        assert metric.fact_names <= set(FACTS)
    assert BUILTIN_METRICS["expense_rate"].direction is Direction.LOWER_IS_BETTER
    assert BUILTIN_METRICS["return_rate"].direction is Direction.LOWER_IS_BETTER
    assert BUILTIN_METRICS["revenue"].accumulates
    assert BUILTIN_METRICS["market_share"].is_ratio
    assert BUILTIN_METRICS["satisfaction"].aggregation is Aggregation.WEIGHTED_MEAN


def test_evaluating_builtins_from_fact_sums():
    sums = {
        "amount": Decimal("1000.00"),
        "cost": Decimal("700.00"),
        "expense": Decimal("85"),
        "market_size": Decimal(4000),
        "won": Decimal(3),
        "closed": Decimal(12),
        "survey_score_sum": Decimal(43),
        "survey_count": Decimal(10),
        "returned_amount": Decimal(20),
        "gross_amount": Decimal(1020),
    }
    m = BUILTIN_METRICS
    assert evaluate(m["revenue"], sums) == Decimal("1000.00")
    assert evaluate(m["gross_profit"], sums) == Decimal("300.00")
    assert evaluate(m["expense_rate"], sums) == Decimal("0.085")
    assert evaluate(m["market_share"], sums) == Decimal("0.25")
    assert evaluate(m["conversion_rate"], sums) == Decimal("0.25")
    assert evaluate(m["satisfaction"], sums) == Decimal("4.3")
    assert evaluate(m["return_rate"], sums) == DECIMAL_CONTEXT.divide(Decimal(20), Decimal(1020))
    assert evaluate(m["collections"], sums) == 0


def test_gross_profit_leaves_out_the_revenue_whose_cost_is_unknown():
    # 1,000 sold, of which 400 on lines without a known cost; the 600 with a cost cost 450.
    sums = {"amount": Decimal(1000), "uncosted_amount": Decimal(400), "cost": Decimal(450)}
    assert evaluate(BUILTIN_METRICS["gross_profit"], sums) == Decimal(150)  # not 550


def test_no_denominator_means_no_value_not_zero():
    assert evaluate(BUILTIN_METRICS["conversion_rate"], {"won": Decimal(0)}) is None
    assert evaluate(BUILTIN_METRICS["satisfaction"], {}) is None


def test_a_custom_metric_from_a_formula():
    margin = MetricDefinition(
        "margin",
        "毛利率",
        Unit.PERCENT,
        Direction.HIGHER_IS_BETTER,
        Aggregation.RATIO,
        formula="(amount - cost) / amount",
    )
    assert evaluate(margin, {"amount": Decimal(200), "cost": Decimal(150)}) == Decimal("0.25")
    assert evaluate(margin, {}) is None
    assert margin.fact_names == {"amount", "cost"}
    assert margin.is_ratio


def test_bad_definitions_say_what_is_wrong():
    def define(**kwargs: object) -> MetricDefinition:
        base: dict[str, object] = {
            "code": "x",
            "name": "x",
            "unit": "money",
            "direction": "higher",
            "aggregation": "sum",
        }
        return MetricDefinition(**(base | kwargs))  # type: ignore[arg-type]

    with pytest.raises(FormulaError, match="does not add up across children"):
        define(formula="amount / quantity")
    with pytest.raises(FormulaError, match="did you mean 'amount'"):
        define(formula="amont - cost")
    with pytest.raises(ValueError, match="unknown fact 'sales'"):
        define(numerator="sales")
    with pytest.raises(ValueError, match="needs a numerator"):
        define()
    with pytest.raises(ValueError, match="needs denominator"):
        define(aggregation="ratio", numerator="won")
    with pytest.raises(ValueError, match="takes no denominator"):
        define(numerator="won", denominator="closed")
    with pytest.raises(ValueError, match="not both"):
        define(numerator="amount", formula="amount")
    with pytest.raises(ValueError, match="'bogus' is not a valid Unit"):
        define(unit="bogus", numerator="amount")


def test_a_distinct_count_is_not_added_up_by_accident():
    children = [{"new_customers": Decimal(3)}, {"new_customers": Decimal(4)}]
    with pytest.raises(ValueError, match="recount it at the parent"):
        rollup_sums(BUILTIN_METRICS["new_customers"], children)
    assert rollup_sums(BUILTIN_METRICS["new_customers"], children, disjoint=True) == {
        "new_customers": Decimal(7)
    }


def test_the_ratio_of_a_region_is_the_ratio_of_its_sums():
    north = {"expense": Decimal(10), "amount": Decimal(100)}  # 10%
    east = {"expense": Decimal(90), "amount": Decimal(300)}  # 30%
    rate = BUILTIN_METRICS["expense_rate"]
    parent = evaluate(rate, rollup_sums(rate, [north, east]))
    assert parent == Decimal("0.25")  # 100 / 400, not the 20% average of 10% and 30%


children_sums = st.lists(
    st.tuples(st.decimals(0, 10**6, places=2), st.decimals(0, 10**6, places=2)),
    min_size=1,
    max_size=8,
)


@given(children_sums)
def test_ratios_roll_up_as_ratios_of_sums_never_averages(children):
    for code in ("expense_rate", "market_share", "conversion_rate", "return_rate", "satisfaction"):
        metric = BUILTIN_METRICS[code]
        assert metric.numerator is not None
        assert metric.denominator is not None
        sums = [{metric.numerator: n, metric.denominator: d} for n, d in children]
        parent = evaluate(metric, rollup_sums(metric, sums))
        total_n = sum((n for n, _ in children), Decimal(0))
        total_d = sum((d for _, d in children), Decimal(0))
        if total_d == 0:
            assert parent is None
            continue
        assert parent == DECIMAL_CONTEXT.divide(total_n, total_d)


positive = st.decimals(Decimal("0.01"), 10**6, places=2)


@given(n1=positive, d1=positive, n2=positive, d2=positive)
def test_two_children_with_different_ratios_and_sizes_never_roll_up_to_their_average(
    n1, d1, n2, d2
):
    # Ratio of sums is the mean of ratios weighted by denominators, so for two children it
    # differs from the plain average exactly when both the ratios and the sizes differ.
    rate = BUILTIN_METRICS["conversion_rate"]
    parent = evaluate(
        rate, rollup_sums(rate, [{"won": n1, "closed": d1}, {"won": n2, "closed": d2}])
    )
    assert parent is not None
    average = (Fraction(n1) / Fraction(d1) + Fraction(n2) / Fraction(d2)) / 2
    exact_parent = (Fraction(n1) + Fraction(n2)) / (Fraction(d1) + Fraction(d2))
    assert abs(Fraction(parent) - exact_parent) < Fraction(1, 10**25)
    if n1 * d2 != n2 * d1 and d1 != d2:
        assert exact_parent != average
