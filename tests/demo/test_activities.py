"""The demo's activities tell the same story as its opportunities and sales over its three
years: each opportunity was opened by a visit or a demo, won deals end with a follow-up, about
one visit in ten converts, and every activity is credited to its person's team on its day.
北京组's reps have action plans for the month, with steps done, under way and overdue."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max, Min, Q

from salestarget.activities.models import ActionPlan, ActionStep
from salestarget.activities.queries.plans import meeting_view
from salestarget.actuals.models import Activity, Opportunity
from salestarget.actuals.rollups import rollups_check
from salestarget.demo.scales import DEMO_END, DEMO_START
from salestarget.org.models import Person
from salestarget.org.scoping import scope_for
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
    span = done.aggregate(first=Min("occurred_on"), last=Max("occurred_on"))
    assert span["first"] < DEMO_START + dt.timedelta(days=14)
    assert span["last"] > DEMO_END - dt.timedelta(days=7)


def test_the_beijing_team_plans_its_month(demo_small, db) -> None:
    plans = ActionPlan.objects.select_related("target")
    assert plans.count() >= 3
    assert {p.node.code for p in plans.select_related("node")} == {"HB-BJ"}
    assert {p.target.period_start for p in plans} == {DEMO_END.replace(day=1)}
    steps = ActionStep.objects.all()
    assert set(steps.values_list("status", flat=True)) == {"todo", "doing", "done"}
    # 北京组's lead reviews them in the weekly meeting, overdue first, as of the demo's end.
    lead = Person.objects.get(memberships__node__code="HB-BJ", memberships__is_manager=True)
    at = dt.datetime.combine(DEMO_END, dt.time(18), tzinfo=dt.UTC)
    meeting = meeting_view(scope_for(lead.user, DEMO_END), now=at, today=DEMO_END)
    assert meeting.overdue > 0
    assert meeting.steps[0].overdue


def test_the_rollups_hold_the_activity_counts(demo_small, db) -> None:
    assert set(rollups_check().values()) == {0}


def test_the_beijing_reps_see_their_visits_pace(demo_small, db) -> None:
    """北京组 has a visits target for the month: a rep behind on it is told how many more
    visits the month needs, one ahead needs none, and the lead's team view has the team's."""
    from salestarget.activities.queries.leading import leading_indicators
    from salestarget.targets.models import Target

    targets = Target.objects.filter(
        plan__name__contains="拜访目标", person__isnull=False
    ).select_related("person__user")
    assert targets.count() >= 10
    paces = [
        leading_indicators(scope_for(t.person.user, DEMO_END), today=DEMO_END).pace for t in targets
    ]
    assert all(p is not None and p.metric == "visits" for p in paces)
    behind = [p for p in paces if p and p.done < p.goal]
    assert behind
    assert all(p.more > 0 for p in behind if p.week_visits == 0)
    assert any(p.more == 0 for p in paces if p and p.done >= p.goal)
    team = targets[0].node
    lead = Person.objects.get(user__username="lead_bj")
    view = leading_indicators(scope_for(lead.user, DEMO_END), today=DEMO_END, node=team)
    assert view is not None
    assert view.pace is not None
    assert view.pace.goal == sum(t.value for t in targets)
