"""Two-way splits whose row totals and column totals are both exact (controlled rounding).

Splitting, say, team targets by month when the company's monthly totals are also fixed is a
table with both margins given. Two steps:

1. ``fit_margins``: iterative proportional fitting (IPF/RAS) scales a seed table (last
   year's team × month actuals, or all ones) until its rows and columns add up to the
   margins. Zero seed cells stay zero.
2. ``round_to_margins``: every cell becomes its floor or its ceiling so that rows and
   columns add up exactly in integer units. Such a rounding always exists for a two-way
   table (the constraints form a transportation problem, whose polytope has integer
   corners), and we find one as a flow: each row first rounds up its largest remainders,
   then units move along augmenting paths (column → row → column) from columns with too
   many to columns with too few.
"""

from __future__ import annotations

from collections import deque

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

# Units move preferably into cells with a real fractional part; below this it is float noise.
_FRACTION_NOISE = 1e-9


class InfeasibleMarginsError(ValueError):
    """The seed's zero cells make the row and column totals impossible to meet together."""


def fit_margins(
    seed: FloatArray,
    row_totals: FloatArray,
    col_totals: FloatArray,
    *,
    max_iterations: int = 2000,
) -> FloatArray:
    """The seed scaled (IPF) so that its rows and columns add up to the given totals."""
    table = np.array(seed, dtype=np.float64)
    tolerance = 1e-6
    error = np.inf
    for _ in range(max_iterations):
        table *= _scaling(table.sum(axis=1), row_totals, "row")[:, None]
        table *= _scaling(table.sum(axis=0), col_totals, "column")[None, :]
        error = float(np.abs(table.sum(axis=1) - row_totals).max(initial=0.0))
        if error <= tolerance:
            return table
    # IPF can crawl when zeros leave only a thin feasible set; a quarter unit is still close
    # enough for the rounding step to land exactly on the margins.
    if error <= 0.25:
        return table
    raise InfeasibleMarginsError(
        "the seed's zero cells make these row and column totals impossible to meet together "
        f"(closest fit still misses a row total by {error:.2f} units)"
    )


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
    """Integers within one unit of ``table`` (its floor or ceiling where the fit is exact),
    adding up exactly to both integer margins, and zero outside ``allowed`` cells."""
    floors = np.floor(np.where(allowed, table, 0.0)).astype(np.int64)
    floors = np.maximum(floors, 0)
    fractions = np.where(allowed, table - floors, -1.0)
    row_need = row_totals - floors.sum(axis=1)
    col_need = col_totals - floors.sum(axis=0)
    if (
        (row_need < 0).any()
        or (col_need < 0).any()
        or (row_need > allowed.sum(axis=1)).any()
        or (col_need > allowed.sum(axis=0)).any()
    ):
        raise InfeasibleMarginsError("the fitted table is too far from the totals to round")
    # Each row rounds up its largest remainders (ties to the earlier column).
    order = np.argsort(-fractions, axis=1, kind="stable")
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.arange(table.shape[1])[None, :], axis=1)
    ups = rank < row_need[:, None]
    excess = ups.sum(axis=0) - col_need
    preferred = allowed & (fractions > _FRACTION_NOISE)
    for pool in (preferred, allowed):
        while (excess > 0).any():
            path = _augmenting_path(ups, pool, excess)
            if path is None:
                break
            for row, source, target in path:
                ups[row, source] = False
                ups[row, target] = True
            excess[path[-1][1]] -= 1
            excess[path[0][2]] += 1
    if (excess != 0).any():
        raise InfeasibleMarginsError(
            "the seed's zero cells make these row and column totals impossible to meet together"
        )
    table_out: IntArray = floors + ups
    return table_out


def _augmenting_path(
    ups: BoolArray, pool: BoolArray, excess: IntArray
) -> list[tuple[int, int, int]] | None:
    """A shortest chain of moves (row, from column, to column) taking one unit from a column
    with excess to a column with a shortfall, listed from the shortfall end back."""
    n_rows = ups.shape[0]
    seen_col = excess > 0
    seen_row = np.zeros(n_rows, dtype=bool)
    came_from: dict[int, tuple[int, int]] = {}
    queue = deque(int(c) for c in np.nonzero(seen_col)[0])
    while queue:
        col = queue.popleft()
        rows = np.nonzero(ups[:, col] & ~seen_row)[0]
        seen_row[rows] = True
        for row in rows:
            targets = np.nonzero(pool[row] & ~ups[row] & ~seen_col)[0]
            seen_col[targets] = True
            for target in targets:
                came_from[int(target)] = (int(row), col)
                if excess[target] < 0:
                    return _unwind(came_from, int(target))
                queue.append(int(target))
    return None


def _unwind(came_from: dict[int, tuple[int, int]], end: int) -> list[tuple[int, int, int]]:
    path = []
    col = end
    while col in came_from:
        row, source = came_from[col]
        path.append((row, source, col))
        col = source
    return path
