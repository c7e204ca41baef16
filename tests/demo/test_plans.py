"""The demo company comes with its FY2026 targets: set from last year's actuals, split level by
level to people and months through the targets services, exact at every level, approved and
locked, tracked on the dashboards, with drafts, a late step, adjustments, good news and alerts
to look at."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from decimal import Decimal

from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from salestarget.actuals.models import Expense, SalesLine
from salestarget.core.allocation import uplifted
from salestarget.core.tracking import Status as Track
from salestarget.demo.plans import GROWTH_PCT, REVENUE_PLAN
from salestarget.demo.scales import DEMO_END
from salestarget.notifications.models import Notification
from salestarget.org.models import NodeKind, OrgNode
from salestarget.org.scoping import scope_for
from salestarget.targets.company_metrics import metric_definition, value_decimals
from salestarget.targets.models import (
    AdjustmentRequest,
    ChangeKind,
    DraftRound,
    DraftStatus,
    PlanningStep,
    Status,
    Target,
    TargetChange,
    TargetPlan,
)
from salestarget.tracking.cache import facts_version
from salestarget.tracking.models import GoodNews
from salestarget.tracking.queries.tree import tracking_tree
from tests.personas import account

FY2025 = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def revenue_plan() -> TargetPlan:
    return TargetPlan.objects.get(name=REVENUE_PLAN)


def test_fy2026_revenue_is_last_year_plus_growth_approved_and_locked(demo_small, db) -> None:
    plan = revenue_plan()
    last_year = SalesLine.objects.filter(sold_on__range=FY2025).aggregate(s=Sum("amount"))["s"]

    assert plan.status == Status.LOCKED
    assert (plan.metric, plan.period, plan.proposal_method) == ("revenue", "FY2026", "history")
    assert plan.scope_node.kind == NodeKind.COMPANY
    expected = (last_year * (1 + GROWTH_PCT / 100)).quantize(Decimal("0.01"))
    assert plan.root.value == expected
    assert plan.root.base_value < plan.root.value < plan.root.challenge_value
    assert not plan.targets.exclude(status=Status.LOCKED).exists()


def test_revenue_goes_down_to_every_persons_months(demo_small, db) -> None:
    targets = Target.objects.filter(plan=revenue_plan())
    regions = targets.filter(depth=1)
    teams = targets.filter(depth=2)
    people = targets.filter(depth=3)
    months = targets.filter(depth=4)

    assert regions.count() == 4
    assert teams.count() == 12
    assert people.count() == people.filter(person__isnull=False, period="FY2026").count() >= 120
    assert months.count() == 12 * people.count()
    assert set(months.values_list("period", flat=True)) == {f"2026-{m:02d}" for m in range(1, 13)}
    assert not months.filter(person__isnull=True).exists()


def test_every_split_adds_up_exactly(demo_small, db) -> None:
    plans = list(TargetPlan.objects.all())
    assert len(plans) == 5
    sums: dict[int, Decimal] = defaultdict(Decimal)
    for parent_id, value in Target.objects.filter(parent__isnull=False).values_list(
        "parent_id", "value"
    ):
        sums[parent_id] += value
    checked = 0
    for parent in Target.objects.filter(pk__in=sums).select_related("plan"):
        metric = metric_definition(parent.metric)
        if metric.accumulates:
            total = uplifted(parent.value, parent.uplift_pct, value_decimals(metric))
            assert sums[parent.pk] == total, parent
        else:  # a ratio is not shared out: every region carries the company's level
            assert set(parent.children.values_list("value", flat=True)) == {parent.value}
        checked += 1
    assert checked > 130


def test_regions_get_last_years_share_and_one_region_adds_an_uplift(demo_small, db) -> None:
    plan = revenue_plan()
    regions = {t.node.name: t for t in plan.root.children.select_related("node")}
    by_region: Counter[str] = Counter()
    for team, amount in (
        SalesLine.objects.filter(sold_on__range=FY2025)
        .values_list("node")
        .annotate(s=Sum("amount"))
    ):
        by_region[OrgNode.objects.get(pk=team).parent.name] += amount
    total = sum(by_region.values())
    for name, target in regions.items():
        quota = plan.root.value * by_region[name] / total
        assert abs(target.value - quota) <= Decimal("0.01"), name
    north = regions["华北大区"]
    assert north.uplift_pct == 5
    assert sum(c.value for c in north.children.all()) == (north.value * Decimal("1.05")).quantize(
        Decimal("0.01")
    )
    assert all(t.uplift_pct == 0 for name, t in regions.items() if name != "华北大区")


def test_the_tracking_tree_shows_targets_and_actuals_people_ahead_and_behind(
    demo_small, db
) -> None:
    plan = revenue_plan()
    director = scope_for(account(plan.owner))

    tree = tracking_tree(plan, director, at=DEMO_END, version=facts_version())

    company = tree.rows[0]
    assert company.target.node_id == plan.scope_node_id
    assert company.result.target == plan.root.value > 0
    assert company.result.actual > 0
    people = {
        row.target.person_name: row.result.status
        for row in tree.rows
        if row.target.person_id and row.target.period == "FY2026"
    }
    statuses = Counter(people.values())
    assert statuses[Track.AHEAD] >= 5
    assert statuses[Track.BEHIND] >= 5
    by_login = {
        row.target.person_id: row.result.status
        for row in tree.rows
        if row.target.person_id and row.target.period == "FY2026"
    }
    rep_001 = plan.targets.filter(person__user__username="rep_001").first().person_id
    rep_029 = plan.targets.filter(person__user__username="rep_029").first().person_id
    assert by_login[rep_001] == Track.AHEAD
    assert by_login[rep_029] in (Track.AT_RISK, Track.BEHIND)


def test_the_dashboards_open_on_the_plan_with_targets(client, demo_small, db) -> None:
    plan = revenue_plan()
    for username in ("director", "mgr_north", "rep_001"):
        assert client.login(username=username, password=demo_small.password)
        page = client.get(reverse("tracking:dashboard"))
        assert page.status_code == 200
        frame, figure = page.context["frame"], page.context["figure"]
        assert frame.plan == plan, username
        assert figure.target is not None, username
        assert figure.target.value > 0, username
        assert figure.actual > 0, username
        assert 'data-testid="calendar-notice"' not in page.content.decode()  # 2026 is entered


def test_expense_rate_is_lower_is_better_and_the_same_for_every_region(demo_small, db) -> None:
    plan = TargetPlan.objects.get(metric="expense_rate")
    fy2025_rate = (
        Expense.objects.filter(spent_on__range=FY2025).aggregate(s=Sum("amount"))["s"]
        / SalesLine.objects.filter(sold_on__range=FY2025).aggregate(s=Sum("amount"))["s"]
    )

    assert plan.status == Status.LOCKED
    assert plan.root.value == (fy2025_rate - Decimal("0.003")).quantize(Decimal("0.0001"))
    assert plan.root.challenge_value < plan.root.value < plan.root.base_value
    assert plan.root.children.count() == 4


def test_a_draft_round_is_waiting_for_one_rep(client, demo_small, db) -> None:
    rnd = DraftRound.objects.select_related("target__node", "opened_by").get()
    statuses = Counter(rnd.drafts.values_list("status", flat=True))

    assert rnd.target.node.name == "北京组"
    assert rnd.target.plan.status == Status.DRAFT
    assert statuses[DraftStatus.PENDING] == 1
    assert statuses[DraftStatus.SUBMITTED] >= 5
    assert statuses[DraftStatus.ACCEPTED] == statuses[DraftStatus.CHANGED] == 1
    waiting = rnd.drafts.get(status=DraftStatus.PENDING).person
    assert rnd.opened_by is not None
    assert client.login(username=rnd.opened_by.username, password=demo_small.password)
    page = client.get(reverse("targets:round_detail", args=[rnd.pk]))
    assert page.status_code == 200
    assert waiting.name in page.content.decode()


def test_one_step_of_the_december_cycle_is_overdue_and_was_reminded(demo_small, db) -> None:
    open_steps = PlanningStep.objects.filter(done_at__isnull=True).select_related("node")
    overdue = [s for s in open_steps if s.is_overdue()]

    assert PlanningStep.objects.filter(done_at__isnull=False).count() > 20
    assert [(s.node.name, s.kind) for s in overdue] == [("河北组", "submit")]
    step = overdue[0]
    assert step.reminded_at is not None
    assert step.escalated_to is not None
    assert Notification.objects.filter(
        kind="step_overdue", recipient=step.responsible.user
    ).exists()
    assert Notification.objects.filter(
        kind="step_escalated", recipient=step.escalated_to.user
    ).exists()


def test_one_adjustment_is_pending_and_one_approved_with_history(demo_small, db) -> None:
    states = Counter(AdjustmentRequest.objects.values_list("state", flat=True))
    approved = AdjustmentRequest.objects.get(state=AdjustmentRequest.State.APPROVED)

    assert states == {AdjustmentRequest.State.PENDING: 1, AdjustmentRequest.State.APPROVED: 1}
    assert approved.target.value == approved.new_value
    assert sum(c.value for c in approved.target.children.all()) == approved.new_value
    adjusted = TargetChange.objects.filter(kind=ChangeKind.ADJUSTED, adjustment=approved)
    assert adjusted.count() >= 5  # the target and its regions
    pending = AdjustmentRequest.objects.get(state=AdjustmentRequest.State.PENDING)
    assert pending.target.person.user.username == "rep_029"
    assert pending.new_value < pending.old_value


def test_good_news_and_alerts_were_run_once(demo_small, db) -> None:
    assert GoodNews.objects.filter(kind="achieved").exists()
    assert GoodNews.objects.filter(kind="first_deal").exists()
    assert Notification.objects.filter(kind="tracking_alert").exists()
    assert Notification.objects.filter(kind="draft_requested").exists()
    assert not Notification.objects.filter(created_at__gt=timezone.now()).exists()
