"""Files from other systems: encodings, Excel, Chinese and English headers, date and number
formats, references by code or by name."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from salestarget.actuals.import_kinds import FACT_KINDS
from salestarget.actuals.import_kinds.sales import SALES
from salestarget.actuals.models import SalesLine
from salestarget.catalog.models import Customer
from salestarget.importing.kinds import kinds_registered
from salestarget.importing.mapping import fold, suggest_mapping
from salestarget.importing.models import ImportBatch, ImportMapping
from tests.actuals.files import HEADER, csv_bytes, run_import, xlsx_bytes
from tests.personas import Company

ROW = "2026-03-02,SO1,1,北京客户,产品A,王小明,2,1234.5,100"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_chinese_excel_encodings_are_read(company: Company, encoding: str) -> None:
    batch = run_import(csv_bytes(ROW, encoding=encoding))
    assert batch.status == ImportBatch.Status.DONE, batch.message
    line = SalesLine.objects.get()
    assert (line.customer_id, line.amount) == (company.customer_bj.pk, Decimal("1234.5"))


def test_excel_workbook_with_a_title_row_dates_and_numbers(company: Company) -> None:
    data = xlsx_bytes(
        [
            ["2026年3月销售明细"],
            [
                "Order Date",
                "Order No",
                "Line",
                "Customer Code",
                "SKU",
                "Sales Rep",
                "Qty",
                "Net Sales",
                "COGS",
            ],
            [dt.date(2026, 3, 2), "SO1", 1, "CU-BJ", "P-A", "REP", 2, 0.1 + 0.2, 0.05],
            [dt.datetime(2026, 3, 3), "SO1", 2, "CU-BJ", "P-B", "REP", 1, 99.9999, 10],
            ["合计", None, None, None, None, None, 3, 100.2999, 10.05],
        ]
    )
    batch = run_import(data, name="export.xlsx")
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview
    assert batch.rows_written == 2
    assert "合计" in batch.message
    lines = {line.line_no: line for line in SalesLine.objects.all()}
    assert lines["1"].amount == Decimal("0.3")  # Excel's 15 significant digits, no float noise
    assert lines["2"].sold_on == dt.date(2026, 3, 3)
    assert lines["2"].amount == Decimal("99.9999")


def test_the_data_sheet_is_found_behind_a_cover_sheet_and_a_hidden_one(company: Company) -> None:
    book = Workbook()
    cover = book.active
    cover.title = "说明"
    for line in ("2026年3月销售明细", "金额单位：元", "制表：财务部"):
        cover.append([line])
    lookup = book.create_sheet("码表")
    lookup.append(["客户编码", "客户名称"])
    lookup.append(["CU-BJ", "北京客户"])
    lookup.sheet_state = "hidden"
    data = book.create_sheet("明细")
    data.append(HEADER.split(","))
    data.append(["2026-03-02", "SO1", "1", "CU-BJ", "P-A", "REP", 2, 200.5, 100])
    out = io.BytesIO()
    book.save(out)
    batch = run_import(out.getvalue(), name="sales.xlsx")
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview
    assert SalesLine.objects.get().amount == Decimal("200.5")


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_report_with_group_headers_above_the_column_names(company: Company, fmt: str) -> None:
    rows: list[list[object]] = [
        ["2026年3月销售明细表"],
        ["单据信息", None, None, "往来", "货品", None, "数量金额", None, None],
        HEADER.split(","),
        ["2026-03-02", "SO1", "1", "CU-BJ", "P-A", "REP", 2, 200.5, 100],
    ]
    data = (
        xlsx_bytes(rows)
        if fmt == "xlsx"
        else "\n".join(",".join("" if v is None else str(v) for v in r) for r in rows).encode()
    )
    batch = run_import(data, name=f"sales.{fmt}")
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview
    assert batch.mapping["amount"] == "金额"
    assert SalesLine.objects.get().amount == Decimal("200.5")


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_report_with_its_date_range_and_print_time_above_the_column_names(
    company: Company, fmt: str
) -> None:
    """An ERP's report (金蝶's 销售出库单序时簿) opens with its title, a line of two cells
    (the date range and the print time) and a blank line; saved as CSV by Excel, each of them
    is padded with commas to the table's width."""
    width = len(HEADER.split(","))
    rows: list[list[object]] = [
        ["销售出库单序时簿"],
        ["日期：2026-03-01 至 2026-03-31", None, None, "打印时间：2026-04-01 09:30"],
        [],
        HEADER.split(","),
        ["2026-03-02", "SO1", "1", "CU-BJ", "P-A", "REP", 2, 200.5, 100],
        ["2026-03-03", "SO2", "1", "CU-BJ", "P-B", "REP", 1, 99.5, 10],
        ["合计", None, None, None, None, None, 3, 300, 110],
    ]
    padded = [[*r, *[None] * (width - len(r))] for r in rows]
    data = (
        xlsx_bytes(rows)
        if fmt == "xlsx"
        else "\n".join(",".join("" if v is None else str(v) for v in r) for r in padded).encode()
    )
    batch = run_import(data, name=f"report.{fmt}")
    assert batch.status == ImportBatch.Status.DONE, (batch.message, batch.errors_preview)
    assert batch.mapping["amount"] == "金额"
    assert batch.rows_written == 2
    assert sorted(SalesLine.objects.values_list("amount", flat=True)) == [
        Decimal("99.5"),
        Decimal("200.5"),
    ]


@pytest.mark.parametrize(
    "header",
    [
        "日期,订单号,行号,客户编码,产品编码,销售人员,数量,金额,成本",
        "销售日期,订单编号,明细行号,客户名称,商品编码,业务员,销售数量,销售额,销售成本",
        "Date,Order No,Line No,Customer,Product Code,Salesperson,Quantity,Amount,Cost",
        "Order Date,Order Number,Line Number,Customer Name,Item,Employee No,Qty,Net Sales (¥),Cost",
        "单据日期,单据编号,行号,客户代码,物料编码,业务员编码,数量,金额（元）,成本",
        # Kingdee's 销售出库单 and an SAP billing export, headers as those systems write them
        "单据日期,单据编号,分录号,客户,物料编码,业务员,实发数量,本位币价税合计,成本金额",
        "Billing Date,Billing Document,Item No,Sold-to Party,Material,Sales Employee,"
        "Billed Quantity,Net Value,Cost",
    ],
)
def test_headers_in_chinese_and_english_are_suggested(header: str) -> None:
    headers = header.split(",")
    mapping = suggest_mapping(SALES, headers).mapping
    assert [
        mapping[f]
        for f in (
            "sold_on",
            "order_no",
            "line_no",
            "customer",
            "product",
            "person",
            "quantity",
            "amount",
            "cost",
        )
    ] == headers


@pytest.mark.parametrize(
    ("kind", "header", "expected"),
    [
        (  # a bank statement's credits as payments
            "payment",
            "交易日期,对方户名,收入金额,摘要,业务员",
            {"received_on": "交易日期", "customer": "对方户名", "amount": "收入金额"},
        ),
        (  # a Chinese CRM's 商机 export
            "opportunity",
            "商机编号,商机名称,客户名称,负责人,预计金额,创建时间,结单日期,销售阶段",
            {"opened_on": "创建时间", "closed_on": "结单日期", "stage": "销售阶段"},
        ),
        (  # HubSpot deals
            "opportunity",
            "Deal ID,Deal Name,Company,Deal Owner,Amount,Create Date,Close Date,Deal Stage",
            {"customer": "Company", "person": "Deal Owner", "stage": "Deal Stage"},
        ),
        (  # a Kingdee material list
            "products",
            "物料编码,物料名称,规格型号,物料分组,计量单位,参考单价",
            {"code": "物料编码", "category": "物料分组", "list_price": "参考单价"},
        ),
        (  # a DingTalk department export
            "org-nodes",
            "部门ID,部门名称,上级部门ID,部门负责人",
            {"code": "部门ID", "name": "部门名称", "parent": "上级部门ID"},
        ),
    ],
)
def test_other_systems_exports_are_suggested(
    kind: str, header: str, expected: dict[str, str]
) -> None:
    spec = FACT_KINDS.get(kind) or kinds_registered(facts=False)[kind]
    mapping = suggest_mapping(spec, header.split(",")).mapping
    assert {f: mapping.get(f) for f in expected} == expected


def test_a_header_that_contains_a_synonym_is_suggested_unless_it_names_another_column() -> None:
    headers = [
        "日期",
        "客户",
        "存货编码",
        "销售员",
        "含税单价",
        "数量单位",
        "实发数量",
        "销售额合计",
    ]
    mapping = suggest_mapping(SALES, headers).mapping
    assert mapping["quantity"] == "实发数量"
    assert mapping["amount"] == "销售额合计"  # the longer synonym wins: 销售额, not 销售
    # A unit price is its own column (a new product's list price), never the amount.
    assert mapping["unit_price"] == "含税单价"
    assert "数量单位" not in mapping.values()


def test_header_folding() -> None:
    assert fold("Net Sales (¥)") == "netsales"
    assert fold("金额（元）") == "金额"
    assert fold(" Order_No ") == "orderno"


@pytest.mark.parametrize(
    ("cell", "day"),
    [
        ("2026-03-05", dt.date(2026, 3, 5)),
        ("2026/3/5", dt.date(2026, 3, 5)),
        ("2026年3月5日", dt.date(2026, 3, 5)),
        ("20260305", dt.date(2026, 3, 5)),
        ("46086", dt.date(2026, 3, 5)),  # Excel serial
        ("２０２６－０３－０５", dt.date(2026, 3, 5)),
        ("5-Mar-2026", dt.date(2026, 3, 5)),
        ("2026-03-05 14:30:00", dt.date(2026, 3, 5)),
    ],
)
def test_date_formats(company: Company, cell: str, day: dt.date) -> None:
    batch = run_import(csv_bytes(f'"{cell}",SO1,1,CU-BJ,P-A,REP,1,10,5'))
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview
    assert SalesLine.objects.get().sold_on == day


def test_day_month_order_is_stated_or_shown_by_the_column(company: Company) -> None:
    ambiguous = csv_bytes("03/05/2026,SO1,1,CU-BJ,P-A,REP,1,10,5")
    batch = run_import(ambiguous)
    assert batch.status == ImportBatch.Status.REJECTED
    assert "日期顺序" in batch.errors_preview[0]["reason"]
    batch = run_import(ambiguous, options={"date_order": "mdy"})
    assert SalesLine.objects.get().sold_on == dt.date(2026, 3, 5)
    batch = run_import(ambiguous, options={"date_order": "dmy"})
    assert SalesLine.objects.get().sold_on == dt.date(2026, 5, 3)
    # A 13 in the first place tells the whole column it is day/month/year.
    batch = run_import(
        csv_bytes("03/05/2026,SO2,1,CU-BJ,P-A,REP,1,10,5", "13/05/2026,SO2,2,CU-BJ,P-A,REP,1,10,5")
    )
    assert batch.status == ImportBatch.Status.DONE
    assert set(SalesLine.objects.filter(order_no="SO2").values_list("sold_on", flat=True)) == {
        dt.date(2026, 5, 3),
        dt.date(2026, 5, 13),
    }


@pytest.mark.parametrize(
    ("cell", "amount"),
    [
        ('"1,234.56"', "1234.56"),
        ("¥1234.5", "1234.5"),
        ("￥１２３４", "1234"),
        ("１，２３４．５", "1234.5"),
        ("0.0001", "0.0001"),
        ('" 12.3400 "', "12.34"),
        ("RMB88", "88"),
    ],
)
def test_number_formats_keep_every_decimal(company: Company, cell: str, amount: str) -> None:
    batch = run_import(csv_bytes(f"2026-03-02,SO1,1,CU-BJ,P-A,REP,1,{cell},0"))
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview
    assert SalesLine.objects.get().amount == Decimal(amount)


def test_parentheses_and_trailing_minus_are_negative(company: Company) -> None:
    batch = run_import(
        csv_bytes(
            '2026-03-02,SO1,1,CU-BJ,P-A,REP,(2),"(1,000.00)",0',
            "2026-03-02,SO1,2,CU-BJ,P-A,REP,1-,50-,0",
        )
    )
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview
    assert sorted(SalesLine.objects.values_list("quantity", "amount")) == [(-2, -1000), (-1, -50)]


def test_decimal_comma_files(company: Company) -> None:
    data = csv_bytes(
        '2026-03-02;SO1;1;CU-BJ;P-A;REP;1;"1.234,56";0', header=HEADER.replace(",", ";")
    )
    assert run_import(data).status == ImportBatch.Status.REJECTED
    batch = run_import(data, options={"decimal_comma": True})
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview
    assert SalesLine.objects.get().amount == Decimal("1234.56")


def test_wan_yuan_columns_are_scaled_exactly(company: Company) -> None:
    batch = run_import(
        csv_bytes(
            "2026-03-02,SO1,1,CU-BJ,P-A,REP,1,1.23456789,0",
            header=HEADER.replace("金额", "金额(万元)"),
        )
    )
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview
    assert SalesLine.objects.get().amount == Decimal("12345.6789")


def test_references_by_code_or_exact_name_and_ambiguous_names(company: Company) -> None:
    Customer.objects.create(
        code="CU-BJ2",
        name="北京客户",
        customer_type=company.customer_type,
        region=company.region_north,
        channel=company.channel,
    )
    batch = run_import(csv_bytes("2026-03-02,SO1,1,北京客户,P-A,REP,1,10,5"))
    assert batch.status == ImportBatch.Status.REJECTED
    assert "对应 2 个客户" in batch.errors_preview[0]["reason"]
    batch = run_import(csv_bytes("2026-03-02,SO1,1,cu-bj,产品A,王小明,1,10,5"))
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview
    line = SalesLine.objects.get()
    assert (line.customer_id, line.product_id, line.person_id) == (
        company.customer_bj.pk,
        company.product_a.pk,
        company.rep.pk,
    )


def test_a_return_without_cost_takes_back_exactly_the_standard_cost(company: Company) -> None:
    company.product_a.standard_cost = Decimal("40.5")
    company.product_a.save()
    batch = run_import(
        csv_bytes(
            "2026-03-02,SO1,1,CU-BJ,P-A,REP,3,300,", "2026-03-05,SO2,1,CU-BJ,P-A,REP,-1,-100,"
        )
    )
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview
    costs = dict(SalesLine.objects.values_list("order_no", "cost"))
    assert costs == {"SO1": Decimal("121.5"), "SO2": Decimal("-40.5")}


def test_snapshots_and_defaults_come_from_master_data(company: Company) -> None:
    company.product_a.standard_cost = Decimal("40.5")
    company.product_a.save()
    batch = run_import(csv_bytes("2026-03-02,SO1,1,CU-BJ,P-A,REP,3,300,", header=HEADER))
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview
    line = SalesLine.objects.get()
    assert line.cost == Decimal("121.5")  # standard cost × quantity
    assert (line.channel_id, line.customer_type_id, line.region_id) == (
        company.channel.pk,
        company.customer_type.pk,
        company.region_north.pk,
    )
    assert line.node_id == company.team_bj.pk
    company.customer_bj.refresh_from_db()
    assert company.customer_bj.first_purchase_on == dt.date(2026, 3, 2)


def test_the_mapping_is_remembered_per_source(company: Company) -> None:
    header = "D,Ref,Cust,Item,Who,N,Value"
    data = csv_bytes("2026-03-02,A1,CU-BJ,P-A,REP,1,10", header=header)
    mapping = {
        "sold_on": "D",
        "order_no": "Ref",
        "customer": "Cust",
        "product": "Item",
        "person": "Who",
        "quantity": "N",
        "amount": "Value",
    }
    from salestarget.importing.services import import_configure

    batch = run_import(data, source="crm", mapping=mapping)
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview
    import_configure(batch=batch, mapping=mapping, options={}, mode="all")
    assert ImportMapping.objects.get(source="crm", kind="sales").mapping["cust"] == "customer"
    suggestion = suggest_mapping(SALES, header.split(","), source="crm")
    assert suggestion.remembered
    assert suggestion.mapping == mapping
    assert "customer" not in suggest_mapping(SALES, header.split(","), source="other").mapping


def test_names_with_full_width_brackets_match_master_data_as_written(company: Company) -> None:
    Customer.objects.filter(pk=company.customer_bj.pk).update(name="甲公司（北京）")
    batch = run_import(csv_bytes("2026-03-02,SO9,1,甲公司（北京）,产品A,王小明,1,10,1"))
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview
    assert SalesLine.objects.get().customer_id == company.customer_bj.pk
