"""``salestarget tracking_news [--at YYYY-MM-DD]``: detect good news (喜报) now."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from salestarget.tracking.services.news import good_news_detect


class Command(BaseCommand):
    help = "Detect milestones (first deal of the month, target achieved, personal record)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--at", type=dt.date.fromisoformat, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        events = good_news_detect(at=_day(options["at"]))
        self.stdout.write(f"{len(events)} new good-news event(s)")


def _day(value: dt.date | str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value
