# ruff: noqa: N999  (the command is called `import`)
"""``salestarget import FILE --kind sales --source erp``: import a CSV or Excel file of facts,
or of master data (``--kind customers|products|regions|customer-types|channels|org-nodes|people``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from tqdm import tqdm

from salestarget.actuals.importing.crediting import (
    credit_options,
    credit_pairs,
    credit_remembered,
)
from salestarget.importing.errors import error_sentence
from salestarget.importing.kinds import kind_spec, kinds_registered
from salestarget.importing.lease import batches_recover
from salestarget.importing.mapping import mapping_remember, suggest_mapping
from salestarget.importing.models import ImportBatch
from salestarget.importing.reading import TableError, read_table
from salestarget.importing.services import batch_import
from salestarget.org.scoping import SYSTEM_SCOPE


class Command(BaseCommand):
    help = (
        "Import a CSV or Excel file of facts (sales lines, expenses, payments, opportunities, "
        "surveys, market sizes) or of master data (customers, products, regions, customer "
        "types, channels, org nodes, people: upserted by code). All-or-nothing unless "
        "--good-rows-only. Exit status 1 when the file is rejected; the error report's path "
        "is printed."
    )
    # Django's checks would load the URLs, every view and the API's schemas (most of a
    # small import's time); `salestarget check` and the server run them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument(
            "--kind",
            default="sales",
            choices=[*sorted(kinds_registered(facts=True)), *kinds_registered(facts=False)],
        )
        parser.add_argument("--source", default="file", help="the system the file comes from")
        parser.add_argument(
            "--mapping",
            nargs="*",
            default=[],
            metavar="COLUMN=FIELD",
            help="map a file column to a field, e.g. 'Net Sales=amount' (others are suggested)",
        )
        parser.add_argument("--good-rows-only", action="store_true")
        parser.add_argument("--dry-run", action="store_true", help="validate only")
        parser.add_argument("--date-order", choices=["mdy", "dmy"], default="")
        parser.add_argument("--decimal-comma", action="store_true")
        parser.add_argument(
            "--create-missing",
            action="store_true",
            help="customers: create the customer types, regions and channels the file names; "
            "facts: start a person's first membership on their earliest fact (old history)",
        )
        parser.add_argument(
            "--create-new",
            action="store_true",
            help="sales: create the customers and products the file names and nobody has yet "
            "(code: the customer/product column; name: the name column, else the code)",
        )
        parser.add_argument(
            "--credit",
            choices=["owner", "dimension", "default"],
            help="sales without a salesperson (no column, or an empty cell): credit the "
            "customer's owner, a person or team by --credit-by/--credit-map, or "
            "--credit-default; remembered for the source",
        )
        parser.add_argument(
            "--credit-by",
            choices=["region", "customer_type", "channel"],
            default="region",
            help="the dimension --credit-map names (default: region)",
        )
        parser.add_argument(
            "--credit-map",
            nargs="*",
            default=[],
            metavar="VALUE=WHO",
            help="e.g. 'West=E001' 'East=TEAM-E': a person (employee no. or name) or an org "
            "node (its manager on the sale date); a region covers the regions below it",
        )
        parser.add_argument(
            "--credit-default",
            default="",
            metavar="WHO",
            help="the person credited with what the rule leaves (or everything: --credit default)",
        )
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("没有这个文件：%(path)s") % {"path": path})
        kind = kind_spec(options["kind"])
        for stale in batches_recover():
            self.stdout.write(
                _("批次 %(batch)s：上次被中断，已标记为失败（未写入任何数据）") % {"batch": stale}
            )
        data = path.read_bytes()
        try:
            table = read_table(data, path.name)
        except TableError as exc:
            raise CommandError(str(exc)) from exc
        source = options["source"]
        suggestion = suggest_mapping(kind, table.headers, source=source)
        mapping = suggestion.mapping
        if suggestion.remembered and not options["mapping"]:
            self.stdout.write(
                _("使用来源“%(source)s”记住的列映射（%(kind)s）")
                % {"source": source, "kind": kind.label}
            )
        for item in options["mapping"]:
            column, _sep, field = item.rpartition("=")
            if not column or field not in kind.field_names:
                raise CommandError(
                    _("--mapping %(item)s 有误：字段可以是 %(fields)s")
                    % {"item": item, "fields": ", ".join(kind.field_names)}
                )
            mapping = {f: h for f, h in mapping.items() if h != column and f != field}
            mapping[field] = column
        for field, header in mapping.items():
            self.stdout.write(f"  {header} → {field}")
        choices = (
            credit_options(
                options["credit"],
                by=options["credit_by"],
                table=credit_pairs("\n".join(options["credit_map"])),
                default=options["credit_default"],
            )
            or credit_remembered(kind=kind, source=source)  # the rule last used, if any
        )
        if kind.batch_options is not None and kind.batch_options.described(choices):
            self.stdout.write(kind.batch_options.described(choices))
        batch_options = {
            "date_order": options["date_order"],
            "decimal_comma": options["decimal_comma"],
            "create_missing": options["create_missing"],
            **choices,
        }
        # Like the mapping page: the next file from this source is read the same way (making
        # new customers and products is asked for one file).
        mapping_remember(kind=kind, source=source, mapping=mapping, options=batch_options)
        batch_options["create_new"] = options["create_new"]
        if options["mapping"]:
            self.stdout.write(
                _("已为来源“%(source)s”记住列映射：下次导入可不写 --mapping") % {"source": source}
            )
        batch = ImportBatch.objects.create(
            kind=kind.key,
            source=source,
            file_name=path.name,
            mapping=mapping,
            options=batch_options,
            mode=ImportBatch.Mode.GOOD_ROWS
            if options["good_rows_only"]
            else ImportBatch.Mode.ALL_OR_NOTHING,
        )
        # A bar of phases, not a rate: "%/s" reads as nothing in any language.
        with tqdm(
            total=100,
            disable=options["no_progress"],
            desc=_("导入"),
            bar_format="{l_bar}{bar}| {elapsed}",
        ) as bar:

            def progress(percent: int, label: str) -> None:
                bar.set_description(label)
                bar.update(percent - bar.n)

            batch = batch_import(
                batch=batch,
                scope=SYSTEM_SCOPE,
                table=table,
                dry_run=options["dry_run"],
                progress=progress,
            )
        self.stdout.write(
            _(
                "批次 %(batch)s：%(status)s — 共 %(rows)s 行，新增 %(inserted)s，更新 %(updated)s，"
                "未变 %(unchanged)s，拒绝 %(rejected)s"
            )
            % {
                "batch": batch.pk,
                "status": batch.get_status_display(),
                "rows": batch.rows_total,
                "inserted": batch.rows_inserted,
                "updated": batch.rows_updated,
                "unchanged": batch.rows_unchanged,
                "rejected": batch.rows_rejected,
            }
        )
        if batch.message:
            self.stdout.write(batch.message)
        if batch.error_report:
            self.stdout.write(
                _("错误报告：%(path)s") % {"path": default_storage.path(batch.error_report)}
            )
            for error in batch.errors_preview[:10]:
                self.stdout.write(f"  {error_sentence(error)}")
        if batch.status in (ImportBatch.Status.REJECTED, ImportBatch.Status.FAILED):
            raise CommandError(
                ngettext(
                    "已拒绝，未写入任何数据（%(n)s 个错误）",
                    "已拒绝，未写入任何数据（%(n)s 个错误）",
                    batch.errors_total,
                )
                % {"n": batch.errors_total}
            )
