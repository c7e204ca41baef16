"""A corpus of bad files, generated here, through ``salestarget import`` and through the import
pages: each gets a clear error naming what is wrong — never a traceback or a 500 — and writes
nothing in all-or-nothing mode; the files that only look odd (full-width digits in every
numeric column of every kind, GB18030, a BOM) import exactly."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import models
from django.test import Client
from django.urls import reverse

from salestarget.actuals.models import (
    Expense,
    MarketSize,
    Opportunity,
    Payment,
    PersonDaily,
    SalesLine,
    SalesMonthly,
    SurveyResponse,
)
from salestarget.catalog.models import Product
from salestarget.importing.kinds import kind_spec
from salestarget.importing.mapping import suggest_mapping
from salestarget.importing.models import ImportBatch
from salestarget.importing.services import batch_table
from tests.personas import Company

FULL_WIDTH = str.maketrans("0123456789.,-", "０１２３４５６７８９．，－")
SALES_HEADER = "日期,订单号,行号,客户编码,产品编码,销售人员,数量,金额,成本"
WRITTEN: tuple[type[models.Model], ...] = (
    SalesLine,
    SalesMonthly,
    PersonDaily,
    Expense,
    Payment,
    Opportunity,
    SurveyResponse,
    MarketSize,
)


def _csv(header: str, *rows: str, encoding: str = "utf-8") -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode(encoding)


def _wide(cells: list[str], typed: set[int]) -> str:
    """The row with the cells at ``typed`` (numbers and dates) in full-width characters."""
    return ",".join(
        f'"{c.translate(FULL_WIDTH)}"' if i in typed else c for i, c in enumerate(cells)
    )


@dataclass(frozen=True)
class Good:
    """A file of ``kind`` that must import, and where its typed values land."""

    name: str
    kind: str
    data: bytes
    model: type[models.Model]
    values: dict[str, Decimal]


def _full_width_files() -> list[Good]:
    """Every numeric column of every kind, its digits, separators and signs full-width."""
    return [
        Good(
            "sales",
            "sales",
            _csv(
                SALES_HEADER,
                _wide(
                    ["2026-03-02", "SO1", "1", "CU-BJ", "P-A", "REP", "2", "1,234.5678", "100"],
                    {0, 6, 7, 8},
                ),
            ),
            SalesLine,
            {"quantity": Decimal(2), "amount": Decimal("1234.5678"), "cost": Decimal(100)},
        ),
        Good(
            "expense",
            "expense",
            _csv(
                "报销日期,报销人,费用类别,报销金额",
                _wide(["2026-03-02", "REP", "差旅", "120.5"], {0, 3}),
            ),
            Expense,
            {"amount": Decimal("120.5")},
        ),
        Good(
            "payment",
            "payment",
            _csv("收款日期,客户名称,回款金额", _wide(["2026-03-02", "CU-SH", "5,000.25"], {0, 2})),
            Payment,
            {"amount": Decimal("5000.25")},
        ),
        Good(
            "opportunity",
            "opportunity",
            _csv(
                "商机编号,商机名称,客户,销售人员,预计金额,创建日期,关闭日期,阶段",
                _wide(
                    ["O1", "大单", "CU-BJ", "REP", "50,000", "2026-01-05", "2026-03-02", "赢单"],
                    {4, 5, 6},
                ),
            ),
            Opportunity,
            {"amount": Decimal(50000)},
        ),
        Good(
            "survey",
            "survey",
            _csv("回访日期,客户,满意度", _wide(["2026-03-02", "CU-BJ", "4.5"], {0, 2})),
            SurveyResponse,
            {"score": Decimal("4.5")},
        ),
        Good(
            "market_size",
            "market_size",
            _csv("区域,月份,市场容量(万元)", _wide(["华北", "2026-03", "120"], {1, 2})),
            MarketSize,
            {"amount": Decimal(1_200_000)},
        ),
        Good(
            "products",
            "products",
            _csv(
                "产品编码,产品名称,标准单价,标准成本",
                _wide(["P-FW", "全角", "99.5", "12.25"], {2, 3}),
            ),
            Product,
            {"list_price": Decimal("99.5"), "standard_cost": Decimal("12.25")},
        ),
    ]


GOOD_LINE = "2026-03-02,SO1,1,CU-BJ,P-A,REP,2,200.50,100"
ENCODED = [
    Good(
        "gb18030",
        "sales",
        _csv(SALES_HEADER, GOOD_LINE, encoding="gb18030"),
        SalesLine,
        {"amount": Decimal("200.5")},
    ),
    Good(
        "bom",
        "sales",
        b"\xef\xbb\xbf" + _csv(SALES_HEADER, GOOD_LINE),
        SalesLine,
        {"amount": Decimal("200.5")},
    ),
]


@dataclass(frozen=True)
class Bad:
    """A file refused whole or by row; ``says`` is in the message or an error's reason."""

    name: str
    data: bytes
    says: str
    kind: str = "sales"
    file_name: str = "bad.csv"
    page_says: str = ""  # the pages' own words, where the upload form refuses the file


BAD = [
    Bad("future date", _csv(SALES_HEADER, "2099-01-01,SO1,1,CU-BJ,P-A,REP,1,10,5"), "在未来"),
    Bad(
        "impossible date", _csv(SALES_HEADER, "2025-02-30,SO1,1,CU-BJ,P-A,REP,1,10,5"), "日期不存在"
    ),
    Bad("binary", bytes(range(256)) * 8, "二进制数据"),
    Bad("binary xlsx", b"PK\x03\x04" + bytes(range(256)), "Excel", file_name="bad.xlsx"),
    Bad("empty", b"", "文件是空的", page_says="所提交的是空文件"),
    Bad("header only", _csv(SALES_HEADER), "只有表头"),
    Bad(
        "duplicate ids",
        _csv(
            "外部编号," + SALES_HEADER,
            "L1," + GOOD_LINE,
            "L1,2026-03-03,SO2,1,CU-BJ,P-A,REP,1,10,5",
        ),
        "外部编号“L1”在文件中重复（与第 2 行相同）",
    ),
    Bad(
        "duplicate codes",
        _csv("产品编码,产品名称", "P-DUP,甲", "P-DUP,乙"),
        "在文件中重复（与第 2 行相同）",
        kind="products",
    ),
    Bad(
        "gb18030 with an unknown product",
        _csv(
            SALES_HEADER, "2026-03-02,SO1,1,CU-BJ,产品乙不存在,REP,2,200.50,100", encoding="gb18030"
        ),
        "找不到产品“产品乙不存在”",
    ),
    Bad(
        "bom with a bad quantity",
        b"\xef\xbb\xbf" + _csv(SALES_HEADER, "2026-03-02,SO1,1,CU-BJ,P-A,REP,两个,200,100"),
        "不是数字",
    ),
]


def _written() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in WRITTEN} | {"Product": Product.objects.count()}


# --- the command line -----------------------------------------------------------------------


def _cli(tmp_path: Path, name: str, data: bytes, kind: str, file_name: str, out: StringIO) -> None:
    path = tmp_path / name.replace(" ", "-") / file_name
    path.parent.mkdir()
    path.write_bytes(data)
    call_command("import", str(path), "--kind", kind, "--no-progress", stdout=out, stderr=out)


@pytest.mark.parametrize("good", [*_full_width_files(), *ENCODED], ids=lambda g: g.name)
def test_odd_but_good_files_import_exactly_through_the_command(
    company: Company, tmp_path: Path, good: Good
) -> None:
    out = StringIO()
    _cli(tmp_path, good.name, good.data, good.kind, f"{good.name}.csv", out)
    assert "新增 1" in out.getvalue()
    stored = good.model.objects.order_by("-pk").values(*good.values).first()
    assert stored == good.values


@pytest.mark.parametrize("bad", BAD, ids=lambda b: b.name)
def test_bad_files_are_refused_by_the_command_with_a_clear_error(
    company: Company, tmp_path: Path, bad: Bad
) -> None:
    before = _written()
    out = StringIO()
    # Only CommandError may leave the command: Django prints it as one line, no traceback.
    with pytest.raises(CommandError) as refused:
        _cli(tmp_path, bad.name, bad.data, bad.kind, bad.file_name, out)
    assert bad.says in f"{refused.value}\n{out.getvalue()}"
    assert "Traceback" not in out.getvalue()
    assert _written() == before


# --- the pages ------------------------------------------------------------------------------


def _upload(client: Client, kind: str, name: str, data: bytes) -> ImportBatch | str:
    """Upload on the kind's page and import with the suggested mapping, all or nothing; the
    batch, or the page's text when the file was refused before a batch could run."""
    page = "catalog:import" if not kind_spec(kind).is_fact else "actuals:import_upload"
    resp = client.post(
        reverse(page), {"kind": kind, "source": "web", "file": SimpleUploadedFile(name, data)}
    )
    if resp.status_code == 200:  # refused by the upload form, which says why
        return resp.content.decode()
    assert resp.status_code == 302
    mapping_page = client.get(resp["Location"], follow=True)
    assert mapping_page.status_code == 200
    batch = ImportBatch.objects.order_by("-pk").first()
    assert batch is not None
    if "mapping-form" not in mapping_page.content.decode():
        return mapping_page.content.decode()  # refused whole, the page says why
    headers = batch_table(batch, max_rows=20).headers
    mapping = suggest_mapping(kind_spec(kind), headers).mapping
    by_header = {h: f for f, h in mapping.items()}
    post = {f"col_{i}": by_header.get(h, "") for i, h in enumerate(headers)}
    run = client.post(
        resp["Location"], post | {"mode": "all", "date_order": "", "action": "import"}
    )
    assert run.status_code == 302
    detail = client.get(run["Location"])
    assert detail.status_code == 200
    batch.refresh_from_db()
    return batch


@pytest.mark.parametrize("good", [*_full_width_files(), *ENCODED], ids=lambda g: g.name)
def test_odd_but_good_files_import_exactly_through_the_pages(
    login, company: Company, good: Good
) -> None:
    batch = _upload(login(company.admin), good.kind, f"{good.name}.csv", good.data)
    assert isinstance(batch, ImportBatch)
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview
    stored = good.model.objects.order_by("-pk").values(*good.values).first()
    assert stored == good.values


@pytest.mark.parametrize("bad", BAD, ids=lambda b: b.name)
def test_bad_files_are_refused_by_the_pages_with_a_clear_error(
    login, company: Company, bad: Bad
) -> None:
    before = _written()
    client = login(company.admin)
    result = _upload(client, bad.kind, bad.file_name, bad.data)
    if isinstance(result, ImportBatch):
        assert result.status == ImportBatch.Status.REJECTED
        detail = client.get(reverse("actuals:import_detail", args=[result.pk])).content.decode()
        shown = detail + result.message + str(result.errors_preview)
    else:
        shown = result
    assert (bad.page_says or bad.says) in shown
    assert _written() == before
