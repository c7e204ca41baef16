"""Dates of things that happened are refused beyond the horizon (today + IMPORT_FUTURE_DAYS)
and when they do not exist; history from before a person's first membership can start that
membership on the earliest fact, so old sales credit the node the person was in."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from salestarget.actuals.models import SalesLine
from salestarget.importing.models import ImportBatch
from salestarget.org.models import Membership
from tests.actuals.files import csv_bytes, run_import
from tests.personas import SINCE, Company


def _line(day: dt.date | str, order: str = "SO1") -> str:
    return f"{day},{order},1,CU-BJ,P-A,REP,1,100,60"


def test_a_sale_in_2099_is_refused_by_the_dry_run_and_the_import(company: Company) -> None:
    for dry_run in (True, False):
        batch = run_import(csv_bytes(_line("2099-01-01")), dry_run=dry_run)
        [error] = batch.errors_preview
        assert (error["row"], error["column"]) == (2, "日期")
        assert "2099-01-01 在未来" in error["reason"]
    assert batch.status == ImportBatch.Status.REJECTED
    assert not SalesLine.objects.exists()


def test_the_horizon_is_a_setting(company: Company, settings) -> None:
    soon = timezone.localdate() + dt.timedelta(days=10)
    assert run_import(csv_bytes(_line(soon))).status == ImportBatch.Status.DONE
    settings.IMPORT_FUTURE_DAYS = 0
    batch = run_import(csv_bytes(_line(soon, "SO2")))
    assert batch.status == ImportBatch.Status.REJECTED
    assert "今天之后 0 天" in batch.errors_preview[0]["reason"]


def test_impossible_dates_are_refused(company: Company) -> None:
    batch = run_import(csv_bytes(_line("2025-02-29"), _line("2025-04-31", "SO2")))
    assert [(e["row"], e["column"]) for e in batch.errors_preview] == [(2, "日期"), (3, "日期")]
    assert all("日期不存在" in e["reason"] for e in batch.errors_preview)


def test_old_history_is_refused_unless_the_first_membership_may_start_earlier(
    company: Company,
) -> None:
    old = csv_bytes(_line("2021-03-15"), _line("2022-06-01", "SO2"), _line("2025-01-02", "SO3"))
    refused = run_import(old)
    assert refused.status == ImportBatch.Status.REJECTED
    assert "把首个任职的开始日期提前" in refused.errors_preview[0]["reason"]

    batch = run_import(old, options={"create_missing": True})
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview
    first = Membership.objects.filter(person=company.rep).order_by("valid_from").first()
    assert first is not None
    assert first.valid_from == dt.date(2021, 3, 15)
    assert first.valid_from < SINCE
    assert "首个任职的开始日期已提前" in batch.message
    assert set(SalesLine.objects.values_list("node_id", flat=True)) == {first.node_id}
