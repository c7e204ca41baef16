"""The errors of an import: one row per bad cell, as the user will read them, and the report
(a CSV Excel opens) that lists them all."""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

import polars as pl
from django.utils.translation import gettext as _

from salestarget.importing.reading import ROW
from salestarget.spreadsheets import frame_text

ERROR_SCHEMA = {"row": pl.Int64, "column": pl.String, "value": pl.String, "reason": pl.String}


class ErrorLog:
    """Collects (row, column as headed in the file, value, reason) column-wise."""

    def __init__(self, labels: dict[str, str]) -> None:
        self.parts: list[pl.DataFrame] = []
        self.labels = labels

    def add(
        self,
        frame: pl.DataFrame,
        field_name: str,
        reason: pl.Expr | str,
        value: pl.Expr | None = None,
    ) -> None:
        reason_expr = pl.lit(reason) if isinstance(reason, str) else reason
        raw = f"raw_{field_name}"
        value_expr = (
            value
            if value is not None
            else (pl.col(raw) if raw in frame.columns else pl.lit(None, pl.String))
        )
        part = frame.select(
            pl.col(ROW).alias("row"),
            pl.lit(self.labels.get(field_name, field_name)).alias("column"),
            value_expr.cast(pl.String).alias("value"),
            reason_expr.cast(pl.String).alias("reason"),
        ).filter(pl.col("reason").is_not_null())
        if part.height:
            self.parts.append(part)

    def frame(self) -> pl.DataFrame:
        if not self.parts:
            return pl.DataFrame(schema=ERROR_SCHEMA)
        return (
            pl.concat(self.parts)
            .unique(["row", "column", "reason"], keep="first", maintain_order=True)
            .sort("row", maintain_order=True)
        )


def errors_frame(messages: list[str]) -> pl.DataFrame:
    """Errors of the file as a whole (no row, no column), one per message."""
    return pl.DataFrame(
        {
            "row": [None] * len(messages),
            "column": [""] * len(messages),
            "value": [""] * len(messages),
            "reason": messages,
        },
        schema=ERROR_SCHEMA,
    )


def error_sentence(error: Mapping[str, Any]) -> str:
    """One error (a row of :class:`ErrorLog`'s frame, as kept in a batch) as a sentence for a
    terminal or a message: where, what was read, why. An error of the whole file has no row
    and no column, and a cell left empty has no value: neither is ever written as ``None``."""
    reason = str(error.get("reason") or "")
    row, column, value = error.get("row"), str(error.get("column") or ""), error.get("value")
    place = []
    if row is not None:
        place.append(_("第 %(row)s 行") % {"row": row})
    if column:
        place.append(column)
        empty = value is None or str(value) == ""
        place.append(_("（空）") if empty else _("「%(value)s」") % {"value": value})
    if not place:
        return reason
    return _("%(place)s：%(reason)s") % {"place": " ".join(place), "reason": reason}


def errors_report(errors: pl.DataFrame) -> bytes:
    """The errors as CSV with translated headings, for Excel (UTF-8 with a BOM)."""
    report = frame_text(errors).select(
        pl.col("row").alias(_("行号")),
        pl.col("column").alias(_("列")),
        pl.col("value").alias(_("值")),
        pl.col("reason").alias(_("原因")),
    )
    buffer = io.BytesIO()
    buffer.write("\ufeff".encode())  # so that Excel opens the Chinese text as UTF-8
    report.write_csv(buffer)
    return buffer.getvalue()
