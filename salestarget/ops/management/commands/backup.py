from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils import timezone

from salestarget.ops.backup import BackupError, database_backup


class Command(BaseCommand):
    help = "Back up the whole database to a file (SQLite copy or pg_dump custom format)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", "-o", type=Path, help="file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        suffix = ".sqlite3" if connection.vendor == "sqlite" else ".dump"
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        output = options["output"] or settings.VAR_DIR / "backups" / f"salestarget-{stamp}{suffix}"
        try:
            path = database_backup(output=output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"backup written: {path} ({path.stat().st_size:,} bytes)")
