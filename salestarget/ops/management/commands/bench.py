from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser


def available() -> list[str]:
    if str(settings.BASE_DIR) not in sys.path:
        sys.path.insert(0, str(settings.BASE_DIR))
    import bench

    return sorted(
        m.name for m in pkgutil.iter_modules(bench.__path__) if not m.name.startswith("_")
    )


class Command(BaseCommand):
    help = (
        "Run the benchmarks in bench/; each prints its figures beside a reference measured in "
        "the same run, as a ratio. `salestarget bench` runs them all; `salestarget bench "
        "actuals --lines 100000` runs one with its own arguments."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", nargs="?", help="the benchmark to run (default: all)")
        parser.add_argument("bench_args", nargs=argparse.REMAINDER, help="passed to its main()")
        parser.add_argument("--list", action="store_true", help="list the benchmarks")

    def handle(self, *args: Any, **options: Any) -> None:
        names = available()
        if options["list"]:
            self.stdout.write("\n".join(names))
            return
        name = options["name"]
        if name and name not in names:
            raise CommandError(f"unknown benchmark {name!r}; have: {', '.join(names)}")
        for each in [name] if name else names:
            self.stdout.write(self.style.MIGRATE_HEADING(f"== bench.{each}"))
            importlib.import_module(f"bench.{each}").main(options["bench_args"] if name else [])
