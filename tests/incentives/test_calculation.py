"""Calculating a month's statements from the rollups and the people's targets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from salestarget.incentives.models import LineKind, Statement, StatementStatus
from salestarget.incentives.services.calculation import statement_calculate
from tests.incentives.conftest import revenue_component

D = Decimal


def test_a_month_pays_each_rep_by_their_own_target(june, commission_plan):
    commission_plan()
    statements = statement_calculate(period="2026-06", by=june.finance.user)
    by_person = {s.person_id: s for s in statements}
    mine = by_person[june.rep.pk]
    # Quota 100,000, sales 125,000: 3,000 + 1,000 (100–120%) + 400 (above 120%).
    assert mine.total == D("4400.00")
    assert mine.status == StatementStatus.CALCULATED
    (line,) = mine.lines.all()
    assert line.kind == LineKind.COMPONENT
    assert line.quota == D(100000)
    assert line.measure_total == D(125000)
    assert line.attainment == D("1.25")
    assert [s["kind"] for s in line.steps if s["kind"] == "tier_slice"] == ["tier_slice"] * 3
    assert by_person[june.rep_other.pk].total == D("2400.00")


def test_rerunning_gives_the_same_statement(june, commission_plan):
    commission_plan()
    first = statement_calculate(period="2026-06", by=june.finance.user)
    again = statement_calculate(period="2026-06", by=june.finance.user)
    assert [s.pk for s in first] == [s.pk for s in again]
    assert [s.total for s in first] == [s.total for s in again]
    assert Statement.objects.filter(period="2026-06").count() == 2


def test_a_typed_quota_a_cap_and_a_per_unit_component(june, commission_plan):
    commission_plan(
        [
            revenue_component(quota_source="typed", quota=D(50000), cap=D(5000)),
            {
                "code": "units",
                "name": "按件",
                "kind": "per_unit",
                "measure": "quantity",
                "amount": D(10),
            },
        ]
    )
    (mine,) = statement_calculate(period="2026-06", by=june.finance.user, person_ids={june.rep.pk})
    amounts = dict(mine.lines.values_list("label", "amount"))
    # 50,000 × 3% + 10,000 × 5% + 65,000 × 8% = 7,200, capped at 5,000; 12 units × 10.
    assert amounts == {"销售额提成": D(5000), "按件": D(120)}


def test_an_estimate_stops_at_the_day_asked(june, commission_plan):
    commission_plan()
    (mine,) = statement_calculate(
        period="2026-06",
        by=june.finance.user,
        person_ids={june.rep.pk},
        as_of=dt.date(2026, 6, 10),
        final=False,
    )
    assert mine.status == StatementStatus.ESTIMATED
    assert mine.total == D("3000.00")  # only the 100,000 of the 3rd


def test_expected_commission_at_an_amount_or_an_attainment(june, commission_plan):
    from salestarget.incentives.services.whatif import expected_commission

    commission_plan()
    rep = june.rep.pk
    # The worked example on a quota of 100,000: 3,000 + 1,000 + 400.
    assert expected_commission(person_id=rep, period="2026-06", amount=D(125_000)) == D("4400.00")
    assert expected_commission(person_id=rep, period="2026-06", attainment=D("1.25")) == D(
        "4400.00"
    )
    assert expected_commission(person_id=rep, period="2026-06", attainment=D(1)) == D("3000.00")
    assert expected_commission(person_id=rep, period="2026-06", amount=D(0)) == D("0.00")


def test_the_what_if_moves_revenue_but_not_collections(june, commission_plan):
    """One more closed deal is sales, not money received: a collections component pays the
    same, whatever the rep imagines closing."""
    from salestarget.incentives.services.whatif import what_if_extra

    commission_plan(
        [
            revenue_component(),
            {
                "code": "cash",
                "name": "回款提成",
                "measure": "collections",
                "quota_source": "typed",
                "quota": D(100000),
                "tiers": [["0", "0.01"]],
            },
        ]
    )
    (mine,) = statement_calculate(period="2026-06", by=june.finance.user, person_ids={june.rep.pk})
    answer = what_if_extra(statement=mine, extra=D(200_000))
    # Revenue 125,000 → 325,000 against 100,000: all 200,000 above 120%, at 8%; collections
    # (none received) still pay nothing.
    assert answer.more == D("16000.00")
