"""Every typed cell of every kind goes through one normalising (``importing.typed``): full-width
digits read as digits wherever a number or date is expected, and a cell the checks cannot read
is refused by the dry run exactly as by the import — naming its row and column — instead of
reaching the database as a NULL it refuses."""

from __future__ import annotations

from decimal import Decimal

import polars as pl
import pytest
from django.db import IntegrityError

from salestarget.actuals.importing import facts
from salestarget.actuals.models import Expense, SalesLine
from salestarget.catalog.models import Product
from salestarget.importing.kinds import QUANTITY, FieldSpec, Options
from salestarget.importing.models import ImportBatch
from salestarget.importing.typed import typed_cell, unreadable
from tests.actuals.files import csv_bytes, run_import
from tests.personas import Company

FULL_WIDTH_LINE = "２０２６-０３-０２,SO1,1,CU-BJ,P-A,REP,２,２００.５０,１００"


def test_a_full_width_quantity_passes_the_dry_run_and_the_import_alike(company: Company) -> None:
    checked = run_import(csv_bytes(FULL_WIDTH_LINE), dry_run=True)
    assert checked.status == ImportBatch.Status.VALIDATED
    assert checked.errors_preview == []
    batch = run_import(csv_bytes(FULL_WIDTH_LINE))
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview
    line = SalesLine.objects.get()
    assert (line.quantity, line.amount, line.cost) == (2, Decimal("200.5"), 100)
    assert str(line.sold_on) == "2026-03-02"


def test_digits_of_other_scripts_are_refused_by_the_dry_run_naming_row_and_column(
    company: Company,
) -> None:
    # Arabic-Indic ٢ is a digit to a Unicode regex but not to a decimal parser: it used to
    # pass the checks as "plain" and crash the write.
    bad = csv_bytes("2026-03-02,SO1,1,CU-BJ,P-A,REP,\u0662,200,100")
    checked = run_import(bad, dry_run=True)
    assert [(e["row"], e["column"]) for e in checked.errors_preview] == [(2, "数量")]
    assert checked.errors_preview[0]["reason"] == "不是数字"
    batch = run_import(bad)
    assert batch.status == ImportBatch.Status.REJECTED
    assert [(e["row"], e["column"]) for e in batch.errors_preview] == [(2, "数量")]
    assert not SalesLine.objects.exists()


def test_master_data_money_reads_full_width_digits_like_facts(company: Company) -> None:
    batch = run_import(
        csv_bytes("P-FW,全角产品,１２.５０", header="产品编码,产品名称,标准成本"),
        kind="products",
        name="products.csv",
    )
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview
    assert Product.objects.get(code="P-FW").standard_cost == Decimal("12.5")


def test_a_cell_that_no_parser_reads_gets_a_reason_rather_than_a_silent_null() -> None:
    frame = pl.DataFrame({"raw_q": ["3", "\u0663", None, ""]})
    spec = FieldSpec("quantity", "数量", QUANTITY)
    frame, value, reason = typed_cell(frame, "raw_q", spec, options=Options(), header="数量")
    out = frame.select(value.alias("v"), reason.alias("e"))
    assert out["v"].to_list() == [30_000, None, None, None]
    assert out["e"].to_list() == [None, "不是数字", None, None]


def test_a_parser_that_silently_gives_up_still_leaves_a_reason() -> None:
    frame = pl.DataFrame({"raw": ["a", " ", None, "b"], "value": [1, None, None, None]})
    given_up = unreadable(pl.col("raw"), pl.col("value"), pl.lit(None, pl.String))
    assert frame.select(given_up)["literal"].to_list() == [None, None, None, "无法识别的值"]


def test_a_row_the_database_still_refuses_fails_the_batch_without_a_500(
    company: Company, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(**kwargs: object) -> None:
        raise IntegrityError("NOT NULL constraint failed: actuals_expense.amount")

    monkeypatch.setattr(facts, "facts_write", refuse)
    batch = run_import(
        csv_bytes("2026-03-02,REP,差旅,120.5", header="报销日期,报销人,费用类别,报销金额"),
        kind="expense",
    )
    assert batch.status == ImportBatch.Status.FAILED
    assert "未写入任何数据" in batch.message
    assert "actuals_expense.amount" in batch.message
    assert not Expense.objects.exists()
