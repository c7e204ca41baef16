"""Small files for import tests, written the way other systems write them."""

from __future__ import annotations

import io

from openpyxl import Workbook

from salestarget.importing.models import ImportBatch
from salestarget.importing.services import batch_import, import_upload
from salestarget.org.scoping import SYSTEM_SCOPE

HEADER = "日期,订单号,行号,客户编码,产品编码,销售人员,数量,金额,成本"


def csv_bytes(*lines: str, header: str = HEADER, encoding: str = "utf-8") -> bytes:
    return ("\n".join([header, *lines]) + "\n").encode(encoding)


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def run_import(
    data: bytes,
    *,
    kind: str = "sales",
    source: str = "erp",
    name: str = "sales.csv",
    mode: str = ImportBatch.Mode.ALL_OR_NOTHING,
    mapping: dict[str, str] | None = None,
    options: dict[str, object] | None = None,
    dry_run: bool = False,
) -> ImportBatch:
    batch = import_upload(kind=kind, source=source, file_name=name, data=data, user=None, mode=mode)
    if mapping:
        batch.mapping = mapping
    if options:
        batch.options = options
    batch.save()
    return batch_import(batch=batch, scope=SYSTEM_SCOPE, dry_run=dry_run)
