"""Allocate one plan into 1.2 million cells, exactly, beside NumPy's fast inexact split.

The plan (12亿) goes to 5,000 people by last year's actuals, then each person's target to
12 months × 20 product lines by a seasonality × product-mix profile with personal noise.
The exact path is ``core.allocation.allocate_minor_units`` on integer minor units at both
levels; the reference is the same proportional split in float yuan rounded with ``np.round``,
whose cells do not add up. Both are timed in this run (best of ``--repeat``).

    .venv/bin/python -m bench.allocation [--people 5000 --months 12 --lines 20]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import numpy as np
import numpy.typing as npt

from salestarget.core.allocation import allocate_minor_units
from salestarget.core.money import from_minor, to_minor

PLAN = Decimal("1200000000.00")
GOAL_RATIO = 6.0

Split = tuple[npt.NDArray[Any], npt.NDArray[Any]]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bench.allocation", description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--lines", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20260101)
    args = parser.parse_args(argv)

    history, cell_weights = _inputs(args.people, args.months, args.lines, args.seed)
    plan_minor = to_minor(PLAN)

    def exact() -> Split:
        people = allocate_minor_units(plan_minor, history)
        return people, allocate_minor_units(people, cell_weights)

    def inexact() -> Split:
        people = np.round(float(PLAN) * (history / history.sum()), 2)
        shares = cell_weights / cell_weights.sum(axis=1, keepdims=True)
        return people, np.round(people[:, None] * shares, 2)

    exact_time, inexact_time = _best_times([exact, inexact], args.repeat)
    people, cells = exact()
    np_people, np_cells = inexact()
    np_people_minor = np.rint(np_people * 100).astype(np.int64)
    np_cells_minor = np.rint(np_cells * 100).astype(np.int64)

    exact_breaks = int(people.sum() != plan_minor) + int(
        np.count_nonzero(cells.sum(axis=1) != people)
    )
    np_row_breaks = int(np.count_nonzero(np_cells_minor.sum(axis=1) != np_people_minor))
    np_plan_drift = int(np_people_minor.sum()) - plan_minor
    np_cell_drift = int(np.abs(np_cells_minor.sum(axis=1) - np_people_minor).sum())

    n_cells = cells.size
    print(
        f"plan {PLAN} → {args.people:,} people → {n_cells:,} cells "
        f"({args.months} months × {args.lines} lines each), best of {args.repeat}"
    )
    print(f"{'split':<34}{'time':>10}{'margin violations':>20}")
    print(f"{'exact (core, minor units)':<34}{exact_time * 1000:>8.1f}ms{exact_breaks:>20}")
    print(
        f"{'numpy np.round (inexact)':<34}{inexact_time * 1000:>8.1f}ms"
        f"{int(np_plan_drift != 0) + np_row_breaks:>20}"
    )
    ratio = exact_time / inexact_time
    print(
        f"ratio exact / numpy: {ratio:.2f}× (goal ≤ {GOAL_RATIO:.0f}×: "
        f"{'met' if ratio <= GOAL_RATIO else 'NOT met'})"
    )
    print(
        f"numpy: people add up to the plan {'+' if np_plan_drift >= 0 else ''}"
        f"{from_minor(np_plan_drift)} off; {np_row_breaks:,} of {args.people:,} people's cells "
        f"miss their total, by {from_minor(np_cell_drift)} in all"
    )
    print(
        f"exact: every person's cells and the people's total match to the cent "
        f"({'confirmed' if exact_breaks == 0 else 'FAILED'}: {exact_breaks} violations)"
    )
    if exact_breaks:
        raise SystemExit(1)


def _inputs(
    people: int, months: int, lines: int, seed: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    rng = np.random.default_rng(seed)
    # Last year's actual per person, in cents (some new hires have none).
    history = rng.integers(5_000_000, 80_000_000, people, dtype=np.int64)
    history[rng.random(people) < 0.02] = 0
    seasonality = 1 + 0.4 * np.sin(np.linspace(0, 2 * np.pi, months, endpoint=False))
    product_mix = rng.dirichlet(np.ones(lines))
    profile = np.outer(seasonality, product_mix).reshape(-1)
    personal = rng.uniform(0.6, 1.4, (people, months * lines))
    personal[rng.random((people, months * lines)) < 0.05] = 0  # lines a person does not sell
    return history, profile * personal


def _best_times(runs: list[Callable[[], Split]], repeat: int) -> list[float]:
    """Best wall time of each run, interleaved so both see the same machine load."""
    best = [float("inf")] * len(runs)
    for _ in range(max(1, repeat)):
        for index, run in enumerate(runs):
            start = time.perf_counter()
            run()
            best[index] = min(best[index], time.perf_counter() - start)
    return best


if __name__ == "__main__":
    main()
