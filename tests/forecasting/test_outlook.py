"""The outlook of current targets: actual to date + the forecast of the rest."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from salestarget.actuals.models import Opportunity
from salestarget.forecasting.models import Category, OpportunityCall, StoredForecast
from salestarget.forecasting.queries.outlook import outlooks, remaining_weights
from salestarget.targets.models import Target
from tests.forecasting.conftest import target_of


def _opportunity(company, amount: str, *, person=None, stage=Opportunity.Stage.OPEN):
    person = person or company.rep
    return Opportunity.objects.create(
        external_id=f"opp-{amount}-{person.pk}",
        customer=company.customer_bj,
        person=person,
        node=company.team_bj,
        amount=Decimal(amount),
        opened_on=dt.date(2026, 5, 1),
        stage=stage,
    )


def test_the_rest_of_june_is_the_third_of_june_still_to_come(run, history, june_plan):
    """Sales are in up to 20 June: 10 of June's 30 days are still to come."""
    plan = june_plan()
    target = target_of(plan, person=history.rep)
    (result,) = outlooks([target], run)
    june = float(StoredForecast.objects.get(run=run, person=history.rep).mean[0])
    assert result.actual == Decimal("50000")  # 30,000 + 15,000 + 5,000 by the 20th
    assert result.outlook is not None
    assert result.outlook.expected == pytest.approx(50000 + june / 3)
    assert result.p10 < result.p50 < result.p90
    assert result.probability == pytest.approx(result.outlook.probability(float(target.value)))


def test_a_unit_target_reads_its_subtree_forecast(run, history, june_plan):
    plan = june_plan()
    north = target_of(plan, node=history.north)
    (result,) = outlooks([north], run)
    assert result.stored is not None
    assert (result.stored.kind, result.stored.node_id) == ("node", history.north.pk)


def test_a_committed_opportunity_lifts_the_rest_when_it_promises_more(run, history, june_plan):
    plan = june_plan()
    target = target_of(plan, person=history.rep)
    big = _opportunity(history, "1000000")
    OpportunityCall.objects.create(opportunity=big, category=Category.COMMIT)
    _opportunity(history, "500000", stage=Opportunity.Stage.LOST)  # closed: not pipeline
    (result,) = outlooks([target], run)
    assert result.pipeline == Decimal("900000")  # 90% of the commit
    assert result.outlook.rest == pytest.approx(900000)
    assert result.probability > 0.99


def test_a_cell_set_after_the_run_has_no_outlook_until_the_next_run(run, history, june_plan):
    # A person × region target gets a series of its own cell (tests/forecasting/
    # test_cells.py), but only from the next run: the run read the targets there were.
    plan = june_plan()
    target = target_of(plan, person=history.rep)
    Target.objects.filter(pk=target.pk).update(region=history.region_north)
    target.refresh_from_db()
    (result,) = outlooks([target], run)
    assert result.outlook is None
    assert result.probability is None


def test_a_finished_period_is_certain(run):
    assert remaining_weights(run, dt.date(2026, 1, 1), dt.date(2026, 5, 31)) is None
    offset, count, share = remaining_weights(run, dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    assert (offset, count, share.tolist()) == (1, 3, [1.0, 1.0, 1.0])
