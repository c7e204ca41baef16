"""``salestarget import --create-new``: a new company's first sales file from the terminal,
making the customers and products it names — for this file, not remembered for the source."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from salestarget.actuals.models import SalesLine
from salestarget.catalog.models import Customer, Product
from salestarget.importing.models import ImportMapping
from tests.actuals.files import csv_bytes
from tests.actuals.test_import_new_records import KINGDEE, LINES
from tests.personas import Company


def test_the_command_makes_the_new_customers_and_products_when_asked(
    company: Company, tmp_path: Path
) -> None:
    path = tmp_path / "kingdee.csv"
    path.write_bytes(csv_bytes(*LINES, header=KINGDEE))
    with pytest.raises(CommandError, match="未写入任何数据"):
        call_command("import", str(path), "--source", "kingdee", "--no-progress", stdout=StringIO())
    assert not SalesLine.objects.exists()

    out = StringIO()
    call_command(
        "import", str(path), "--source", "kingdee", "--create-new", "--no-progress", stdout=out
    )
    assert "新建了 2 个客户" in out.getvalue()
    assert SalesLine.objects.count() == 5
    assert Customer.objects.filter(created_batch__isnull=False).count() == 2
    assert Product.objects.filter(created_batch__isnull=False).count() == 2
    assert "create_new" not in ImportMapping.objects.get(source="kingdee").options
