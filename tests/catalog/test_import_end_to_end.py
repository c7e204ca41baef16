"""A company that starts empty loads its own files — org chart, staff, products, customers —
with ``salestarget import``, and then its sales import cleanly against that master data."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from salestarget.actuals.models import SalesLine
from salestarget.catalog.models import Customer, Product, Region
from salestarget.org.models import CompanySettings, OrgNode, Person
from tests.browser import compile_messages
from tests.catalog.masterfiles import _media, csv_bytes, xlsx_bytes  # noqa: F401


def run(path: Path, kind: str, *extra: str) -> str:
    """The command as a company abroad runs it, in English (``LANG=en_US.UTF-8``)."""
    compile_messages()
    out = StringIO()
    with translation.override("en"):
        call_command("import", str(path), "--kind", kind, "--no-progress", *extra, stdout=out)
    return out.getvalue()


def test_a_new_company_loads_master_data_then_sales(db: None, tmp_path: Path) -> None:
    org = tmp_path / "组织架构.csv"
    org.write_bytes(
        csv_bytes(
            "部门编码,部门名称,上级部门",
            "S-N1,North Team 1,S-NORTH",
            "S-NORTH,North Region,ACME",
            "ACME,Acme China,",
            encoding="gb18030",
        )
    )
    assert "inserted 3" in run(org, "org-nodes")

    staff = tmp_path / "staff.xlsx"
    staff.write_bytes(
        xlsx_bytes(
            [
                ["Employee ID", "Name", "Team", "Role", "Start Date", "Email"],
                ["A-7", "Wang Wei", "North Team 1", "Sales Rep", "2023-02-01", "wang.wei@acme.cn"],
                ["A-3", "Li Na", "North Region", "Sales Manager", "2021-06-15", "li.na@acme.cn"],
            ]
        )
    )
    assert "inserted 2" in run(staff, "people")

    products = tmp_path / "items.csv"
    products.write_bytes(
        csv_bytes(
            "Item Code,Product Name,Category,Product Line,Unit,List Price,Cost",
            'SKU-1,Desk Lamp,Home,Lighting,pcs,"1,299.00",640.2500',
            "SKU-2,Floor Lamp,Home,Lighting,pcs,2499,1300",
        )
    )
    assert "inserted 2" in run(products, "products")

    accounts = tmp_path / "accounts.csv"
    accounts.write_bytes(
        csv_bytes(
            "Account Number,Account Name,Segment,Billing City,Account Owner",
            "ACC-1,Beijing Hualian,Enterprise,Beijing,Wang Wei",
            "ACC-2,Tianjin Port,SMB,Tianjin,A-7",
        )
    )
    with pytest.raises(CommandError, match="rejected"):
        run(accounts, "customers")  # segments, cities and channels nobody has yet
    assert "inserted 2" in run(accounts, "customers", "--create-missing")
    assert Region.objects.filter(level="city").count() == 2

    sales = tmp_path / "orders.csv"
    sales.write_bytes(
        csv_bytes(
            "Order Date,Order No,Customer,Product,Sales Rep,Qty,Net Sales",
            "2026-03-02,SO-1,Beijing Hualian,SKU-1,Wang Wei,2,2598.00",
            "2026-03-03,SO-2,ACC-2,Floor Lamp,A-7,1,2499",
        )
    )
    out = run(sales, "sales", "--source", "erp")
    assert "inserted 2" in out, out
    team = OrgNode.objects.get(code="S-N1")
    assert set(SalesLine.objects.values_list("node_id", flat=True)) == {team.pk}
    first = SalesLine.objects.get(order_no="SO-1")
    assert first.cost == Decimal("1280.5")  # the standard cost from the product list × 2
    assert Customer.objects.get(code="ACC-1").first_purchase_on.isoformat() == "2026-03-02"
    assert Person.objects.get(employee_no="A-3").role == "manager"
    assert Product.objects.get(code="SKU-1").line.category.name == "Home"


def test_a_us_company_loads_what_its_hr_system_and_crm_export(db: None, tmp_path: Path) -> None:
    """Headers, titles and formats nobody here chose: "Unit Code", "Account Executive",
    a product line without a category, dollars with ($…) returns, month-first dates."""
    settings = CompanySettings.current()
    settings.currency = "USD"
    settings.save()
    files = {
        "org-nodes": (
            "Unit Code,Unit Name,Parent Unit,Level",
            "HQ,Acme Corp,,Company",
            "EAST,East Region,HQ,Region",
            "NYC,New York Team,EAST,Team",
        ),
        "people": (
            "Employee ID,Full Name,Email,Team,Title,Start Date",
            "A100,Jane Miller,jane@acme.test,HQ,Head of Sales,01/15/2020",
            "A101,Tom Baker,tom@acme.test,EAST,Regional Manager,03/01/2021",
            "A102,Ana Lopez,ana@acme.test,NYC,Account Executive,06/15/2022",
        ),
        "products": (
            "SKU,Product Name,Product Line,Unit Cost",
            "WID-100,Widget Basic,Widgets,$12.50",
            "WID-200,Widget Pro,Widgets,$30.00",
        ),
        "customers": (
            "Account ID,Account Name,Segment,Territory,Channel,Account Owner",
            "C-001,Globex Inc.,Enterprise,New York,Direct,A102",
        ),
        "sales": (
            "Invoice Date,Invoice #,Line,Account ID,SKU,Rep ID,Qty,Net Amount,Currency",
            '11/03/2026,INV-9001,1,C-001,WID-100,A102,10,"$1,250.00",USD',
            "11/14/2026,INV-9002,1,C-001,WID-200,A102,5,$2750.50,USD",
            "11/20/2026,INV-9003,1,C-001,WID-200,A102,-1,($550.10),USD",
        ),
    }
    for kind, lines in files.items():
        path = tmp_path / f"{kind}.csv"
        path.write_bytes(csv_bytes(*lines))
        extra = ["--create-missing"] if kind == "customers" else []
        assert f"inserted {len(lines) - 1}" in run(path, kind, *extra), kind
    roles = dict(Person.objects.values_list("employee_no", "role"))
    assert roles == {"A100": "executive", "A101": "manager", "A102": "rep"}
    widget = Product.objects.select_related("line__category").get(code="WID-200")
    assert (widget.line.name, widget.line.category.name) == ("Widgets", "Widgets")
    lines = {
        s.order_no: (s.sold_on.isoformat(), s.quantity, s.amount, s.cost)
        for s in SalesLine.objects.all()
    }
    assert lines == {
        "INV-9001": ("2026-11-03", 10, Decimal("1250"), Decimal("125")),
        "INV-9002": ("2026-11-14", 5, Decimal("2750.5"), Decimal("150")),
        "INV-9003": ("2026-11-20", -1, Decimal("-550.1"), Decimal("-30")),
    }


def test_the_command_names_the_errors_of_a_bad_master_file(db: None, tmp_path: Path) -> None:
    path = tmp_path / "regions.csv"
    path.write_bytes(csv_bytes("区域编码,区域名称,上级区域", "A,甲,B", "B,乙,A"))
    out = StringIO()
    with pytest.raises(CommandError, match="已拒绝，未写入任何数据"):
        call_command("import", str(path), "--kind", "regions", "--no-progress", stdout=out)
    assert "第 2 行 上级区域 「B」：上级关系形成循环：A → B → A" in out.getvalue()
    assert not Region.objects.exists()
