"""Allocation (分解): split a target among children so that they add up exactly.

``allocate`` splits one Decimal amount by weights with largest-remainder rounding to the
currency's smallest unit, optionally raised by an uplift percentage first (the rule
"分解目标要高于下达的目标"). ``allocate_two_way`` splits a table whose row and column totals
are both given. ``allocate_minor_units`` is the vectorised integer form for big splits.
The weight builders (``equal_weights``, ``history_weights`` …) live in ``weights`` and are
re-exported here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from math import lcm

import numpy as np

from salestarget.core.controlled_rounding import (
    InfeasibleMarginsError,
    fit_margins,
    round_to_margins,
)
from salestarget.core.largest_remainder import allocate_minor_units, split_minor_units
from salestarget.core.money import DECIMAL_CONTEXT, as_decimal, from_minor, quantize, to_minor
from salestarget.core.weights import (
    AllocationMethod,
    Fallback,
    Weights,
    capacity_weights,
    day_weights,
    equal_weights,
    given_weights,
    history_weights,
    seasonality_weights,
)

__all__ = [
    "AllocationMethod",
    "AllocationResult",
    "Fallback",
    "InfeasibleMarginsError",
    "TwoWayAllocation",
    "Weights",
    "allocate",
    "allocate_minor_units",
    "allocate_two_way",
    "capacity_weights",
    "day_weights",
    "equal_weights",
    "given_weights",
    "history_weights",
    "seasonality_weights",
    "split_minor_units",
    "uplifted",
]

# Two-way fitting runs in float64; margins beyond this many units would lose whole units.
_TWO_WAY_LIMIT = 2**50


@dataclass(frozen=True)
class AllocationResult:
    """The children's shares and how they were reached.

    ``sum(shares) == uplifted_total == base_total + uplift_amount``, exactly.
    """

    shares: tuple[Decimal, ...]
    base_total: Decimal  # what was handed down
    uplift_pct: Decimal  # e.g. Decimal(5) for +5%
    uplift_amount: Decimal  # shown to the user as the level's own addition
    uplifted_total: Decimal  # what the children carry together
    method: AllocationMethod
    fallbacks: tuple[Fallback, ...] = ()


def uplifted(total: Decimal | int, uplift_pct: Decimal | int, decimals: int = 2) -> Decimal:
    """``total`` raised by ``uplift_pct`` percent, rounded half-up to ``decimals`` places."""
    pct = as_decimal(uplift_pct, "uplift_pct")
    if pct < 0:
        raise ValueError(
            f"uplift_pct cannot be negative, got {pct}: the children's targets "
            "may be above what was handed down, not below"
        )
    factor = DECIMAL_CONTEXT.add(Decimal(1), DECIMAL_CONTEXT.divide(pct, Decimal(100)))
    return quantize(DECIMAL_CONTEXT.multiply(as_decimal(total, "total"), factor), decimals)


def allocate(
    total: Decimal | int,
    weights: Weights | Sequence[Decimal | int],
    *,
    decimals: int = 2,
    uplift_pct: Decimal | int = Decimal(0),
) -> AllocationResult:
    """Split ``total`` (raised by ``uplift_pct`` percent) in proportion to ``weights``.

    Shares are rounded to ``decimals`` places by largest remainder (ties to the earlier
    child) and add up exactly to the uplifted total; a zero weight gets zero. ``total`` must
    already be a whole number of minor units at ``decimals`` places (nothing is rounded
    silently). Raises ValueError for no children, negative weights, or weights that are all
    zero with a non-zero total (use a builder such as ``history_weights`` for a fallback).
    """
    base = as_decimal(total, "total")
    to_minor(base, decimals)  # refuses a total finer than the currency unit
    if isinstance(weights, Weights):
        chosen = weights
    else:
        values = tuple(as_decimal(v, "weight") for v in weights)
        chosen = Weights(values, AllocationMethod.WEIGHTS)
    target = uplifted(base, uplift_pct, decimals)
    shares = split_minor_units(to_minor(target, decimals), _integer_weights(chosen.values))
    pct = as_decimal(uplift_pct, "uplift_pct")
    return AllocationResult(
        shares=tuple(from_minor(s, decimals) for s in shares),
        base_total=quantize(base, decimals),
        uplift_pct=pct,
        uplift_amount=DECIMAL_CONTEXT.subtract(target, quantize(base, decimals)),
        uplifted_total=target,
        method=chosen.method,
        fallbacks=chosen.fallbacks,
    )


@dataclass(frozen=True)
class TwoWayAllocation:
    """A table of shares whose every row and column adds up exactly to its total."""

    cells: tuple[tuple[Decimal, ...], ...]
    row_totals: tuple[Decimal, ...]
    col_totals: tuple[Decimal, ...]


def allocate_two_way(
    row_totals: Sequence[Decimal | int],
    col_totals: Sequence[Decimal | int],
    seed_matrix: Sequence[Sequence[Decimal | int]] | None = None,
    *,
    decimals: int = 2,
) -> TwoWayAllocation:
    """Split a table (e.g. teams × months) so that rows and columns are both exact.

    ``seed_matrix`` (rows × columns, non-negative, e.g. last year's actuals) gives the
    pattern to follow; its zero cells stay zero. Without a seed every cell is
    row total × column total / grand total before rounding. Each cell ends within one minor
    unit of the fitted value. Raises ValueError when the margins do not have the same grand
    total, and InfeasibleMarginsError when the seed's zeros make the margins impossible.
    Totals must be non-negative.
    """
    rows = np.array([to_minor(t, decimals) for t in row_totals], dtype=np.int64)
    cols = np.array([to_minor(t, decimals) for t in col_totals], dtype=np.int64)
    if rows.size == 0 or cols.size == 0:
        raise ValueError("a two-way split needs at least one row and one column")
    if (rows < 0).any() or (cols < 0).any():
        raise ValueError("two-way splits take non-negative totals")
    if int(rows.sum()) != int(cols.sum()):
        raise ValueError(
            f"row totals add up to {from_minor(int(rows.sum()), decimals)} but column totals "
            f"to {from_minor(int(cols.sum()), decimals)}; both margins must share one total"
        )
    if int(rows.sum()) >= _TWO_WAY_LIMIT:
        raise ValueError("the grand total is too large for a two-way split")
    seed = _seed_array(seed_matrix, rows.size, cols.size)
    fitted = fit_margins(seed, rows.astype(np.float64), cols.astype(np.float64))
    table = round_to_margins(fitted, rows, cols, seed > 0)
    return TwoWayAllocation(
        cells=tuple(tuple(from_minor(int(v), decimals) for v in row) for row in table),
        row_totals=tuple(from_minor(int(v), decimals) for v in rows),
        col_totals=tuple(from_minor(int(v), decimals) for v in cols),
    )


def _seed_array(
    seed_matrix: Sequence[Sequence[Decimal | int]] | None, n_rows: int, n_cols: int
) -> np.ndarray[tuple[int, int], np.dtype[np.float64]]:
    if seed_matrix is None:
        return np.ones((n_rows, n_cols))
    if len(seed_matrix) != n_rows or any(len(row) != n_cols for row in seed_matrix):
        raise ValueError(f"seed_matrix must be {n_rows} rows × {n_cols} columns")
    values = [[as_decimal(v, "seed cell") for v in row] for row in seed_matrix]
    if any(v < 0 for row in values for v in row):
        raise ValueError("seed_matrix cells cannot be negative")
    # Floats are fine here: the seed only sets proportions, exactness comes from rounding.
    cells = [[float(v) for v in row] for row in values]  # float ok: seed proportions only
    return np.array(cells, dtype=np.float64)


def _integer_weights(values: Sequence[Decimal]) -> list[int]:
    """Decimal weights scaled by a common power of ten to integers with the same ratios."""
    fractions = [Fraction(v) for v in values]
    scale = lcm(*(f.denominator for f in fractions))
    return [int(f * scale) for f in fractions]
