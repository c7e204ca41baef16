"""``salestarget tracking_battle_post [--at YYYY-MM-DD]``: last week's battle report to the
group robots (DingTalk, WeCom, webhooks) that take it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from salestarget.tracking.services.battle_posts import battle_report_post


class Command(BaseCommand):
    help = "Post last week's battle report to every group robot that takes it (once a week each)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--at", type=dt.date.fromisoformat, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        posted = battle_report_post(at=options["at"])
        self.stdout.write(f"{posted} battle report message(s) queued for the group robots")
