"""``salestarget deadlines_check``: remind overdue steps and drafts, escalate stuck steps."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from salestarget.targets.services.cycles import deadlines_check


class Command(BaseCommand):
    help = "Remind the people behind overdue planning steps and drafts; escalate stuck steps."

    def handle(self, *args: Any, **options: Any) -> None:
        report = deadlines_check()
        self.stdout.write(
            f"reminded {len(report.reminded)} step(s), escalated {len(report.escalated)}, "
            f"reminded {report.drafts_reminded} draft(s)"
            + "".join(f", {name}: {count}" for name, count in report.others.items())
        )
