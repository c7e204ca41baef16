"""What the admin can take away: the audit trail (CSV or Excel, as filtered on the page) and
all the company's data, one CSV per table in a zip.

Both are written row by row from ``.iterator()`` into a temporary file that spills to disk,
so the memory a download takes stays bounded whatever the company's size. Every text cell
goes through ``spreadsheets.cell_text`` (no formula runs when the file is opened); secrets
(password hashes, token digests, sessions) are never written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import IO, Any

from django.apps import apps
from django.db import models
from openpyxl import Workbook

from salestarget.audit.rows import EntryRow, headers
from salestarget.spreadsheets import cell_text

CHUNK = 2000
SPILL = 32 * 1024 * 1024  # bytes kept in memory before the file moves to disk
SECRET_COLUMNS = {
    ("auth", "user"): {"password"},
    ("org", "apitoken"): {"digest"},
    ("integrations", "grouprobot"): {"secret"},
    ("integrations", "workapp"): {"app_secret"},
    ("integrations", "calendarfeed"): {"digest"},
}
# Tables of other libraries that belong to the company's data (the rest is machinery:
# sessions, migrations, permissions, task queues).
OTHER_TABLES = {("auth", "user"), ("auth", "group"), ("auditlog", "logentry")}


def _spool() -> IO[bytes]:
    return tempfile.SpooledTemporaryFile(max_size=SPILL)  # handed to the response, which closes it


def trail_csv(rows: Iterable[EntryRow]) -> IO[bytes]:
    out = _spool()
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
    writer = csv.writer(text)
    writer.writerow(headers())
    for row in rows:
        writer.writerow([cell_text(c) for c in row.cells()])
    text.flush()
    text.detach()
    out.seek(0)
    return out


def trail_xlsx(rows: Iterable[EntryRow]) -> IO[bytes]:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("audit")
    sheet.append(headers())
    for row in rows:
        sheet.append([cell_text(c) for c in row.cells()])
    out = _spool()
    book.save(out)
    out.seek(0)
    return out


def company_tables() -> list[type[models.Model]]:
    """Every table of the company's data: the project's apps and the users and audit trail."""
    found = []
    for model in apps.get_models():
        meta = model._meta
        ours = meta.app_config is not None and meta.app_config.name.startswith("salestarget.")
        if (ours or (meta.app_label, meta.model_name) in OTHER_TABLES) and not meta.proxy:
            found.append(model)
    return sorted(found, key=lambda m: (m._meta.app_label, m._meta.model_name or ""))


def _columns(model: type[models.Model]) -> list[str]:
    secret = SECRET_COLUMNS.get((model._meta.app_label, model._meta.model_name or ""), set())
    return [f.attname for f in model._meta.concrete_fields if f.name not in secret]


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        return cell_text(json.dumps(value, ensure_ascii=False))
    if isinstance(value, (Decimal, int, float, bool)):
        return value
    return cell_text(str(value))


def _rows(model: type[models.Model], columns: list[str]) -> Iterator[tuple[Any, ...]]:
    qs = model._default_manager.order_by("pk").values_list(*columns)
    yield from qs.iterator(chunk_size=CHUNK)


def company_zip() -> IO[bytes]:
    """All the company's data: ``<app>.<table>.csv`` per table, UTF-8 with a BOM for Excel."""
    out = _spool()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for model in company_tables():
            columns = _columns(model)
            name = f"{model._meta.app_label}.{model._meta.model_name}.csv"
            with archive.open(name, "w", force_zip64=True) as member:
                text = io.TextIOWrapper(member, encoding="utf-8-sig", newline="")
                writer = csv.writer(text)
                writer.writerow(columns)
                for row in _rows(model, columns):
                    writer.writerow([_cell(v) for v in row])
                text.flush()
                text.detach()
    out.seek(0)
    return out
