"""The one check of a column mapping every kind runs first, and a file refused whole."""

from __future__ import annotations

import polars as pl
from django.utils.translation import gettext as _

from salestarget.importing.errors import errors_frame
from salestarget.importing.kinds import MONEY, KindSpec, Options, Prepared
from salestarget.importing.mapping import header_unit
from salestarget.importing.normalise import CURRENCY_MARKS, LOOSE_MARKS
from salestarget.importing.reading import ROW, Table
from salestarget.wording import series


def rejected_rows() -> pl.DataFrame:
    """The rows of a file refused whole: none."""
    return pl.DataFrame(schema={ROW: pl.Int64})


def check_mapping(
    kind: KindSpec, table: Table, mapping: dict[str, str], options: Options
) -> list[str]:
    """What is wrong with the mapping as a whole (the file is then refused before any row is
    read): columns the file lacks, a column mapped twice, required fields without a column,
    the kind's own rule (``KindSpec.mapping_check``), a money column in another currency."""
    problems: list[str] = []
    missing_headers = [h for h in mapping.values() if h not in table.frame.columns]
    if missing_headers:
        problems.append(_("映射中的列在文件中不存在：%(cols)s") % {"cols": series(missing_headers)})
    used: dict[str, str] = {}
    for f, h in mapping.items():
        if h in used:
            problems.append(
                _("列“%(col)s”同时映射到了“%(a)s”和“%(b)s”")
                % {"col": h, "a": kind.field(used[h]).label, "b": kind.field(f).label}
            )
        used[h] = f
    required = [f for f in kind.fields if f.required and f.name not in mapping]
    if kind.mapping_check is not None:
        problems.extend(kind.mapping_check(mapping))
    if required:
        problems.append(
            _("缺少必需的列：%(fields)s。文件中的列：%(headers)s")
            % {
                "fields": series(str(f.label) for f in required),
                "headers": series(table.headers) or "-",
            }
        )
    for f, h in mapping.items():
        unit = header_unit(h).upper().replace(" ", "")
        if kind.field(f).type == MONEY and unit in CURRENCY_MARKS:
            code = CURRENCY_MARKS[unit]
            loose = options.currency in LOOSE_MARKS.get(unit, set())
            if code != options.currency and not loose:
                problems.append(
                    _(
                        "列“%(col)s”的币种是 %(code)s，与公司币种 %(currency)s 不一致；系统不做汇率换算"
                    )
                    % {"col": h, "code": code, "currency": options.currency}
                )
    return problems


def refused(kind: KindSpec, table: Table, file_errors: list[str]) -> Prepared:
    """A file refused whole for ``file_errors``: no rows, one error per problem."""
    return Prepared(
        kind, rejected_rows(), errors_frame(file_errors), file_errors, table.skipped_rows
    )
