"""Gates, proration on a team move, split credit and clawback, as the app reads them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from salestarget.actuals.rollups import rollups_rebuild
from salestarget.incentives.models import LineKind
from salestarget.incentives.services.calculation import statement_calculate
from salestarget.incentives.services.credits import credit_split_save
from salestarget.incentives.services.plans import plan_assign, plan_create
from salestarget.org.models import Membership
from tests.incentives.conftest import revenue_component
from tests.tracking.conftest import sell, spend

D = Decimal


def amounts(statement):
    return {(line.kind, line.label): line.amount for line in statement.lines.all()}


def test_an_expense_rate_over_its_ceiling_withholds_the_accelerators(june, commission_plan):
    gate = {"measure": "expense_rate", "threshold": "0.05", "effect": "no_accelerator"}
    commission_plan([revenue_component(gates=[gate])])
    spend(june, dt.date(2026, 6, 8), "10000", person=june.rep)  # 8% of 125,000
    spend(june, dt.date(2026, 6, 8), "1000", person=june.rep_other)  # 1.25% of 80,000
    rollups_rebuild()
    statements = {
        s.person_id: s for s in statement_calculate(period="2026-06", by=june.finance.user)
    }
    assert statements[june.rep.pk].total == D("3750.00")  # all at 3%
    assert statements[june.rep_other.pk].total == D("2400.00")
    (line,) = statements[june.rep.pk].lines.all()
    assert "gate_missed" in [s["kind"] for s in line.steps]


def test_a_team_move_pays_each_half_under_its_team_plan_with_the_quota_prorated(june):
    by = june.finance.user
    bj = plan_create(
        by=by,
        code="bj",
        name="北京方案",
        effective_from=dt.date(2026, 1, 1),
        components=[revenue_component(tiers=[["0", "0.03"], ["1", "0.05"]])],
        activate=True,
    )
    sh = plan_create(
        by=by,
        code="sh",
        name="上海方案",
        effective_from=dt.date(2026, 1, 1),
        components=[revenue_component(tiers=[["0", "0.04"]], mode="retroactive")],
        activate=True,
    )
    plan_assign(plan=bj, by=by, node=june.team_bj, valid_from=dt.date(2026, 1, 1))
    plan_assign(plan=sh, by=by, node=june.team_sh, valid_from=dt.date(2026, 1, 1))
    # A membership's end date is the first day it no longer counts: he is in 上海 from the 16th.
    Membership.objects.filter(person=june.rep).update(valid_to=dt.date(2026, 6, 16))
    Membership.objects.create(person=june.rep, node=june.team_sh, valid_from=dt.date(2026, 6, 16))
    (mine,) = statement_calculate(period="2026-06", by=by, person_ids={june.rep.pk})
    lines = list(mine.lines.order_by("span_start"))
    # 1–15 June: 100,000 sold against 50,000 → 1,500 + 50,000 × 5%; 16–30 June: 25,000 × 4%.
    assert [(line.plan.code, line.quota, line.amount) for line in lines] == [
        ("bj", D(50000), D("4000.00")),
        ("sh", D(50000), D("1000.00")),
    ]
    assert lines[0].steps[0]["kind"] == "proration"
    assert [(line.span_start.day, line.span_end.day) for line in lines] == [(1, 15), (16, 30)]


def test_the_day_a_membership_ends_is_paid_under_the_next_team_only(june):
    """The org model's end date is exclusive: the 16th belongs to 上海 alone, and a person
    who left on the 16th with no new team is paid up to the 15th."""
    by = june.finance.user
    bj = plan_create(
        by=by,
        code="bj",
        name="北京方案",
        effective_from=dt.date(2026, 1, 1),
        components=[revenue_component()],
        activate=True,
    )
    plan_assign(plan=bj, by=by, node=june.team_bj, valid_from=dt.date(2026, 1, 1))
    Membership.objects.filter(person=june.rep).update(valid_to=dt.date(2026, 6, 16))
    (mine,) = statement_calculate(period="2026-06", by=by, person_ids={june.rep.pk})
    (line,) = mine.lines.all()
    assert (line.span_start, line.span_end) == (dt.date(2026, 6, 1), dt.date(2026, 6, 15))


def test_split_credit_moves_the_amount_and_must_add_up(june, commission_plan):
    commission_plan()
    order = sell(june, dt.date(2026, 6, 9), "10000")
    order.order_no = "SO-9"
    order.save()
    rollups_rebuild()
    with pytest.raises(ValidationError, match="90%"):
        credit_split_save(
            order_no="SO-9",
            shares={june.rep: D("0.6"), june.rep_other: D("0.3")},
            by=june.finance.user,
        )
    credit_split_save(
        order_no="SO-9", shares={june.rep: D("0.5"), june.rep_other: D("0.5")}, by=june.finance.user
    )
    statements = {
        s.person_id: s for s in statement_calculate(period="2026-06", by=june.finance.user)
    }
    assert statements[june.rep.pk].lines.get().measure_total == D(130000)
    assert statements[june.rep_other.pk].lines.get().measure_total == D(85000)


def test_a_return_inside_the_window_is_clawed_back_at_the_rate_paid(june, commission_plan):
    commission_plan(clawback_days=90)
    big = sell(june, dt.date(2026, 6, 25), "30000")
    big.order_no, big.line_no = "SO-1", "1"
    big.save()
    rollups_rebuild()
    statement_calculate(period="2026-06", by=june.finance.user)
    # Back in July: the 30,000 sale took 王小明 from 125,000 to 155,000, all above 120% (8%).
    back = sell(june, dt.date(2026, 7, 10), "-30000")
    back.order_no, back.line_no = "SO-1", "1"
    back.save()
    rollups_rebuild()
    (july,) = statement_calculate(period="2026-07", by=june.finance.user, person_ids={june.rep.pk})
    got = amounts(july)
    assert got[(LineKind.CLAWBACK, "销售额提成")] == D("-2400.00")
    # July's own revenue is not lowered by June's return: it is clawed back instead.
    assert got[(LineKind.COMPONENT, "销售额提成")] == D("0.00")


def test_a_return_after_the_window_takes_nothing_back(june, commission_plan):
    commission_plan(clawback_days=10)
    big = sell(june, dt.date(2026, 6, 25), "30000")
    big.order_no, big.line_no = "SO-1", "1"
    big.save()
    back = sell(june, dt.date(2026, 7, 10), "-30000")
    back.order_no, back.line_no = "SO-1", "1"
    back.save()
    rollups_rebuild()
    (july,) = statement_calculate(period="2026-07", by=june.finance.user, person_ids={june.rep.pk})
    assert amounts(july)[(LineKind.CLAWBACK, "销售额提成")] == 0


def test_a_return_in_the_month_of_its_sale_simply_lowers_the_month(june, commission_plan):
    commission_plan(clawback_days=90)
    for day, amount in ((dt.date(2026, 6, 21), "25000"), (dt.date(2026, 6, 28), "-25000")):
        line = sell(june, day, amount)
        line.order_no, line.line_no = "SO-2", "1"
        line.save()
    rollups_rebuild()
    (june_statement,) = statement_calculate(
        period="2026-06", by=june.finance.user, person_ids={june.rep.pk}
    )
    assert amounts(june_statement) == {(LineKind.COMPONENT, "销售额提成"): D("4400.00")}
