from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from salestarget.assessment.services.deadlines import assessment_deadlines_check


class Command(BaseCommand):
    help = "Remind the people behind overdue assessment steps and escalate to the managers above."

    def handle(self, *args: Any, **options: Any) -> None:
        report = assessment_deadlines_check()
        self.stdout.write(
            f"reminded {report.reminded}, escalated {report.escalated},"
            f" customers reminded {report.customers_reminded}"
        )
