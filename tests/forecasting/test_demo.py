"""The demo company gets forecast submissions when it loads, and its series forecast."""

from __future__ import annotations

from salestarget.actuals.models import SalesMonthly
from salestarget.forecasting.models import StoredForecast, Submission
from salestarget.forecasting.services.compute import forecasts_compute
from tests.forecasting.conftest import QUICK


def test_the_demo_has_weekly_calls_and_an_adjusted_roll_up(demo_small, db):
    assert demo_small.counts["forecast_submissions"] == 7
    calls = Submission.objects.filter(kind=Submission.Kind.REP)
    assert {c.person.user.username for c in calls} == {"rep_001", "rep_029"}
    assert calls.values("week").distinct().count() == 3
    adjusted = Submission.objects.get(kind=Submission.Kind.ROLLUP)
    assert adjusted.note
    assert adjusted.commit < adjusted.rolled_up


def test_every_demo_person_with_sales_gets_a_forecast(demo_small, db):
    run = forecasts_compute(spec=QUICK)
    assert run is not None
    assert run.status == "done"
    sellers = set(SalesMonthly.objects.values_list("person_id", flat=True).distinct())
    forecast = set(
        StoredForecast.objects.filter(run=run, kind="person").values_list("person_id", flat=True)
    )
    assert forecast == sellers
    assert run.calls["person"]  # the FY2026 months over: the reliability table has calls


def test_the_demo_deals_have_a_stage_history_to_read_conversion_by_stage(demo_small, db):
    from salestarget.actuals.models import Opportunity, OpportunityStage
    from salestarget.demo.scales import DEMO_END
    from salestarget.forecasting.queries.conversion import conversion_by_stage
    from salestarget.org.models import OrgNode

    closed = Opportunity.objects.exclude(stage=Opportunity.Stage.OPEN)
    assert OpportunityStage.objects.filter(stage="open").count() == Opportunity.objects.count()
    assert OpportunityStage.objects.filter(stage__in=("won", "lost")).count() == closed.count()
    root = OrgNode.objects.get(parent=None)
    stages = {s.category: s for s in conversion_by_stage(root, DEMO_END)}
    # Deals that reached commit were won more often than those that reached best case, and
    # those than everything called pipeline.
    assert stages["commit"].conversion > stages["best_case"].conversion
    assert stages["best_case"].conversion > stages["pipeline"].conversion
