"""Two-way splits whose row totals and column totals are both exact (controlled rounding).

Splitting, say, team targets by month when the company's monthly totals are also fixed is a
table with both margins given. Two steps:

1. ``fit_margins``: iterative proportional fitting (IPF/RAS) scales a seed table (last
   year's team × month actuals, or all ones) towards both margins. Zero seed cells stay zero.
2. ``round_to_margins``: integers adding up exactly to both margins. Each row is first split
   by largest remainder over its fitted cells, so rows are exact and every cell is the floor
   or ceiling of its fitted value; then units move along augmenting paths
   (column → row → column) from columns with too many to columns with too few. Moves stay
   within floor/ceiling while that is possible, which it is whenever the fit converged
   (a two-way table always has such a rounding: its constraints form a transportation
   problem, whose polytope has integer corners). When zeros in the seed leave a feasible
   table only at the edge, IPF converges slowly, and the same paths then move larger
   amounts between any non-zero cells. No path at all means the margins are impossible
   with the seed's zeros — a max-flow certificate, not a guess.
"""

from __future__ import annotations

from collections import deque

import numpy as np
import numpy.typing as npt

from salestarget.core.largest_remainder import allocate_minor_units

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

# Remainders below this are float noise from fitting, not a reason to round up.
_FRACTION_NOISE = 1e-9
_UNBOUNDED = 2**62


class InfeasibleMarginsError(ValueError):
    """The seed's zero cells make the row and column totals impossible to meet together."""


def fit_margins(
    seed: FloatArray,
    row_totals: FloatArray,
    col_totals: FloatArray,
    *,
    max_iterations: int = 500,
    tolerance: float = 1e-6,
) -> FloatArray:
    """The seed scaled (IPF) towards the totals; rows are met exactly (in floats), columns
    as closely as ``max_iterations`` allow."""
    table = np.array(seed, dtype=np.float64)
    table *= _scaling(table.sum(axis=1), row_totals, "row")[:, None]
    for _ in range(max_iterations):
        off = np.abs(table.sum(axis=0) - col_totals).max(initial=0.0)
        if float(off) <= tolerance:  # float ok: IPF convergence on proportions, not money
            break
        table *= _scaling(table.sum(axis=0), col_totals, "column")[None, :]
        table *= _scaling(table.sum(axis=1), row_totals, "row")[:, None]
    return table


def _scaling(current: FloatArray, wanted: FloatArray, what: str) -> FloatArray:
    stranded = np.nonzero((current <= 0) & (wanted > 0))[0]
    if stranded.size:
        raise InfeasibleMarginsError(
            f"{what} {int(stranded[0])} has a total of {wanted[stranded[0]]:.0f} units but "
            "only zero cells in the seed"
        )
    return np.divide(wanted, current, out=np.zeros_like(wanted), where=current > 0)


def round_to_margins(
    table: FloatArray, row_totals: IntArray, col_totals: IntArray, allowed: BoolArray
) -> IntArray:
    """Non-negative integers adding up exactly to both margins, zero outside ``allowed``,
    each the floor or ceiling of ``table`` whenever ``table`` fits the margins."""
    fitted = np.where(allowed, table, 0.0)
    rows = allocate_minor_units(row_totals, fitted)
    # Bounds for the first phase: where the row split put each cell, give or take its unit.
    quotas = (
        fitted
        * np.divide(
            row_totals,
            fitted.sum(axis=1),
            out=np.zeros(len(row_totals)),
            where=fitted.sum(axis=1) > 0,
        )[:, None]
    )
    lower = np.floor(quotas).astype(np.int64)
    upper = lower + (quotas - lower > _FRACTION_NOISE)
    lower = np.minimum(lower, rows)
    upper = np.maximum(upper, rows)
    excess = rows.sum(axis=0) - col_totals
    phases = ((lower, upper), (np.zeros_like(rows), np.where(allowed, _UNBOUNDED, 0)))
    for low, high in phases:
        while (excess > 0).any() and _augment(rows, low, high, excess):
            pass
    if (excess != 0).any():
        raise InfeasibleMarginsError(
            "the seed's zero cells make these row and column totals impossible to meet together"
        )
    return rows


def _augment(table: IntArray, lower: IntArray, upper: IntArray, excess: IntArray) -> bool:
    """Move units along one shortest path from a column with excess to one with a shortfall,
    within the bounds; False when no such path exists."""
    can_give = table > lower
    can_take = table < upper
    n_rows = table.shape[0]
    seen_col = excess > 0
    seen_row = np.zeros(n_rows, dtype=bool)
    came_from: dict[int, tuple[int, int]] = {}
    queue = deque(int(c) for c in np.nonzero(seen_col)[0])
    while queue:
        col = queue.popleft()
        rows = np.nonzero(can_give[:, col] & ~seen_row)[0]
        seen_row[rows] = True
        for row in rows:
            targets = np.nonzero(can_take[row] & ~seen_col)[0]
            seen_col[targets] = True
            for target in targets:
                came_from[int(target)] = (int(row), col)
                if excess[target] < 0:
                    _push(table, lower, upper, excess, came_from, int(target))
                    return True
                queue.append(int(target))
    return False


def _push(
    table: IntArray,
    lower: IntArray,
    upper: IntArray,
    excess: IntArray,
    came_from: dict[int, tuple[int, int]],
    end: int,
) -> None:
    moves = []
    col = end
    while col in came_from:
        row, source = came_from[col]
        moves.append((row, source, col))
        col = source
    start = col
    amount = min(int(excess[start]), -int(excess[end]))
    for row, source, target in moves:
        amount = min(
            amount,
            int(table[row, source] - lower[row, source]),
            int(upper[row, target] - table[row, target]),
        )
    for row, source, target in moves:
        table[row, source] -= amount
        table[row, target] += amount
    excess[start] -= amount
    excess[end] += amount
