"""``salestarget forecasting_compute``: forecast every series now (the nightly job; imports
enqueue the same work in the background)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from salestarget.core.forecasting import ForecastSpec
from salestarget.forecasting.services.compute import forecasts_compute


class Command(BaseCommand):
    help = "Forecast every monthly series from the rollups and store the run."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--jobs", type=int, default=1, help="processes (default 1)")

    def handle(self, *args: Any, **options: Any) -> None:
        run = forecasts_compute(spec=ForecastSpec(n_jobs=options["jobs"]))
        if run is None:
            self.stdout.write("no facts: nothing to forecast")
            return
        self.stdout.write(
            f"run {run.pk} ({run.status}): {run.series} series from {run.first_month:%Y-%m}, "
            f"{run.horizon} months ahead, {run.seconds:.1f}s"
        )
