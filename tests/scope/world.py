"""The personas' company with one of every kind of thing a page or an API operation can
point at, so that each route can be asked about something that belongs to 华北 / 王小明.

The scope cases (``tests/scope/cases/``) name these things by attribute (``{rep_target}``
in a path is ``World.rep_target.pk``). Everything here belongs to the north subtree (or to
the whole company), so the east manager must never reach it, the rep reaches only what is
theirs, and finance reads it but does not plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from salestarget.activities.models import ActionPlan, ActionStep, WorkReport
from salestarget.actuals.models import Expense, Opportunity, SalesLine
from salestarget.actuals.rollups import rollups_rebuild
from salestarget.catalog.models import CalendarDay, CalendarDayKind, Customer
from salestarget.forecasting.services.compute import forecasts_compute
from salestarget.importing.models import ImportBatch
from salestarget.incentives.models import (
    CommissionPlan,
    Competition,
    Dispute,
    PlanAssignment,
    Statement,
    StatementLine,
)
from salestarget.incentives.services.bonuses import bonus_table_save
from salestarget.incentives.services.calculation import statement_calculate
from salestarget.incentives.services.competitions import competition_save
from salestarget.incentives.services.credits import credit_split_save
from salestarget.incentives.services.disputes import dispute_raise
from salestarget.incentives.services.plans import plan_assign
from salestarget.incentives.services.plans import plan_create as commission_plan_create
from salestarget.integrations.models import GroupRobot
from salestarget.notifications.models import Notification
from salestarget.org.auth import api_token_create
from salestarget.org.models import ApiToken, Membership, OrgNode, Person
from salestarget.targets.models import (
    AdjustmentRequest,
    DecompositionExport,
    DraftRound,
    PlanningCycle,
    PlanningStep,
    Target,
    TargetDraft,
    TargetPlan,
)
from salestarget.targets.queries.decomposition import DecompositionSpec
from salestarget.targets.services.adjustments import adjustment_request
from salestarget.targets.services.cycles import cycle_open
from salestarget.targets.services.decomposition import target_decompose
from salestarget.targets.services.drafts import round_open
from salestarget.targets.services.plans import plan_create
from salestarget.targets.services.workflow import plan_approve, plan_submit
from tests.personas import Company, account, build_company
from tests.scope.assessment import assessment_world

D = Decimal
SALES_CSV = "日期,客户,产品,销售员,金额\n2026-06-03,北京客户,产品A,王小明,30000\n".encode()
ERRORS_CSV = "行,错误\n3,客户不存在：北京新客户\n".encode()
JUNE = dt.date(2026, 6, 3)


@dataclass
class World:
    company: Company
    plan: TargetPlan
    north_target: Target
    team_target: Target
    rep_target: Target
    draft_plan: TargetPlan
    draft_team_target: Target
    round: DraftRound
    rep_draft: TargetDraft
    adjustment: AdjustmentRequest
    cycle: PlanningCycle
    north_step: PlanningStep
    notification: Notification
    batch: ImportBatch
    sales_line: SalesLine
    holiday: CalendarDay
    rep_token: ApiToken
    rep_membership: Membership
    assess_cycle: Any
    assess_session: Any
    assess_template: Any
    rep_card: Any
    rep_self_review: Any
    rep_nomination: Any
    rep_invitation: Any
    opportunity: Opportunity
    commission_plan: CommissionPlan
    plan_assignment: PlanAssignment
    rep_statement: Statement
    rep_line: StatementLine
    rep_dispute: Dispute
    competition: Competition
    north_robot: GroupRobot
    rep_report: WorkReport
    rep_step: ActionStep  # a step of the action plan of 王小明's target
    export_run: DecompositionExport  # the director's background export of 北京一组

    def files_delete(self) -> None:
        for name in (self.batch.stored_file, self.batch.error_report):
            default_storage.delete(name)

    def ids(self) -> dict[str, int]:
        """``{name: pk}`` for every thing and every persona, for path templates."""
        c = self.company
        found = {k: v.pk for k, v in vars(self).items() if hasattr(v, "pk")}
        for name in (
            "root",
            "north",
            "east",
            "team_bj",
            "team_sh",
            "director",
            "finance",
            "admin",
            "manager_north",
            "manager_east",
            "team_lead",
            "rep",
            "rep_other",
            "region_north",
            "product_a",
            "customer_type",
            "channel",
            "customer_bj",
        ):
            found[name] = getattr(c, name).pk
        found["category"] = c.product_a.line.category_id
        found["line"] = c.product_a.line_id
        found["draft_team_target_version"] = self.draft_team_target.version
        return found


def _sell(
    c: Company, person: Person, node: OrgNode, customer: Customer, amount: str, day: dt.date = JUNE
) -> SalesLine:
    return SalesLine.objects.create(
        external_id=f"scope-{person.pk}-{amount}",
        sold_on=day,
        customer=customer,
        product=c.product_a,
        person=person,
        node=node,
        channel=c.channel,
        customer_type=c.customer_type,
        region=customer.region,
        quantity=D(1),
        amount=D(amount),
    )


def _split_down(plan: TargetPlan, by: User) -> None:
    root = plan.root
    assert root is not None
    target_decompose(target=root, spec=DecompositionSpec(axes=("org",), method="equal"), by=by)
    for level in (root, *Target.objects.filter(plan=plan, parent=root)):
        for child in Target.objects.filter(plan=plan, parent=level, person__isnull=True):
            if not child.children.exists():
                on_team = child.node is not None and child.node.kind == "team"
                axes = ("people",) if on_team else ("org",)
                target_decompose(
                    target=child, spec=DecompositionSpec(axes=axes, method="equal"), by=by
                )


def _incentives(
    c: Company,
) -> tuple[CommissionPlan, PlanAssignment, Statement, StatementLine, Dispute, Competition]:
    """The commission plan, June's statements (3% of revenue for every rep), 王小明's
    dispute, and a June competition of the whole company (set up after June's run)."""
    by = account(c.finance)
    assert by is not None
    plan = commission_plan_create(
        by=by,
        code="scope",
        name="销售提成",
        effective_from=dt.date(2026, 1, 1),
        components=[{"code": "revenue", "name": "销售额提成", "tiers": [["0", "0.03"]]}],
        activate=True,
    )
    assignment = plan_assign(plan=plan, by=by, role="rep", valid_from=dt.date(2026, 1, 1))
    bonus_table_save(
        plan=plan, by=by, period="quarter", target_bonus=D(10_000), multipliers={"A": "1.2"}
    )
    statement_calculate(period="2026-06", by=by)
    statement = Statement.objects.get(person=c.rep, period="2026-06")
    line = statement.lines.get()
    dispute = dispute_raise(line=line, note="漏算一单", by=account(c.rep))
    # 王小明's June sale is order SO-SCOPE, credited to him alone (a split of one).
    SalesLine.objects.filter(person=c.rep, sold_on=JUNE).update(order_no="SO-SCOPE")
    credit_split_save(order_no="SO-SCOPE", shares={c.rep: D(1)}, by=by)
    competition = competition_save(
        by=by,
        name="六月冲刺赛",
        metric="revenue",
        starts=JUNE,
        ends=dt.date(2026, 6, 20),
        node=c.root,
        prizes=["3000", "1000"],
    )
    return plan, assignment, statement, line, dispute, competition


def world_build() -> World:
    c = build_company()
    director = account(c.director)
    sale = _sell(c, c.rep, c.team_bj, c.customer_bj, "30000")
    _sell(c, c.rep_other, c.team_sh, c.customer_sh, "62000")
    # May's sales: a month of history for the forecasts (each person and unit has a series).
    _sell(c, c.rep, c.team_bj, c.customer_bj, "25000", dt.date(2026, 5, 12))
    _sell(c, c.rep_other, c.team_sh, c.customer_sh, "41000", dt.date(2026, 5, 12))
    Expense.objects.create(
        external_id="scope-exp",
        spent_on=JUNE,
        person=c.rep,
        node=c.team_bj,
        category="差旅",
        amount=D("800"),
    )
    rollups_rebuild()
    holiday = CalendarDay.objects.create(
        date=dt.date(2026, 6, 19), kind=CalendarDayKind.HOLIDAY, name="端午节"
    )

    # An approved plan down to every person (tracking, letters, adjustments)…
    plan = plan_create(
        by=director,
        name="2026-06 销售额",
        metric="revenue",
        period="2026-06",
        scope_node=c.root,
        owner=c.director,
        value=D("200000"),
    )
    _split_down(plan, director)
    plan.refresh_from_db()
    plan_submit(plan=plan, by=director)
    plan.refresh_from_db()
    plan_approve(plan=plan, by=director)
    plan.refresh_from_db()
    targets = Target.objects.filter(plan=plan)
    north_target = targets.get(node=c.north, person__isnull=True)
    team_target = targets.get(node=c.team_bj, person__isnull=True)
    rep_target = targets.get(person=c.rep)
    adjustment = adjustment_request(
        target=rep_target,
        by=account(c.manager_north),
        new_value=D("90000"),
        reason_category="market",
        reason="大客户流失",
    )
    cycle = cycle_open(
        plan=plan,
        period="2026-06",
        by=director,
        decompose_by=timezone.now() + dt.timedelta(days=3),
        submit_by=timezone.now() + dt.timedelta(days=5),
    )

    # …and a draft plan of 华北 whose team asks its people for drafts.
    draft_plan = plan_create(
        by=account(c.manager_north),
        name="2026-07 华北销售额",
        metric="revenue",
        period="2026-07",
        scope_node=c.north,
        owner=c.manager_north,
        value=D("100000"),
    )
    assert draft_plan.root is not None
    target_decompose(
        target=draft_plan.root, spec=DecompositionSpec(axes=("org",)), by=account(c.manager_north)
    )
    draft_team_target = Target.objects.get(plan=draft_plan, node=c.team_bj, person__isnull=True)
    rnd = round_open(target=draft_team_target, by=account(c.team_lead))

    batch = ImportBatch.objects.create(
        kind="sales",
        source="file",
        file_name="华北六月.csv",
        created_by=account(c.finance),
        status=ImportBatch.Status.DONE,
        stored_file=default_storage.save("scope/华北六月.csv", ContentFile(SALES_CSV)),
        error_report=default_storage.save("scope/errors.csv", ContentFile(ERRORS_CSV)),
    )
    api_token_create(user=account(c.rep), name="王小明的脚本")
    opportunity = Opportunity.objects.create(
        external_id="scope-opp",
        customer=c.customer_bj,
        person=c.rep,
        node=c.team_bj,
        amount=D("50000"),
        opened_on=JUNE,
    )
    forecasts_compute()  # a month of history each: the simple methods, no model fitting
    commission_plan, plan_assignment, rep_statement, rep_line, rep_dispute, competition = (
        _incentives(c)
    )
    return World(
        company=c,
        plan=plan,
        north_target=north_target,
        team_target=team_target,
        rep_target=rep_target,
        draft_plan=draft_plan,
        draft_team_target=draft_team_target,
        round=rnd,
        rep_draft=rnd.drafts.get(person=c.rep),
        adjustment=adjustment,
        cycle=cycle,
        north_step=cycle.steps.filter(node=c.north).first()
        or cycle.steps.filter(node=c.team_bj).get(),
        notification=Notification.objects.filter(recipient=c.rep.user).latest("pk"),
        batch=batch,
        sales_line=sale,
        holiday=holiday,
        rep_token=ApiToken.objects.get(user=c.rep.user),
        rep_membership=Membership.objects.get(person=c.rep),
        **assessment_world(c),
        opportunity=opportunity,
        commission_plan=commission_plan,
        plan_assignment=plan_assignment,
        rep_statement=rep_statement,
        rep_line=rep_line,
        rep_dispute=rep_dispute,
        competition=competition,
        north_robot=GroupRobot.objects.create(
            node=c.north,
            name="华北群",
            kind="webhook",
            url="http://127.0.0.1:9/hook",  # nothing listens: a test message fails at once
        ),
        rep_report=WorkReport.objects.create(
            person=c.rep, node=c.team_bj, kind="day", period_start=JUNE, summary="拜访北京客户"
        ),
        rep_step=ActionStep.objects.create(
            plan=ActionPlan.objects.create(target=rep_target, node=c.team_bj, owner=c.rep),
            title="拜访北京客户的采购",
            owner=c.rep,
            due_on=JUNE,
        ),
        export_run=DecompositionExport.objects.create(
            target=team_target, requested_by=c.director.user, total=1
        ),
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> Iterator[World]:
    """Built once for the module inside a transaction rolled back at its end; each test's own
    transaction (``db``) nests inside it, so writes a case makes are undone after it."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        built = None
        try:
            built = world_build()
            yield built
        finally:
            if built is not None:
                built.files_delete()
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
