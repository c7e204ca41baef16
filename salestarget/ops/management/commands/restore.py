from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from salestarget.ops.backup import BackupError, database_restore


class Command(BaseCommand):
    help = "Replace the database's contents with a backup made by `salestarget backup`."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", type=Path)
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args: Any, **options: Any) -> None:
        source: Path = options["source"]
        if not options["yes"]:
            answer = input(f"Replace ALL data with {source}? Type 'yes': ")
            if answer.strip() != "yes":
                raise CommandError("restore cancelled")
        try:
            database_restore(source=source)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"restored from {source}")
