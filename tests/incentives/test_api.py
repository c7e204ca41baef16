"""/api/incentives/: the same scoping as the pages."""

from __future__ import annotations

from decimal import Decimal

import pytest

from salestarget.incentives.models import Dispute, Statement
from salestarget.incentives.services.calculation import statement_calculate

D = Decimal


@pytest.fixture
def statements(june, commission_plan):
    commission_plan()
    statement_calculate(period="2026-06", by=june.finance.user)
    return {s.person_id: s for s in Statement.objects.filter(period="2026-06")}


def test_each_role_lists_what_it_may_see(june, statements, login):
    def names(person):
        rows = login(person).get("/api/incentives/statements?period=2026-06").json()
        return sorted(r["person"] for r in rows)

    assert names(june.rep) == ["王小明"]
    assert names(june.manager_north) == ["王小明"]
    assert names(june.manager_east) == ["陈小红"]
    assert names(june.finance) == ["王小明", "陈小红"]


def test_a_statement_comes_with_its_lines_and_steps(june, statements, login):
    mine = statements[june.rep.pk]
    body = login(june.rep).get(f"/api/incentives/statements/{mine.pk}").json()
    assert D(body["total"]) == D("4400.00")
    (line,) = body["lines"]
    assert [s["result"] for s in line["steps"] if s["kind"] == "tier_slice"] == [
        "3000.00",
        "1000.00",
        "400.00",
    ]
    other = statements[june.rep_other.pk]
    assert login(june.rep).get(f"/api/incentives/statements/{other.pk}").status_code == 404


def test_what_if_dispute_and_resolution_through_the_api(june, statements, login):
    mine = statements[june.rep.pk]
    rep = login(june.rep)
    answer = rep.get(f"/api/incentives/statements/{mine.pk}/what-if?extra=200000").json()
    assert D(answer["more"]) == D("16000.00")
    line_id = mine.lines.get().pk
    created = rep.post(
        f"/api/incentives/lines/{line_id}/disputes",
        {"note": "漏算"},
        content_type="application/json",
    )
    assert created.status_code == 201
    empty = rep.post(
        f"/api/incentives/lines/{line_id}/disputes", {"note": " "}, content_type="application/json"
    )
    assert empty.status_code == 422
    dispute = Dispute.objects.get()
    manager = login(june.manager_north)
    refused = manager.post(
        f"/api/incentives/disputes/{dispute.pk}/resolve",
        {"resolution": "ok"},
        content_type="application/json",
    )
    assert refused.status_code == 403
    assert manager.get("/api/incentives/plans").status_code == 403
    done = login(june.finance).post(
        f"/api/incentives/disputes/{dispute.pk}/resolve",
        {"resolution": "驳回：已按方案计算"},
        content_type="application/json",
    )
    assert done.json()["status"] == "rejected"
