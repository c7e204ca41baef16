"""Two-way splits (teams × months, products × regions) exact on both margins."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salestarget.core.allocation import InfeasibleMarginsError, allocate_two_way
from salestarget.core.largest_remainder import split_minor_units


def column_sums(cells: tuple[tuple[Decimal, ...], ...]) -> list[Decimal]:
    return [sum(column, Decimal(0)) for column in zip(*cells, strict=True)]


def test_teams_by_quarters_with_both_margins_fixed():
    teams = [Decimal("1000000.00"), Decimal("333333.33"), Decimal("666666.67")]
    quarters = [
        Decimal("400000.00"),
        Decimal("500000.00"),
        Decimal("500000.00"),
        Decimal("600000.00"),
    ]
    result = allocate_two_way(teams, quarters)
    assert [sum(row) for row in result.cells] == teams
    assert column_sums(result.cells) == quarters
    # Without a seed each cell is row × column / total before rounding.
    assert result.cells[0] == (Decimal(200000), Decimal(250000), Decimal(250000), Decimal(300000))


def test_the_seed_sets_the_pattern_and_its_zeros_stay_zero():
    seed = [[Decimal(100), Decimal(0), Decimal(50)], [Decimal(10), Decimal(30), Decimal(0)]]
    result = allocate_two_way(
        [Decimal(300), Decimal(100)], [Decimal(150), Decimal(100), Decimal(150)], seed
    )
    assert result.cells[0][1] == 0
    assert result.cells[1][2] == 0
    assert [sum(row) for row in result.cells] == [300, 100]
    assert column_sums(result.cells) == [150, 100, 150]


def test_margins_that_disagree_or_cannot_be_met_are_refused():
    with pytest.raises(
        ValueError, match=r"row totals add up to 100\.00 but column totals to 99\.99"
    ):
        allocate_two_way([Decimal(100)], [Decimal("50"), Decimal("49.99")])
    with pytest.raises(InfeasibleMarginsError, match="row 1 has a total of 5000 units"):
        allocate_two_way([Decimal(50), Decimal(50)], [Decimal(50), Decimal(50)], [[1, 1], [0, 0]])
    with pytest.raises(InfeasibleMarginsError, match="impossible to meet together"):
        # Row 0 may only use column 0, yet column 0 holds less than row 0 needs.
        allocate_two_way([Decimal(80), Decimal(20)], [Decimal(50), Decimal(50)], [[1, 0], [1, 1]])
    with pytest.raises(ValueError, match="2 rows × 2 columns"):
        allocate_two_way([Decimal(1), Decimal(1)], [Decimal(1), Decimal(1)], [[1, 1]])
    with pytest.raises(ValueError, match="non-negative"):
        allocate_two_way([Decimal(-1), Decimal(1)], [Decimal(0)])


margin = st.integers(0, 10**9)


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(margin, min_size=1, max_size=12),
    n_cols=st.integers(1, 12),
    data=st.data(),
    with_seed=st.booleans(),
)
def test_two_way_margins_are_exact_and_cells_stay_within_a_cent_of_the_fit(
    rows, n_cols, data, with_seed
):
    # Column totals: the same grand total, split at random.
    col_weights = data.draw(st.lists(st.integers(1, 100), min_size=n_cols, max_size=n_cols))
    cols = split_minor_units(sum(rows), col_weights)
    seed = None
    if with_seed:
        seed = data.draw(
            st.lists(
                st.lists(st.integers(1, 10**6), min_size=n_cols, max_size=n_cols),
                min_size=len(rows),
                max_size=len(rows),
            )
        )
    row_totals = [Decimal(r).scaleb(-2) for r in rows]
    col_totals = [Decimal(c).scaleb(-2) for c in cols]
    result = allocate_two_way(row_totals, col_totals, seed)
    assert [sum(row, Decimal(0)) for row in result.cells] == row_totals
    assert column_sums(result.cells) == col_totals
    cells = np.array([[int(v.scaleb(2)) for v in row] for row in result.cells])
    assert (cells >= 0).all()
    if seed is None:
        fitted = np.outer(rows, cols) / max(sum(rows), 1)
        assert (np.abs(cells - fitted) < 1 + 1e-6).all()


@settings(max_examples=40, deadline=None)
@given(
    shape=st.tuples(st.integers(2, 8), st.integers(2, 8)),
    data=st.data(),
)
def test_sparse_seeds_keep_their_zeros_and_both_margins(shape, data):
    n_rows, n_cols = shape
    # Build margins from a table that has the seed's zero pattern, so they are feasible.
    mask = data.draw(
        st.lists(
            st.lists(st.booleans(), min_size=n_cols, max_size=n_cols),
            min_size=n_rows,
            max_size=n_rows,
        )
    )
    for i in range(n_rows):
        mask[i][i % n_cols] = True
    table = [
        [data.draw(st.integers(0, 10**6)) if mask[i][j] else 0 for j in range(n_cols)]
        for i in range(n_rows)
    ]
    rows = [Decimal(sum(r)).scaleb(-2) for r in table]
    cols = [Decimal(sum(c)).scaleb(-2) for c in zip(*table, strict=True)]
    seed = [[1 if m else 0 for m in row] for row in mask]
    result = allocate_two_way(rows, cols, seed)
    assert [sum(r, Decimal(0)) for r in result.cells] == rows
    assert column_sums(result.cells) == cols
    for i in range(n_rows):
        for j in range(n_cols):
            if not mask[i][j]:
                assert result.cells[i][j] == 0
