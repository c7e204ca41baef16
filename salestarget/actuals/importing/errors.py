"""The errors of an import: one row per bad cell, as the user will read them."""

from __future__ import annotations

import polars as pl

from salestarget.actuals.importing.reading import ROW

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
