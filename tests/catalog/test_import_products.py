"""Product lists: an Excel sheet with a merged title row, blank lines and prices written with
¥, thousands separators and four decimals; categories and lines made from their names."""

from __future__ import annotations

from decimal import Decimal

from salestarget.catalog.models import Product, ProductCategory, ProductLine
from tests.catalog.masterfiles import _media, csv_bytes, errors_of, master_import, xlsx_bytes  # noqa: F401
from tests.personas import Company

SHEET = [
    ["2026 年产品价目表", None, None, None, None, None, None],
    [None] * 7,
    ["物料编码", "品名", "大类", "系列", "计量单位", "单价", "成本"],
    ["M-001", "激光打印机 M1", "办公设备", "打印机", "台", "¥2,999.5000", "¥1,850.1234"],
    [None] * 7,
    ["M-002", "墨盒（黑）", "耗材", "墨盒", "个", "¥89.90", "32.5"],
    ["M-003", "A4 复印纸", "耗材", None, "箱", "￥ 1,200", "980"],
    [None, None, None, None, None, None, None],
]


def test_an_excel_price_list_with_a_title_and_blank_lines_creates_categories_and_lines(
    company: Company,
) -> None:
    data = xlsx_bytes(SHEET, merge=["A1:G1"])
    batch = master_import(data, kind="products", name="价目表.xlsx")
    assert batch.status == "done", errors_of(batch)
    assert batch.mapping == {
        "code": "物料编码",
        "name": "品名",
        "category": "大类",
        "line": "系列",
        "unit": "计量单位",
        "list_price": "单价",
        "standard_cost": "成本",
    }
    printer = Product.objects.select_related("line__category").get(code="M-001")
    assert (printer.line.name, printer.line.category.name) == ("打印机", "办公设备")
    assert printer.line == ProductLine.objects.get(code="L1")  # 办公设备/打印机 existed
    assert (printer.list_price, printer.standard_cost) == (Decimal("2999.5"), Decimal("1850.1234"))
    ink = Product.objects.select_related("line__category").get(code="M-002")
    assert ink.name == "墨盒（黑）"
    assert (ink.line.name, ink.line.category.name, ink.unit) == ("墨盒", "耗材", "个")
    paper = Product.objects.select_related("line__category").get(code="M-003")
    # A category without a line: the line of the category's own name.
    assert (paper.line.name, paper.line.category.name) == ("耗材", "耗材")
    assert paper.list_price == Decimal(1200)
    assert ProductCategory.objects.filter(name="耗材").count() == 1
    assert ProductLine.objects.filter(category__name="耗材").count() == 2


def test_a_list_without_categories_goes_to_uncategorised_and_an_update_keeps_the_line(
    company: Company,
) -> None:
    batch = master_import(
        csv_bytes("SKU,Product Name,Price", "X1,Widget,12.5", "P-A,产品A（改名）,120"),
        kind="products",
    )
    assert batch.status == "done", errors_of(batch)
    assert Product.objects.get(code="X1").line.category.name == "未分类"
    renamed = Product.objects.get(code="P-A")
    assert (renamed.name, renamed.line.code, renamed.list_price) == ("产品A（改名）", "L1", 120)
    assert (batch.rows_inserted, batch.rows_updated) == (1, 1)


def test_bad_prices_and_a_line_of_another_category_are_named(company: Company) -> None:
    batch = master_import(
        csv_bytes(
            "产品编码,产品名称,产品大类,产品线,标准单价,标准成本",
            "N1,新品一,办公设备,打印机,-5,1",
            "N2,新品二,办公设备,打印机,1.23456,1",
            "N3,新品三,耗材,L1,10,1",
            "N4,新品四,办公设备,打印机,US$10,1",
        ),
        kind="products",
    )
    assert batch.status == "rejected"
    assert errors_of(batch) == [
        (2, "标准单价", "-5", "不能为负数。"),
        (3, "标准单价", "1.23456", "有 5 位小数，最多 4 位；系统不会自动四舍五入"),
        (4, "产品线", "L1", "产品线“L1”属于另一个产品大类，与本行的产品大类“耗材”不一致"),
        (5, "标准单价", "US$10", "货币符号“US$”是 USD，与公司币种 CNY 不一致；系统不做汇率换算"),
    ]
    assert not Product.objects.filter(code__startswith="N").exists()
    assert not ProductCategory.objects.filter(name="耗材").exists()


def test_reimporting_prices_updates_them_and_counts_the_unchanged(company: Company) -> None:
    header = "产品编码,产品名称,产品大类,产品线,标准单价"
    master_import(
        csv_bytes(header, "N1,新品一,办公设备,打印机,10", "N2,新品二,办公设备,打印机,20"),
        kind="products",
    )
    again = master_import(
        csv_bytes(header, "N1,新品一,办公设备,打印机,10", 'N2,新品二,办公设备,打印机,"1,020.0001"'),
        kind="products",
    )
    assert (again.rows_inserted, again.rows_updated, again.rows_unchanged) == (0, 1, 1)
    assert Product.objects.get(code="N2").list_price == Decimal("1020.0001")
