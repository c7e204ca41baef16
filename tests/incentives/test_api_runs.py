"""The statement's way and the month runs through /api/incentives/: finance calculates a
month, the manager reviews, finance approves and pays, closes a month and posts a late
return's delta; each step only for whom it belongs to, and in the order the status allows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from salestarget.actuals.rollups import rollups_rebuild
from salestarget.incentives.models import LineKind, Statement, StatementStatus
from tests.tracking.conftest import sell

D = Decimal
JSON = "application/json"


def test_calculate_review_approve_pay(june, commission_plan, login):
    commission_plan()
    assert login(june.rep).post("/api/incentives/periods/2026-06/calculate").status_code == 403
    finance = login(june.finance)
    run = finance.post("/api/incentives/periods/2026-06/calculate")
    assert run.json() == {"period": "2026-06", "statements": 2, "without_quota": []}
    assert finance.post("/api/incentives/periods/June/calculate").status_code == 422
    mine = Statement.objects.get(person=june.rep, period="2026-06")
    url = f"/api/incentives/statements/{mine.pk}"
    assert login(june.rep).post(f"{url}/review").status_code == 403  # not one's own
    assert login(june.manager_east).post(f"{url}/review").status_code == 404  # not his team
    reviewed = login(june.manager_north).post(f"{url}/review")
    assert reviewed.json()["status"] == StatementStatus.REVIEWED
    finance = login(june.finance)
    early = finance.post(f"{url}/pay")
    assert early.status_code == 422
    assert "status" in early.json()["errors"]
    assert finance.post(f"{url}/approve").json()["status"] == StatementStatus.APPROVED
    paid = finance.post(f"{url}/pay").json()
    assert (paid["status"], D(paid["total"])) == (StatementStatus.PAID, D("4400.00"))


def test_a_month_without_targets_names_who_its_run_paid_nothing(june, commission_plan, login):
    commission_plan()
    run = login(june.finance).post("/api/incentives/periods/2026-07/estimate").json()
    assert run == {"period": "2026-07", "statements": 2, "without_quota": ["王小明", "陈小红"]}


def test_close_a_month_and_post_a_late_returns_delta(june, commission_plan, login):
    commission_plan()
    finance = login(june.finance)
    finance.post("/api/incentives/periods/2026-06/calculate")
    finance.post("/api/incentives/periods/2026-07/calculate")
    closed = finance.post("/api/incentives/periods/2026-06/close").json()
    assert closed == {"period": "2026-06", "statements": 2, "without_quota": []}
    sell(june, dt.date(2026, 6, 28), "-25000")  # found after June was paid
    rollups_rebuild()
    posted = finance.post(
        "/api/incentives/periods/2026-06/deltas", {"reason": "6月退货"}, content_type=JSON
    )
    assert posted.json()["statements"] == 1
    delta = Statement.objects.get(person=june.rep, period="2026-07").lines.get(kind=LineKind.DELTA)
    # June was 4,400 (125,000); 100,000 pays 3,000.
    assert (delta.old_value, delta.new_value, delta.amount, delta.reason) == (
        D("4400.00"),
        D("3000.00"),
        D("-1400.00"),
        "6月退货",
    )
