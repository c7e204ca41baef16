"""Deltas, bonuses, competitions and the steps as data."""

from __future__ import annotations

from decimal import Decimal as D  # noqa: N817 (the figures read like a plan document)

import pytest

from salestarget.core.commission.bonuses import competition_standings, grade_bonus
from salestarget.core.commission.components import period_due
from salestarget.core.commission.deltas import period_delta
from salestarget.core.commission.rates import RateTable, table_payout
from salestarget.core.metrics import Direction


def test_a_late_return_becomes_a_delta_with_old_new_and_reason():
    delta = period_delta(old=D("44000.00"), new=D("41000.00"), reason="退货 SO-1001")
    assert delta is not None
    assert delta.difference == D("-3000.00")
    assert delta.step.value("old") == D("44000.00")
    assert delta.step.result == D("-3000.00")
    assert period_delta(old=D(1), new=D(1), reason="") is None
    with pytest.raises(ValueError, match="reason"):
        period_delta(old=D(1), new=D(2), reason=" ")


def test_year_to_date_deducts_what_earlier_periods_paid():
    assert period_due(cumulative=D("12000.00"), prior_paid=D("9000.00")).amount == D("3000.00")


def test_grade_bonus_from_the_typed_in_table():
    table = {"S": D("1.5"), "A": D("1.2"), "B": D(1), "C": D("0.5"), "D": D(0)}
    assert grade_bonus(target_bonus=D(10_000), grade="A", multipliers=table).amount == D("12000.00")
    with pytest.raises(ValueError, match="'E' is not in the bonus table"):
        grade_bonus(target_bonus=D(10_000), grade="E", multipliers=table)


def test_competition_ranks_ties_together_and_pays_prizes_by_rank_and_threshold():
    scores = {"a": D(500), "b": D(800), "c": D(800), "d": D(100), "e": None}
    standings = competition_standings(
        scores,
        prizes_by_rank=[D(5000), D(3000), D(1000)],
        threshold=D(500),
        threshold_prize=D(200),
    )
    assert {k: s.rank for k, s in standings.items()} == {"b": 1, "c": 1, "a": 3, "d": 4}
    assert standings["b"].prize == D(5200)
    assert standings["a"].prize == D(1200)
    assert standings["d"].prize == 0
    assert "e" not in standings


def test_competition_on_a_lower_is_better_measure_ranks_the_lowest_first():
    rates = {"a": D("0.08"), "b": D("0.05")}
    ranked = competition_standings(rates, direction=Direction.LOWER_IS_BETTER)
    assert ranked["b"].rank == 1
    assert ranked["a"].rank == 2


def test_steps_are_json_data_without_floats():
    table = RateTable.tiered([(0, "0.03"), (1, "0.05")])
    data = [s.as_data() for s in table_payout(table, D(1_100_000), D(1_000_000)).steps]
    assert data[1] == {
        "kind": "tier_slice",
        "values": {
            "basis": "attainment",
            "lower": "0",
            "upper": "1",
            "amount": "1000000",
            "rate": "0.03",
        },
        "result": "30000.00",
    }
