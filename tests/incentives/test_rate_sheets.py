"""Rate tables to and from Excel: finance downloads a plan's tiers, edits them in Excel and
uploads the sheet back; a bad cell is named by its row and column and changes nothing; no
cell of a download runs as a formula (payroll too)."""

from __future__ import annotations

import base64
import csv
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from salestarget.incentives.models import PlanComponent
from salestarget.incentives.rate_sheets import HEADERS, rates_workbook
from salestarget.incentives.services.calculation import statement_calculate
from salestarget.incentives.services.rates import rate_tables_import
from tests.incentives.conftest import revenue_component

D = Decimal


def sheet_bytes(rows: list[list[object]], headers: list[str] = HEADERS) -> bytes:
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def plan(june, commission_plan):
    return commission_plan(
        components=[
            revenue_component(),
            {
                "code": "collections",
                "name": "回款提成",
                "measure": "collections",
                "basis": "amount",
                "tiers": [["0", "0.005"]],
            },
        ]
    )


def test_the_download_has_one_row_per_tier_shown_as_percentages(plan):
    sheet = load_workbook(io.BytesIO(rates_workbook(plan))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(HEADERS)
    assert [(r[0], r[4], r[5]) for r in rows[1:]] == [
        ("revenue", 0, 0.03),
        ("revenue", 1, 0.05),
        ("revenue", 1.2, 0.08),
        ("collections", 0, 0.005),
    ]
    assert sheet["F2"].number_format.endswith("%")
    assert sheet["E5"].number_format == "#,##0.00"  # an amount, not a percentage


def test_an_edited_sheet_replaces_the_tiers_and_pays_from_them(june, plan):
    sheet = [
        ["revenue", "销售额提成", "retroactive", "attainment", "0%", "3%"],
        ["revenue", "", "retroactive", "attainment", "100%", "5%"],
        ["revenue", "", "retroactive", "attainment", 1.2, 0.08],
    ]
    (changed,) = rate_tables_import(
        plan=plan, data=sheet_bytes(sheet), file_name="rates.xlsx", by=june.finance.user
    )
    revenue = PlanComponent.objects.get(pk=changed.pk)
    assert revenue.mode == "retroactive"
    assert [[D(a), D(b)] for a, b in revenue.tiers] == [
        [D(0), D("0.03")],
        [D(1), D("0.05")],
        [D("1.2"), D("0.08")],
    ]
    # 125,000 on a quota of 100,000 reaches the 120% tier: all of it at 8%.
    (statement,) = [
        s
        for s in statement_calculate(period="2026-06", by=june.finance.user)
        if s.person == june.rep
    ]
    assert statement.lines.get(component=revenue).amount == D("10000.00")


@pytest.mark.parametrize(
    ("row", "named"),
    [
        (["revenue", "", "", "", "100%", "abc"], "第 3 行“比例”列：“abc”不是数字"),
        (["revenue", "", "", "", "100%", "5"], "第 3 行“比例”列：比例 5 不在 0～100% 之间"),
        (["bonus", "", "", "", "0", "1%"], "第 3 行“提成项编码”列：方案中没有比例表提成项“bonus”"),
        (["revenue", "", "curve", "", "1", "1"], "第 3 行“计算方式”列：同一提成项的各行"),
        (["revenue", "", "", "", "-1", "1%"], "第 3 行“下限”列：下限不能为负数"),
    ],
)
def test_a_bad_cell_is_named_by_row_and_column_and_nothing_changes(june, plan, row, named):
    before = list(PlanComponent.objects.values_list("tiers", flat=True))
    rows = [["revenue", "", "", "", "0", "3%"], row]
    with pytest.raises(ValidationError) as caught:
        rate_tables_import(
            plan=plan, data=sheet_bytes(rows), file_name="r.xlsx", by=june.finance.user
        )
    assert named in " ".join(caught.value.messages)
    assert list(PlanComponent.objects.values_list("tiers", flat=True)) == before


def test_a_sheet_without_a_column_or_that_is_no_workbook_is_refused(june, plan):
    missing = sheet_bytes([["revenue", "0"]], headers=["提成项编码", "下限"])
    with pytest.raises(ValidationError, match="缺少列：比例"):
        rate_tables_import(plan=plan, data=missing, file_name="r.xlsx", by=june.finance.user)
    with pytest.raises(ValidationError, match="Excel"):
        rate_tables_import(
            plan=plan, data=b"not a workbook", file_name="r.xlsx", by=june.finance.user
        )


def test_a_formula_in_a_name_is_written_as_text(june, commission_plan):
    plan = commission_plan(components=[revenue_component(name='=HYPERLINK("http://x","点击")')])
    sheet = load_workbook(io.BytesIO(rates_workbook(plan))).active
    assert sheet["B2"].value == '\'=HYPERLINK("http://x","点击")'
    assert sheet["B2"].data_type == "s"


def test_the_payroll_quotes_a_formula_like_name(june, plan, login):
    june.rep.name = "=1+1"
    june.rep.save()
    statement_calculate(period="2026-06", by=june.finance.user)
    client = login(june.finance)
    rows = list(
        csv.reader(io.StringIO(client.get("/incentives/payroll/2026-06.csv").content.decode()))
    )
    assert [r[1] for r in rows if r[1].endswith("=1+1")] == ["'=1+1"]
    book = load_workbook(io.BytesIO(client.get("/incentives/payroll/2026-06.xlsx").content))
    names = [row[1] for row in book.active.iter_rows(min_row=2, values_only=True)]
    assert "'=1+1" in names


def test_finance_downloads_and_uploads_on_the_plan_page(june, plan, login):
    client = login(june.finance)
    download = client.get(reverse("incentives:rates_xlsx", args=[plan.pk]))
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    upload = reverse("incentives:rates_upload", args=[plan.pk])
    bad = client.post(
        upload,
        {"file": SimpleUploadedFile("r.xlsx", sheet_bytes([["revenue", "", "", "", "0", "x"]]))},
    )
    assert bad.status_code == 400
    assert "第 2 行“比例”列" in bad.content.decode()
    good = client.post(upload, {"file": SimpleUploadedFile("r.xlsx", download.content)})
    assert good.status_code == 302
    assert login(june.rep).get(reverse("incentives:rates_xlsx", args=[plan.pk])).status_code == 403


def test_the_api_reads_and_replaces_rate_tables(june, plan, login):
    client = login(june.finance)
    url = f"/api/incentives/plans/{plan.pk}/rates"
    tables = client.get(url).json()
    assert [t["code"] for t in tables] == ["revenue", "collections"]

    def send(rows):
        content = base64.b64encode(sheet_bytes(rows)).decode()
        return client.post(url, {"content": content}, content_type="application/json")

    bad = send([["x", "", "", "", "0", "1%"]])
    assert bad.status_code == 422
    assert "“提成项编码”列" in bad.json()["errors"]["file"][0]
    good = send([["collections", "", "", "amount", "0", "1%"]])
    assert good.json()[0]["tiers"] == [["0", "0.01"]]
    garbled = client.post(url, {"content": "%%%"}, content_type="application/json")
    assert garbled.status_code == 422
    assert login(june.rep).get(url).status_code == 403
