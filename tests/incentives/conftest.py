"""The personas' company with a June 2026 revenue target and a commission plan.

王小明 (rep, 北京一组) carries 100,000 for June 2026; 陈小红 (rep_other, 上海一组) too.
The plan pays revenue marginally: 0–100% at 3%, 100–120% at 5%, above 120% at 8%.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from salestarget.actuals.rollups import rollups_rebuild
from salestarget.incentives.models import CommissionPlan
from salestarget.incentives.services.plans import plan_assign, plan_create
from salestarget.org.models import Role
from tests.personas import Company
from tests.tracking.conftest import _fresh_tracking_cache, june_plan, sell  # noqa: F401

D = Decimal
JUNE = dt.date(2026, 6, 1)
TIERS = [["0", "0.03"], ["1", "0.05"], ["1.2", "0.08"]]


def revenue_component(**overrides: Any) -> dict[str, Any]:
    return {
        "code": "revenue",
        "name": "销售额提成",
        "measure": "revenue",
        "tiers": TIERS,
    } | overrides


@pytest.fixture
def commission_plan(company: Company) -> Callable[..., CommissionPlan]:
    """``commission_plan(components=..., **plan fields)``: an active plan assigned to every
    rep from 2026-01-01."""

    def _plan(components: list[dict[str, Any]] | None = None, **fields: Any) -> CommissionPlan:
        by = company.finance.user
        assert by is not None
        plan = plan_create(
            by=by,
            code=fields.pop("code", "sales"),
            name=fields.pop("name", "销售提成方案"),
            effective_from=fields.pop("effective_from", dt.date(2026, 1, 1)),
            components=components or [revenue_component()],
            activate=True,
            **fields,
        )
        plan_assign(plan=plan, by=by, role=Role.REP, valid_from=dt.date(2026, 1, 1))
        return plan

    return _plan


@pytest.fixture
def june(company: Company, june_plan: Callable[..., Any]) -> Company:  # noqa: F811
    """Targets of 100,000 each for June; 王小明 sells 125,000, 陈小红 80,000."""
    june_plan()
    sell(company, dt.date(2026, 6, 3), "100000", quantity="10")
    sell(company, dt.date(2026, 6, 20), "25000", quantity="2")
    sell(company, dt.date(2026, 6, 5), "80000", person=company.rep_other)
    rollups_rebuild()
    return company
