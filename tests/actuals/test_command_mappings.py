"""``salestarget import`` remembers a source's mapping like the mapping page does: the second
file from the same system needs no ``--mapping``, and the output says which mapping it used."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from salestarget.actuals.models import SalesLine
from salestarget.importing.models import ImportMapping
from tests.actuals.files import csv_bytes
from tests.personas import Company

HEADER = "When,Ref,Cust,Prod,Seller,N,Money"
MAPPING = (
    "When=sold_on",
    "Ref=order_no",
    "Cust=customer",
    "Prod=product",
    "Seller=person",
    "N=quantity",
    "Money=amount",
)


def _run(path: Path, *args: str, source: str = "shopify") -> str:
    out = StringIO()
    call_command("import", str(path), "--source", source, "--no-progress", *args, stdout=out)
    return out.getvalue()


def test_the_second_import_from_a_source_uses_the_remembered_mapping(
    company: Company, tmp_path: Path
) -> None:
    first = tmp_path / "march.csv"
    first.write_bytes(csv_bytes("2026-03-02,X1,CU-BJ,P-A,REP,1,10", header=HEADER))
    out = _run(first, "--mapping", *MAPPING)
    assert "已为来源“shopify”记住列映射" in out
    assert ImportMapping.objects.get(source="shopify", kind="sales").mapping["n"] == "quantity"

    second = tmp_path / "april.csv"
    second.write_bytes(csv_bytes("2026-04-01,X2,CU-BJ,P-A,REP,3,30", header=HEADER))
    out = _run(second)
    assert "使用来源“shopify”记住的列映射（销售明细）" in out
    assert "新增 1" in out
    assert SalesLine.objects.get(order_no="X2").quantity == 3


def test_another_source_does_not_borrow_the_mapping(company: Company, tmp_path: Path) -> None:
    path = tmp_path / "march.csv"
    path.write_bytes(csv_bytes("2026-03-02,X1,CU-BJ,P-A,REP,1,10", header=HEADER))
    _run(path, "--mapping", *MAPPING)
    out = StringIO()
    with pytest.raises(CommandError, match="已拒绝"):
        call_command("import", str(path), "--source", "other-shop", "--no-progress", stdout=out)
    assert "记住的列映射" not in out.getvalue()
    assert SalesLine.objects.count() == 1
