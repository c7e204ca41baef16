"""The demo's activities tell the same story as its opportunities and sales: each opportunity
was opened by a visit or a demo, won deals end with a follow-up, about one visit in ten
converts, and every activity is credited to its person's team on its day."""

from __future__ import annotations

from django.db.models import Q

from salestarget.actuals.models import Activity, Opportunity
from salestarget.actuals.rollups import rollups_check
from salestarget.demo.scales import DEMO_END
from tests.demo.test_load import credited_elsewhere


def test_activities_follow_the_opportunities(demo_small, db) -> None:
    done = Activity.objects.filter(status="done")
    assert set(done.values_list("kind", flat=True).distinct()) == set(Activity.Kind.values)
    opened = done.filter(outcome="opportunity").count()
    assert opened == Opportunity.objects.count()
    assert done.filter(outcome="deal").count() == Opportunity.objects.filter(stage="won").count()
    visits = done.filter(kind="visit").count()
    converted = done.filter(kind="visit", outcome="opportunity").count()
    assert 6 < visits / converted < 16
    # Leads are new customers; the plan for next week is not done yet.
    assert not done.filter(~Q(lead=""), new_customer=False).exists()
    planned = Activity.objects.filter(status="planned")
    assert planned.exists()
    assert not planned.filter(occurred_on__lte=DEMO_END).exists()
    assert not done.filter(occurred_on__gt=DEMO_END).exists()
    assert credited_elsewhere(Activity, "occurred_on") == 0


def test_the_rollups_hold_the_activity_counts(demo_small, db) -> None:
    assert set(rollups_check().values()) == {0}
