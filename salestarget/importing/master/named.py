"""Codes from names: a master-data file with names and no code column (a small company's
customer or department list) still imports, each record keyed by its name.

The file's name column stands in for the code column: a name already stored takes its
record's code, so the import updates that record (a customer made with code C001 and now
listed by name alone is not made twice); a new name becomes its own code. A name that more
than one stored record carries is refused: the file cannot say which one it means.
"""

from __future__ import annotations

from dataclasses import replace

import polars as pl
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from salestarget.importing.errors import ErrorLog
from salestarget.importing.normalise import text
from salestarget.importing.reading import Table

NAMES_RULE = gettext_lazy(
    "文件没有编码列时按名称识别：已有同名记录的沿用其编码并被更新，新名称即作为编码。"
)
CODE = "code"
NAME = "name"


def code_column(name_header: str) -> str:
    """The heading of the code column a name column stands in for."""
    return _("%(name)s（作编码）") % {"name": name_header}


def names_as_codes(
    table: Table, mapping: dict[str, str], model: type[models.Model] | None
) -> tuple[Table, dict[str, str], type[models.Model] | None]:
    """``table`` with a code column copied from its names, the mapping naming it, and the model
    whose stored names give codes — when the kind allows it (``model`` given), the file maps a
    name column and no code column; else all three as they were, and no model."""
    if model is None or CODE in mapping or NAME not in mapping:
        return table, mapping, None
    header = code_column(mapping[NAME])
    frame = table.frame.with_columns(pl.col(mapping[NAME]).alias(header))
    table = replace(table, frame=frame, headers=[*table.headers, header])
    return table, {**mapping, CODE: header}, model


def codes_of_stored_names(
    df: pl.DataFrame, model: type[models.Model], errors: ErrorLog
) -> pl.DataFrame:
    """``v_code`` of each row: its stored record's code when a record carries its name, else
    the name; a name carried by several stored records is an error on the code column."""
    stored = pl.DataFrame(
        list(model._default_manager.values_list(NAME, CODE)),
        schema={"_name": pl.String, "_code": pl.String},
        orient="row",
    )
    by_name = (
        stored.with_columns(text(pl.col("_name")).alias("_name"))
        .group_by("_name")
        .agg(pl.col("_code").first(), pl.col("_code").sort().str.join("、").alias("_codes"))
        .with_columns(pl.col("_codes").str.count_matches("、").add(1).alias("_n"))
    )
    df = df.with_columns(text(pl.col(f"v_{CODE}")).alias("_name")).join(
        by_name, on="_name", how="left", maintain_order="left"
    )
    errors.add(
        df,
        CODE,
        pl.when(pl.col("_n") > 1)
        .then(
            pl.format(
                _("名称“{}”对应多个已有记录（编码 {}），请在文件中加上编码列"),
                pl.col(f"v_{CODE}"),
                pl.col("_codes"),
            )
        )
        .otherwise(None),
    )
    code = pl.when(pl.col("_n") == 1).then(pl.col("_code")).otherwise(pl.col(f"v_{CODE}"))
    return df.with_columns(code.alias(f"v_{CODE}")).drop("_name", "_code", "_codes", "_n")
