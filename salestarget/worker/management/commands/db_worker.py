"""``salestarget db_worker``: django-tasks' database worker, which first recovers what a
killed worker left (its tasks and what they drove) and runs a keeper thread while it works
(the leases' heartbeat, recovery and upkeep now and then: ``worker.keeper``)."""

from __future__ import annotations

from typing import Any

from django_tasks_db.management.commands.db_worker import Command as WorkerCommand

from salestarget.worker.keeper import Keeper, upkeep_run


class Command(WorkerCommand):
    help = WorkerCommand.help + " (recovering tasks a killed worker left)"

    def handle(self, *args: Any, **options: Any) -> None:
        upkeep_run()
        with Keeper():
            super().handle(*args, **options)
