"""The demo company's targets, set through the targets services as its people would, so that
history, versions and exact splits are what the product makes of them.

- **FY2026 销售额目标** (revenue): FY2025 × 1.12 (历史分析法), base × 1.05, challenge × 1.20.
  The director splits it to the four regions by last year's share; each regional manager splits
  theirs to the teams (华北大区 adds 5% on top: 分解目标要高于下达的目标); each team lead
  splits the team into a people × month table (people by last year's share, months by the
  team's seasonality, cells seeded with each person's months last year), then hands it up — all but 河北组's lead, whose step of the December
  cycle (opened before the split, due 9 November) is overdue. Approved and locked.
- **FY2026 毛利目标** (gross profit, FY2025 × 1.10) to the regions; approved, then raised 3%
  by an approved adjustment (the split below follows).
- **FY2026 销售费用率目标** (expense rate, lower is better): last year's rate less 0.3
  points for every region; approved and locked.
- **FY2027 销售额目标** in draft: 北京组's lead collects drafts, one rep has not handed in.
- **2026-11 北京组拜访目标** (visits): the team's October visits + 20%, the same for each rep;
  approved by 华北大区, so the reps' leading indicators show their pace against it.
- A pending adjustment: 上海组's lead asks to lower rep_029's FY2026 target.
- Deadline reminders, alerts and good news are run once as of the demo's last day.

Reps whose 2026 runs ahead of 2025 by more than the growth asked for are ahead of target on
``DEMO_END``, those who fall back behind (``company.REP_AHEAD`` / ``REP_BEHIND``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import User
from django.utils import timezone

from salestarget.core.money import quantize
from salestarget.demo.company import COMPANY_CODE, REP_BEHIND
from salestarget.demo.scales import DEMO_END
from salestarget.org.models import OrgNode, Person
from salestarget.targets.cells import Cell, actuals_for
from salestarget.targets.company_metrics import metric_definition, value_decimals
from salestarget.targets.fiscal_periods import period_parse
from salestarget.targets.models import (
    AdjustmentReason,
    PlanningStep,
    StepKind,
    Target,
    TargetPlan,
)
from salestarget.targets.proposals import propose_from_history
from salestarget.targets.queries.decomposition import DecompositionSpec
from salestarget.targets.queries.managers import node_managers
from salestarget.targets.services.adjustments import adjustment_decide, adjustment_request
from salestarget.targets.services.cycles import (
    cycle_deadlines,
    cycle_open,
    deadlines_check,
    step_mark_done,
)
from salestarget.targets.services.decomposition import target_decompose
from salestarget.targets.services.drafts import draft_review, draft_submit, round_open
from salestarget.targets.services.plans import plan_create
from salestarget.targets.services.workflow import (
    decomposition_submit,
    plan_approve,
    plan_lock,
    plan_submit,
)

REVENUE_PLAN = "FY2026 销售额目标"
GROWTH_PCT = Decimal(12)
BASE_PCT = Decimal(5)
CHALLENGE_PCT = Decimal(20)
UPLIFT_AREA = "HB"  # 华北大区 splits 5% more to its teams than it was given
UPLIFT_PCT = Decimal(5)
CYCLE_PERIOD = "2026-12"
LATE_TEAM = "HB-HE"  # 河北组: its lead has not handed up the split
DRAFT_TEAM = "HB-BJ"  # 北京组 collects FY2027 drafts
# As of the evening of the demo's last day: reminders, alerts and good news.
CHECKED_AT = dt.time(18, 0)

BY_HISTORY = DecompositionSpec(axes=("org",), method="history")
# A team × month table: people by last year's share, months by the team's seasonality, each
# cell seeded with the person's month last year; rows and columns add up exactly.
BY_PEOPLE_AND_MONTH = DecompositionSpec(
    axes=("people", "month"), method="history", column_method="seasonality"
)
EQUAL_PEOPLE = DecompositionSpec(axes=("people",), method="equal")
VISITS_PLAN = "2026-11 北京组拜访目标"
VISITS_PUSH_PCT = Decimal(20)
OBSTACLES = (
    "两家重点客户明年预算未定",
    "竞品在本区域降价，价格压力大",
    "新产品线客户还在试用阶段",
    "电商渠道增长放缓",
)
RESOURCES = (
    "希望增加一名售前工程师支持",
    "需要更灵活的渠道返利政策",
    "申请重点客户的样机和试用名额",
    "希望增加市场活动预算",
)


@dataclass
class DemoPlans:
    plans: list[TargetPlan] = field(default_factory=list)
    targets: int = 0
    drafts: int = 0
    adjustments: int = 0
    news: int = 0
    notifications: int = 0


def demo_plans_create() -> DemoPlans:
    """Every demo plan, draft round, cycle and adjustment, then the checks run once."""
    from salestarget.notifications.models import Notification
    from salestarget.targets.models import AdjustmentRequest, TargetDraft
    from salestarget.tracking.services.alerts import tracking_alerts
    from salestarget.tracking.services.news import good_news_detect

    revenue = revenue_plan_create(december_cycle=True)
    gross_profit = _gross_profit_plan()
    expense_rate = _expense_rate_plan()
    next_year = _next_year_drafts(revenue)
    visits = _visits_plan()
    _adjustment_pending(revenue)

    now = timezone.make_aware(dt.datetime.combine(DEMO_END, CHECKED_AT))
    deadlines_check(now=now)
    tracking_alerts(at=DEMO_END)
    news = good_news_detect(at=DEMO_END)
    plans = [revenue, gross_profit, expense_rate, next_year, visits]
    return DemoPlans(
        plans=plans,
        targets=Target.objects.filter(plan__in=plans).count(),
        drafts=TargetDraft.objects.count(),
        adjustments=AdjustmentRequest.objects.count(),
        news=len(news),
        notifications=Notification.objects.count(),
    )


def revenue_plan_create(
    *, name: str = REVENUE_PLAN, growth_pct: Decimal = GROWTH_PCT, december_cycle: bool = False
) -> TargetPlan:
    """The FY2026 company revenue plan, FY2025 × (1 + ``growth_pct``), split down to each
    person's months and locked. With ``december_cycle`` the December planning cycle is opened
    first, so the splits complete its steps (the late team's stays open)."""
    director = _user("director")
    root = _company()
    fy2025 = period_parse("FY2025")
    metric = metric_definition("revenue")
    decimals = value_decimals(metric)
    (last_year,) = actuals_for(metric, [Cell(fy2025.start, fy2025.end, node_id=root.pk)])
    assert last_year is not None, "the demo has no FY2025 revenue"

    def grown(pct: Decimal) -> Decimal:
        return propose_from_history(last_actual=last_year, growth_pct=pct, decimals=decimals)

    plan = plan_create(
        by=director,
        name=name,
        metric="revenue",
        period="FY2026",
        scope_node=root,
        owner=director.person,  # type: ignore[attr-defined]
        value=grown(growth_pct),
        base_value=grown(BASE_PCT),
        challenge_value=grown(CHALLENGE_PCT),
        proposal_method="history",
        proposal_inputs={"growth_pct": str(growth_pct)},
        description="FY2025 实际 × (1 + 增长率)；按去年占比分解到大区和团队，团队按人员 × 月双向分解。",
    )
    if december_cycle:
        deadlines = cycle_deadlines(period_code=CYCLE_PERIOD)
        cycle_open(
            plan=plan,
            period=CYCLE_PERIOD,
            by=director,
            decompose_by=deadlines["decompose_by"],
            submit_by=deadlines["submit_by"],
            approve_by=deadlines["submit_by"] + dt.timedelta(days=3),
        )
    assert plan.root is not None
    target_decompose(target=plan.root, spec=BY_HISTORY, by=director)
    for area in _children(plan.root):
        uplift = UPLIFT_PCT if _node(area).code == UPLIFT_AREA else Decimal(0)
        target_decompose(
            target=area,
            spec=DecompositionSpec(axes=("org",), method="history", uplift_pct=uplift),
            by=_manager_of(_node(area)),
        )
    for area in _children(plan.root):
        for team in _children(area):
            lead = _manager_of(_node(team))
            target_decompose(target=team, spec=BY_PEOPLE_AND_MONTH, by=lead)
            if _node(team).code != LATE_TEAM:
                decomposition_submit(target=team, by=lead)
    # The company node has people of its own (finance, admin): the director confirms its step.
    for open_step in PlanningStep.objects.filter(
        cycle__plan=plan, node=root, kind=StepKind.SUBMIT, done_at__isnull=True
    ):
        step_mark_done(step=open_step, by=director)
    for step in (plan_submit, plan_approve, plan_lock):
        plan.refresh_from_db()
        step(plan=plan, by=director)
    plan.refresh_from_db()
    return plan


def _gross_profit_plan() -> TargetPlan:
    """FY2025 gross profit × 1.10 split to the regions by last year's share, approved; then
    raised 3% by an approved adjustment (a cheaper supplier), the regions following."""
    director, admin = _user("director"), _user("admin")
    plan = _company_plan("gross_profit", "FY2026 毛利目标", Decimal(10), by=director)
    assert plan.root is not None
    target_decompose(target=plan.root, spec=BY_HISTORY, by=director)
    for step in (plan_submit, plan_approve):
        plan.refresh_from_db()
        step(plan=plan, by=director)
    root = Target.objects.get(pk=plan.root.pk)
    raised = quantize(root.value * Decimal("1.03"), value_decimals(metric_definition(root.metric)))
    request = adjustment_request(
        target=root,
        by=director,
        new_value=raised,
        reason_category=AdjustmentReason.MARKET,
        reason="核心部件供应商 7 月起降价约 4%，毛利目标相应上调 3%。",
    )
    adjustment_decide(adjustment=request, by=admin, approve=True, note="同意，按原比例分到各大区。")
    plan.refresh_from_db()
    return plan


def _expense_rate_plan() -> TargetPlan:
    """Last year's expense rate less 0.3 points (base: last year's, challenge: less 0.6),
    the same level for every region (a ratio is not shared out); approved and locked."""
    director = _user("director")
    metric = metric_definition("expense_rate")
    root = _company()
    fy2025 = period_parse("FY2025")
    (rate,) = actuals_for(metric, [Cell(fy2025.start, fy2025.end, node_id=root.pk)])
    assert rate is not None, "the demo has no FY2025 expenses"
    decimals = value_decimals(metric)
    point = Decimal("0.001")
    plan = plan_create(
        by=director,
        name="FY2026 销售费用率目标",
        metric="expense_rate",
        period="FY2026",
        scope_node=root,
        owner=director.person,  # type: ignore[attr-defined]
        value=quantize(rate - 3 * point, decimals),
        base_value=quantize(rate, decimals),
        challenge_value=quantize(rate - 6 * point, decimals),
        proposal_method="manual",
        description="去年费用率降低 0.3 个百分点，各大区同一水平。",
    )
    assert plan.root is not None
    target_decompose(target=plan.root, spec=BY_HISTORY, by=director)
    for step in (plan_submit, plan_approve, plan_lock):
        plan.refresh_from_db()
        step(plan=plan, by=director)
    plan.refresh_from_db()
    return plan


def _visits_plan() -> TargetPlan:
    """北京组's lead asks for more visits in the demo's month: last month's visits plus
    ``VISITS_PUSH_PCT``, the same for every rep, approved by the region. Each rep's leading
    indicators then say how many more visits the month needs at this week's pace, and the
    evening's alerts name the reps behind on visits."""
    team = OrgNode.objects.get(code=DRAFT_TEAM)
    lead = _manager_of(team)
    month = period_parse(f"{DEMO_END:%Y-%m}")
    before = period_parse(f"{month.start - dt.timedelta(days=1):%Y-%m}")
    metric = metric_definition("visits")
    (last_month,) = actuals_for(metric, [Cell(before.start, before.end, node_id=team.pk)])
    assert last_month, f"{DRAFT_TEAM} made no visits in {before.label}"
    plan = plan_create(
        by=lead,
        name=VISITS_PLAN,
        metric="visits",
        period=month.label,
        scope_node=team,
        owner=lead.person,  # type: ignore[attr-defined]
        value=quantize(last_month * (1 + VISITS_PUSH_PCT / 100), value_decimals(metric)),
        proposal_method="manual",
        description="上月拜访量上浮 20%，每人一样多。",
    )
    assert plan.root is not None
    target_decompose(target=plan.root, spec=EQUAL_PEOPLE, by=lead)
    plan_submit(plan=plan, by=lead)
    plan.refresh_from_db()
    plan_approve(plan=plan, by=_manager_of(team.parent))  # type: ignore[arg-type]
    plan.refresh_from_db()
    return plan


def _next_year_drafts(revenue: TargetPlan) -> TargetPlan:
    """FY2027 in draft: split to the regions and 华北大区's teams; 北京组's lead asks the
    team for drafts (due 27 November), every rep but the last has handed in, one draft is
    accepted and one agreed at another figure."""
    director = _user("director")
    assert revenue.root is not None
    plan = plan_create(
        by=director,
        name="FY2027 销售额目标",
        metric="revenue",
        period="FY2027",
        scope_node=_company(),
        owner=director.person,  # type: ignore[attr-defined]
        value=quantize(revenue.root.value * Decimal("1.10"), 2),
        proposal_method="manual",
        description="FY2026 目标上浮 10%，待各团队草案汇总后确认。",
    )
    assert plan.root is not None
    target_decompose(target=plan.root, spec=BY_HISTORY, by=director)
    north = next(t for t in _children(plan.root) if _node(t).code == UPLIFT_AREA)
    target_decompose(target=north, spec=BY_HISTORY, by=_manager_of(_node(north)))
    team = next(t for t in _children(north) if _node(t).code == DRAFT_TEAM)
    lead = _manager_of(_node(team))
    deadline = timezone.make_aware(dt.datetime.combine(dt.date(2026, 11, 27), CHECKED_AT))
    rnd = round_open(
        target=team,
        by=lead,
        deadline=deadline,
        note="请结合今年的完成情况和明年的客户计划，填写保底目标和挑战目标。",
    )
    this_year = {
        t.person_id: t.value
        for t in Target.objects.filter(
            plan=revenue, person__isnull=False, node=team.node, period="FY2026"
        )
    }
    drafts = list(rnd.drafts.select_related("person__user").order_by("person__employee_no"))
    for i, draft in enumerate(drafts[:-1]):
        now = this_year.get(draft.person_id) or team.value / len(drafts)
        draft_submit(
            draft=draft,
            by=_login_of(draft.person),
            base_value=_thousands(now * Decimal("1.05")),
            challenge_value=_thousands(now * Decimal("1.15")),
            obstacles=OBSTACLES[i % len(OBSTACLES)],
            resources=RESOURCES[i % len(RESOURCES)],
        )
    draft_review(draft=drafts[0], by=lead, action="accept", note="同意，挑战目标作为确认目标。")
    second = drafts[1]
    second.refresh_from_db()
    assert second.base_value is not None
    draft_review(
        draft=second,
        by=lead,
        action="change",
        agreed_value=_thousands(second.base_value * Decimal("1.08")),
        note="明年新客户多，确认目标在保底基础上再加 8%。",
    )
    plan.refresh_from_db()
    return plan


def _adjustment_pending(revenue: TargetPlan) -> None:
    """上海组's lead asks to lower rep_029's FY2026 target; 华东大区's manager decides."""
    rep = Person.objects.get(user__username=f"rep_{REP_BEHIND + 1:03d}")
    target = Target.objects.filter(plan=revenue, person=rep, period="FY2026").order_by("pk")[0]
    assert target.node is not None
    adjustment_request(
        target=target,
        by=_manager_of(target.node),
        new_value=_thousands(target.value * Decimal("0.85")),
        reason_category=AdjustmentReason.MARKET,
        reason="主要客户今年转向竞品，新客户开发不及预期，申请下调 15%。",
    )


# -- helpers --------------------------------------------------------------------------------------


def _company_plan(metric: str, name: str, growth_pct: Decimal, *, by: User) -> TargetPlan:
    """A company plan on ``metric`` for FY2026: FY2025 × (1 + ``growth_pct``)."""
    root = _company()
    fy2025 = period_parse("FY2025")
    definition = metric_definition(metric)
    (last_year,) = actuals_for(definition, [Cell(fy2025.start, fy2025.end, node_id=root.pk)])
    assert last_year is not None, f"the demo has no FY2025 {metric}"
    return plan_create(
        by=by,
        name=name,
        metric=metric,
        period="FY2026",
        scope_node=root,
        owner=by.person,  # type: ignore[attr-defined]
        value=propose_from_history(
            last_actual=last_year, growth_pct=growth_pct, decimals=value_decimals(definition)
        ),
        proposal_method="history",
        proposal_inputs={"growth_pct": str(growth_pct)},
    )


def _user(username: str) -> User:
    return User.objects.select_related("person").get(username=username)


def _company() -> OrgNode:
    return OrgNode.objects.get(code=COMPANY_CODE)


def _children(target: Target) -> list[Target]:
    return list(target.children.select_related("node", "person").order_by("sort_order", "pk"))


def _node(target: Target) -> OrgNode:
    assert target.node is not None, "the demo plans split by org"
    return target.node


def _manager_of(node: OrgNode) -> User:
    managers = node_managers(node, DEMO_END)
    assert managers, f"{node.code} has no manager on {DEMO_END}"
    return _login_of(managers[0])


def _login_of(person: Person) -> User:
    assert person.user is not None, f"{person.name} of the demo has a login"
    return person.user


def _thousands(value: Decimal) -> Decimal:
    return quantize(value / 1000, 0) * 1000
