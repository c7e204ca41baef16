"""``salestarget tracking_alerts [--at YYYY-MM-DD]``: notify targets at risk or behind."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from salestarget.tracking.services.alerts import tracking_alerts


class Command(BaseCommand):
    help = (
        "Notify the people (and their managers) whose targets fall behind time progress by "
        "more than the plan's threshold; each target, period and status once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--at", type=dt.date.fromisoformat, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        report = tracking_alerts(at=_day(options["at"]))
        self.stdout.write(
            f"as of {report.at}: checked {report.checked} target(s), {report.behind} at risk or "
            f"behind, {report.sent} notification(s) sent"
        )


def _day(value: dt.date | str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value
