"""The month run pays a small company exactly as the engine did before it was made set-based.

A company with every rule the engine knows: two team plans (a marginal revenue table under a
费用率 gate with a component cap and a plan cap, collections, a per-deal bonus; a
retroactive table on the challenge quota under a return-rate modifier, a SPIF on a product
line, a quarterly component), a manager's overlay plan, split and overlay credit, a rep who
moves team in mid-June (two spans, quotas prorated by days), and July returns of June sales
inside and outside the clawback windows. June and July are calculated and every line is
compared, to the cent and step by step, with ``engine_snapshot.json``.

The snapshot was recorded from the engine of main before its set-based rewrite (per-group
ORM reads, 2026-12-06). Re-record it only for an intended change of the results, with
``INCENTIVES_SNAPSHOT_RECORD=1 pytest tests/incentives/test_engine_equivalence.py``, and say
why in the commit.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from salestarget.actuals.models import Payment
from salestarget.actuals.rollups import rollups_rebuild
from salestarget.incentives.models import CreditKind, StatementLine
from salestarget.incentives.services.calculation import statement_calculate
from salestarget.incentives.services.credits import credit_split_save
from salestarget.incentives.services.plans import plan_assign, plan_create
from salestarget.org.models import Membership
from tests.incentives.conftest import TIERS, revenue_component
from tests.personas import Company
from tests.tracking.conftest import node_of, sell, spend

D = Decimal
SNAPSHOT = Path(__file__).with_name("engine_snapshot.json")


def _plans(company: Company) -> None:
    by = company.finance.user
    assert by is not None
    bj = plan_create(
        by=by,
        code="bj",
        name="北京方案",
        effective_from=dt.date(2026, 1, 1),
        clawback_days=90,
        cap=D("4500"),
        components=[
            revenue_component(
                gates=[{"measure": "expense_rate", "threshold": "0.05"}], cap=D("4000")
            ),
            {
                "code": "collections",
                "name": "回款提成",
                "measure": "collections",
                "basis": "amount",
                "tiers": [["0", "0.01"]],
            },
            {
                "code": "big-deals",
                "name": "大单奖",
                "kind": "per_deal",
                "measure": "revenue",
                "amount": D(200),
                "min_deal": D(20000),
            },
        ],
        activate=True,
    )
    sh = plan_create(
        by=by,
        code="sh",
        name="上海方案",
        effective_from=dt.date(2026, 1, 1),
        clawback_days=30,
        components=[
            revenue_component(
                mode="retroactive",
                quota_source="challenge",
                gates=[
                    {
                        "measure": "return_rate",
                        "threshold": "0.1",
                        "effect": "multiply",
                        "factor": "0.8",
                    }
                ],
            ),
            {
                "code": "spif-a",
                "name": "产品线专项",
                "kind": "spif",
                "measure": "revenue",
                "rate": D("0.02"),
                "product_line_id": company.product_a.line_id,
                "starts": dt.date(2026, 6, 10),
                "ends": dt.date(2026, 6, 25),
            },
            {
                "code": "quarter",
                "name": "季度提成",
                "measure": "revenue",
                "period": "quarter",
                "basis": "amount",
                "tiers": [["0", "0.01"], ["150000", "0.02"]],
            },
        ],
        activate=True,
    )
    overlay = plan_create(
        by=by,
        code="overlay",
        name="经理提成",
        effective_from=dt.date(2026, 1, 1),
        components=[revenue_component(basis="amount", tiers=[["0", "0.01"]])],
        activate=True,
    )
    plan_assign(plan=bj, by=by, node=company.team_bj, valid_from=dt.date(2026, 1, 1))
    plan_assign(plan=sh, by=by, node=company.team_sh, valid_from=dt.date(2026, 1, 1))
    plan_assign(plan=overlay, by=by, person=company.manager_north, valid_from=dt.date(2026, 1, 1))
    assert TIERS  # the revenue tables above pay 3% / 5% / 8%


def _sale(company: Company, day: dt.date, amount: str, order: str, **more: Any) -> None:
    line = sell(company, day, amount, **more)
    line.order_no, line.line_no = order, "1"
    line.save()


def _pay(company: Company, day: dt.date, amount: str, *, person: Any) -> None:
    Payment.objects.create(
        external_id=f"pay-{day}-{person.pk}",
        received_on=day,
        customer=company.customer_bj,
        person=person,
        node=node_of(company, person),
        amount=D(amount),
    )


def _company(june: Company) -> Company:
    """June's targets and sales (conftest ``june``) plus the rest of the story."""
    c = june
    _plans(c)
    # 王小明 moves from 北京一组 to 上海一组 on the 16th (the end date is exclusive).
    Membership.objects.filter(person=c.rep).update(valid_to=dt.date(2026, 6, 16))
    Membership.objects.create(person=c.rep, node=c.team_sh, valid_from=dt.date(2026, 6, 16))
    _sale(c, dt.date(2026, 6, 8), "22000", "SO-8")
    _sale(c, dt.date(2026, 6, 25), "30000", "SO-1", product=c.product_b)
    _sale(c, dt.date(2026, 6, 12), "18000", "SO-12", product=c.product_a)
    _sale(c, dt.date(2026, 6, 5), "40000", "SO-5", person=c.rep_other)
    _sale(c, dt.date(2026, 6, 9), "10000", "SO-9", person=c.rep_other)
    spend(c, dt.date(2026, 6, 8), "10000", person=c.rep)
    spend(c, dt.date(2026, 6, 8), "1000", person=c.rep_other)
    _pay(c, dt.date(2026, 6, 12), "50000", person=c.rep)
    _pay(c, dt.date(2026, 6, 14), "60000", person=c.rep_other)
    by = c.finance.user
    assert by is not None
    credit_split_save(order_no="SO-9", shares={c.rep: D("0.5"), c.rep_other: D("0.5")}, by=by)
    credit_split_save(
        order_no="SO-5", shares={c.manager_north: D("0.1")}, by=by, kind=CreditKind.OVERLAY
    )
    # July: new sales, SO-1 back inside 上海's 30 days, half of SO-5 back after them.
    sell(c, dt.date(2026, 7, 5), "40000")
    sell(c, dt.date(2026, 7, 8), "50000", person=c.rep_other)
    _sale(c, dt.date(2026, 7, 10), "-30000", "SO-1", product=c.product_b)
    _sale(c, dt.date(2026, 7, 20), "-20000", "SO-5", person=c.rep_other)
    _sale(c, dt.date(2026, 7, 2), "-9000", "SO-12", product=c.product_a)
    rollups_rebuild()
    return c


def _number(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:f}"


def _lines() -> list[dict[str, Any]]:
    rows = StatementLine.objects.select_related(
        "statement__person__user", "plan", "component"
    ).order_by("statement__period", "statement__person__user__username", "sort_order", "kind", "pk")
    return [
        {
            "period": line.statement.period,
            "person": line.statement.person.user.username if line.statement.person.user else "",
            "total": _number(line.statement.total),
            "kind": line.kind,
            "order": line.sort_order,
            "label": line.label,
            "plan": line.plan.code if line.plan else None,
            "component": line.component.code if line.component else None,
            "span": [str(line.span_start), str(line.span_end)],
            "measure": _number(line.measure_total),
            "quota": _number(line.quota),
            "attainment": _number(line.attainment),
            "amount": _number(line.amount),
            "steps": line.steps,
        }
        for line in rows
    ]


def test_june_and_july_pay_exactly_what_the_previous_engine_paid(june: Company) -> None:
    company = _company(june)
    by = company.finance.user
    statement_calculate(period="2026-06", by=by)
    statement_calculate(period="2026-07", by=by)
    got = _lines()
    kinds = {row["kind"] for row in got}
    assert {"component", "clawback", "plan_cap"} <= kinds or os.environ.get(
        "INCENTIVES_SNAPSHOT_RECORD"
    )
    if os.environ.get("INCENTIVES_SNAPSHOT_RECORD"):
        SNAPSHOT.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n")
        pytest.skip(f"recorded {len(got)} lines into {SNAPSHOT.name}")
    want = json.loads(SNAPSHOT.read_text())
    assert len(got) == len(want)
    for mine, theirs in zip(got, want, strict=True):
        assert mine == theirs


def test_a_second_run_writes_the_same_lines(june: Company) -> None:
    company = _company(june)
    by = company.finance.user
    statement_calculate(period="2026-06", by=by)
    first = _lines()
    statement_calculate(period="2026-06", by=by)
    assert _lines() == first
