"""A retailer's own order export gets in right the first time, through the command line and
through the import pages: four years of lines with their own region, a segment and a profit
column, no salesperson column, long product names, amounts with four decimals. Every total by
year, by region and by category that tracking reads equals the file's, to the fourth decimal.
"""

from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path
from typing import BinaryIO

import pytest
from django.core.management import CommandError, call_command

from salestarget.actuals.models import SalesLine
from salestarget.actuals.rollups import rollups_check
from salestarget.catalog.models import ProductCategory, Region
from salestarget.importing.models import ImportBatch
from salestarget.targets.cells import Cell, fact_sums_for
from salestarget.tracking.cache import facts_version
from salestarget.tracking.queries.sums import grouped_sums
from tests.actuals.order_export import OrderExport, order_export
from tests.personas import Company

CREDIT_MAP = ["West=REP", "East=REP_OTHER", "Central=TEAM_LEAD", "South=EAST"]


@pytest.fixture
def export() -> OrderExport:
    return order_export()


def _cli(tmp_path: Path, name: str, data: bytes, *args: str) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    out = StringIO()
    try:
        call_command("import", str(path), "--no-progress", *args, stdout=out)
    except CommandError as exc:
        raise AssertionError(out.getvalue()) from exc
    return out.getvalue()


def _master_data(tmp_path: Path, export: OrderExport) -> None:
    _cli(tmp_path, "products.csv", export.products, "--kind", "products")
    _cli(tmp_path, "customers.csv", export.customers, "--kind", "customers", "--create-missing")


def _totals_hold(export: OrderExport) -> None:
    """What tracking reads — a year's figure, the region and category drill-downs — is the
    file's, every year."""
    regions = dict(Region.objects.values_list("pk", "name"))
    categories = dict(ProductCategory.objects.values_list("pk", "name"))
    years = sorted(export.by_year)
    cells = [Cell(dt.date(y, 1, 1), dt.date(y, 12, 31)) for y in years]
    assert {
        y: sums["amount"]
        for y, (sums, _n) in zip(years, fact_sums_for(["amount"], cells), strict=True)
        if sums
    } == export.by_year
    version = facts_version()  # what the dashboards read now, not an earlier import's cache
    whole = {"start": dt.date(years[0], 1, 1), "end": dt.date(years[-1], 12, 31)}
    by_region = grouped_sums(["amount"], group="region", version=version, **whole)
    by_category = grouped_sums(["amount"], group="product_category", version=version, **whole)
    assert by_region is not None
    assert by_category is not None
    assert {regions[k]: v["amount"] for k, v in by_region.items()} == export.by_region
    assert {categories[k]: v["amount"] for k, v in by_category.items()} == export.by_category
    for year in years:
        span = {"start": dt.date(year, 1, 1), "end": dt.date(year, 12, 31), "version": version}
        by_region = grouped_sums(["amount"], group="region", **span)
        by_category = grouped_sums(["amount"], group="product_category", **span)
        assert by_region is not None
        assert by_category is not None
        assert {(year, regions[k]): v["amount"] for k, v in by_region.items()} == {
            k: v for k, v in export.by_year_region.items() if k[0] == year
        }
        assert {(year, categories[k]): v["amount"] for k, v in by_category.items()} == {
            k: v for k, v in export.by_year_category.items() if k[0] == year
        }
    assert set(rollups_check().values()) == {0}


def test_an_order_export_through_the_command_line(
    company: Company, tmp_path: Path, export: OrderExport
) -> None:
    # The file is what the report described: most customers buy in several regions.
    assert export.customers_in_several_regions > 150  # of 240
    _master_data(tmp_path, export)

    out = _cli(
        tmp_path,
        "orders.csv",
        export.sales,
        "--source",
        "store",
        "--date-order",
        "mdy",
        "--credit",
        "dimension",
        "--credit-map",
        *CREDIT_MAP,
    )
    assert f"新增 {export.lines}" in out, out
    assert "Region → region" in out
    assert "Segment → customer_type" in out
    assert "销售人员为空的行计入：按区域对应：West → REP" in out
    _totals_hold(export)
    # Each region's lines went to the person, or the team's manager, the table names.
    credited = set(SalesLine.objects.values_list("region__name", "person__employee_no").distinct())
    assert credited == {
        ("West", "REP"),
        ("East", "REP_OTHER"),
        ("Central", "TEAM_LEAD"),
        ("South", "MANAGER_EAST"),
    }

    # The same file again, with no crediting options: the source remembers them, and nothing
    # changes.
    out = _cli(tmp_path, "orders.csv", export.sales, "--source", "store", "--date-order", "mdy")
    assert f"未变 {export.lines}" in out, out
    _totals_hold(export)


def test_the_profit_column_gives_each_years_gross_profit(
    company: Company, tmp_path: Path, export: OrderExport
) -> None:
    _master_data(tmp_path, export)
    out = _cli(
        tmp_path,
        "orders.csv",
        export.sales,
        "--date-order",
        "mdy",
        "--credit",
        "dimension",
        "--credit-map",
        *CREDIT_MAP,
    )
    assert "Profit → profit" in out
    years = sorted(export.profit_by_year)
    cells = [Cell(dt.date(y, 1, 1), dt.date(y, 12, 31)) for y in years]
    sums = fact_sums_for(["amount", "cost"], cells)
    assert {
        y: s["amount"] - s["cost"] for y, (s, _n) in zip(years, sums, strict=True) if s
    } == export.profit_by_year


def test_an_order_export_through_the_import_pages(
    company: Company, tmp_path: Path, export: OrderExport, login
) -> None:
    _master_data(tmp_path, export)
    client = login(company.finance)
    answer = client.post(
        "/actuals/import/",
        {
            "kind": "sales",
            "source": "store",
            "file": _upload(tmp_path / "orders.csv", export.sales),
        },
    )
    assert answer.status_code == 302, answer.content.decode()[:2000]
    mapping_url = answer["Location"]
    page = client.get(mapping_url)
    assert page.status_code == 200
    assert "文件没有销售人员列" in page.content.decode()  # the preview asks for a rule
    form = page.context["form"]
    columns = {f"col_{i}": form.initial.get(f"col_{i}", "") for i in range(len(form.headers))}
    by_header = {h: columns[f"col_{i}"] for i, h in enumerate(form.headers)}
    assert (by_header["Region"], by_header["Segment"]) == ("region", "customer_type")
    answer = client.post(
        mapping_url,
        columns
        | {
            "date_order": "mdy",
            "mode": "all",
            "credit": "dimension",
            "credit_by": "region",
            "credit_map": "\n".join(CREDIT_MAP),
            "action": "import",
        },
    )
    assert answer.status_code == 302, answer.content.decode()[:3000]
    batch = ImportBatch.objects.get(kind="sales")
    assert batch.status == ImportBatch.Status.DONE, (batch.message, batch.errors_preview[:5])
    assert batch.rows_inserted == export.lines
    detail = client.get(answer["Location"]).content.decode()
    assert "销售人员为空的行计入：按区域对应：West → REP；East → REP_OTHER" in detail
    _totals_hold(export)

    # The next file from the same source opens with the rule chosen.
    client.post(
        "/actuals/import/",
        {"kind": "sales", "source": "store", "file": _upload(tmp_path / "more.csv", export.sales)},
    )
    page = client.get(f"/actuals/import/{ImportBatch.objects.latest('pk').pk}/mapping/")
    assert page.context["form"].initial["credit"] == "dimension"
    assert "文件没有销售人员列" not in page.content.decode()


def _upload(path: Path, data: bytes) -> BinaryIO:
    path.write_bytes(data)
    return path.open("rb")
