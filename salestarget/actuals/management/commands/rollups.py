"""``salestarget rollups rebuild|check``: recompute the rollup tables, or compare them."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from salestarget.actuals.rollups import rollups_check, rollups_rebuild


class Command(BaseCommand):
    help = (
        "rebuild: recompute every rollup from the facts. check: compare a rebuild with the tables."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["rebuild", "check"])

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        if options["action"] == "rebuild":
            rollups_rebuild()
            self.stdout.write(f"rollups rebuilt in {time.perf_counter() - started:.1f} s")
            return
        differences = rollups_check()
        for table, count in differences.items():
            self.stdout.write(f"{table}: {count} rows differ")
        if any(differences.values()):
            raise CommandError("rollups differ from a rebuild: run `salestarget rollups rebuild`")
        self.stdout.write(f"rollups match a rebuild ({time.perf_counter() - started:.1f} s)")
