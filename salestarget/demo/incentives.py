"""The demo company's incentives: the FY2026 commission plan (a tiered revenue component
under a 费用率 gate, a collection-based component, a 90-day clawback, a half-yearly grade
bonus paid in June from the closed H1 assessment), the 双11 competition,
and FY2026 statements — January to September paid, October calculated and partly reviewed,
November estimated — with an open dispute, a resolved one and a delta line from a discount
corrected into August after it was paid."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import User

from salestarget.actuals.models import SalesLine
from salestarget.actuals.rollups import rollups_refresh
from salestarget.core.money import quantize
from salestarget.demo.scales import DEMO_END
from salestarget.incentives.models import (
    CommissionPlan,
    Competition,
    Statement,
    StatementLine,
    StatementStatus,
)
from salestarget.incentives.services.bonuses import bonus_table_save
from salestarget.incentives.services.calculation import statement_calculate
from salestarget.incentives.services.closing import deltas_post
from salestarget.incentives.services.competitions import competition_announce
from salestarget.incentives.services.disputes import dispute_raise, dispute_resolve
from salestarget.incentives.services.plans import plan_assign, plan_create
from salestarget.incentives.services.workflow import period_close, statement_review
from salestarget.org.models import OrgNode, Role
from salestarget.org.scoping import scope_for

FY_START = dt.date(2026, 1, 1)
PAID_MONTHS = [f"2026-{m:02d}" for m in range(1, 10)]
LATE_DAY = dt.date(2026, 8, 28)
DISCOUNT = Decimal("0.8")
DOUBLE_11 = "双11 冲刺赛"


def demo_incentives_create() -> dict[str, int]:
    finance = User.objects.get(username="finance")
    commission_plan_create(finance)
    for month in PAID_MONTHS:
        statement_calculate(period=month, by=finance)
        period_close(period=month, by=finance)
    statement_calculate(period="2026-10", by=finance)
    statement_calculate(period="2026-11", by=finance, as_of=DEMO_END, final=False)
    # 双11 ended on the 11th: its winners are on the good-news feed (喜报).
    posted = competition_announce(
        competition=Competition.objects.get(name=DOUBLE_11), by=finance, today=DEMO_END
    )
    _october_reviews()
    deltas = _late_correction(finance)
    disputes = _disputes(finance)
    return {
        "commission_plans": 1,
        "statements": Statement.objects.count(),
        "commission_deltas": deltas,
        "disputes": disputes,
        "competition_news": len(posted),
    }


def commission_plan_create(finance: User) -> CommissionPlan:
    """The FY2026 plan, assigned to every rep, and the 双11 competition."""
    plan = plan_create(
        by=finance,
        code="sales-fy2026",
        name="FY2026 销售提成方案",
        description="销售额超额累进（费用率超过 8% 不享受加速档），回款按 0.5% 提成，退货 90 天内追回。",
        effective_from=FY_START,
        clawback_days=90,
        components=[
            {
                "code": "revenue",
                "name": "销售额提成",
                "measure": "revenue",
                "tiers": [["0", "0.02"], ["1", "0.04"], ["1.2", "0.06"]],
                "gates": [
                    {"measure": "expense_rate", "threshold": "0.08", "effect": "no_accelerator"}
                ],
            },
            {
                "code": "collections",
                "name": "回款提成",
                "measure": "collections",
                "basis": "amount",
                "tiers": [["0", "0.005"]],
            },
        ],
        activate=True,
    )
    plan_assign(plan=plan, by=finance, role=Role.REP, valid_from=FY_START)
    # Half-yearly grade bonus: June pays it from the closed H1 assessment.
    bonus_table_save(
        plan=plan,
        by=finance,
        period="half",
        target_bonus=Decimal(6000),
        multipliers={"S": "1.5", "A": "1.2", "B": "1", "C": "0.6", "D": "0"},
    )
    root = OrgNode.objects.filter(parent__isnull=True).order_by("pk").first()
    assert root is not None
    Competition.objects.create(
        name=DOUBLE_11,
        metric="revenue",
        starts=dt.date(2026, 11, 1),
        ends=dt.date(2026, 11, 11),
        node=root,
        prizes=["8000", "5000", "3000"],
        threshold=Decimal(300_000),
        threshold_prize=Decimal(1000),
    )
    return plan


def _october_reviews() -> None:
    """The north region's manager has reviewed their people's October statements."""
    manager = User.objects.get(username="mgr_north")
    for statement in Statement.objects.filter(
        scope_for(manager).people_q("person"),
        period="2026-10",
        status=StatementStatus.CALCULATED,
    ).exclude(person__user=manager):
        statement_review(statement=statement, by=manager)


def _late_correction(finance: User) -> int:
    """After August was paid, a corrected import lowers one of rep_001's August sales by the
    discount the customer was granted; finance posts the difference into October."""
    rep = User.objects.get(username="rep_001").person  # type: ignore[attr-defined]
    sale = (
        SalesLine.objects.filter(person=rep, sold_on__range=(dt.date(2026, 8, 1), LATE_DAY))
        .filter(amount__gt=0)
        .order_by("-amount", "pk")
        .first()
    )
    if sale is None:
        return 0
    SalesLine.objects.filter(pk=sale.pk).update(amount=quantize(sale.amount * DISCOUNT, 2))
    rollups_refresh(days=[sale.sold_on])
    return len(deltas_post(period="2026-08", reason="8 月订单折扣更正（重新导入）", by=finance))


def _disputes(finance: User) -> int:
    """rep_001 disputes an October line (open); rep_029 disputed September's and finance
    answered with a reasoned rejection."""
    raised = 0
    for username, period, note, resolution in (
        ("rep_001", "2026-10", "10 月 25 日华联的订单应算在我名下，请核对分成。", ""),
        (
            "rep_029",
            "2026-09",
            "9 月费用率按部门分摊偏高，申请按个人费用计算门槛。",
            "费用率按制度以个人费用计算，复核无误，驳回。",
        ),
    ):
        user = User.objects.get(username=username)
        line = (
            Statement.objects.filter(person__user=user, period=period)
            .values_list("lines", flat=True)
            .first()
        )
        if line is None:
            continue
        dispute = dispute_raise(line=StatementLine.objects.get(pk=line), note=note, by=user)
        raised += 1
        if resolution:
            dispute_resolve(dispute=dispute, by=finance, resolution=resolution)
    return raised
