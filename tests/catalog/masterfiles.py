"""Master-data files for import tests, written the way other systems write them, and a
one-call import (the same service the pages, the command and the API use)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import Workbook

from salestarget.importing.models import ImportBatch
from salestarget.importing.services import batch_import, import_upload
from salestarget.org.scoping import SYSTEM_SCOPE, Scope


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:
    """Uploads and error reports go to a throw-away folder (import this into a test module)."""
    settings.MEDIA_ROOT = tmp_path / "media"


def csv_bytes(header: str, *lines: str, encoding: str = "utf-8") -> bytes:
    return ("\n".join([header, *lines]) + "\n").encode(encoding)


def xlsx_bytes(rows: list[list[Any]], *, merge: list[str] = ()) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for cells in merge:
        sheet.merge_cells(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def master_import(
    data: bytes,
    *,
    kind: str,
    name: str = "file.csv",
    scope: Scope = SYSTEM_SCOPE,
    user: Any = None,
    mode: str = ImportBatch.Mode.ALL_OR_NOTHING,
    options: dict[str, object] | None = None,
    mapping: dict[str, str] | None = None,
    source: str = "file",
    dry_run: bool = False,
) -> ImportBatch:
    batch = import_upload(kind=kind, source=source, file_name=name, data=data, user=user, mode=mode)
    batch.options = options or {}
    if mapping:
        batch.mapping = mapping
    batch.save()
    return batch_import(batch=batch, scope=scope, dry_run=dry_run)


def errors_of(batch: ImportBatch) -> list[tuple[Any, str, Any, str]]:
    return [(e["row"], e["column"], e["value"], e["reason"]) for e in batch.errors_preview]
