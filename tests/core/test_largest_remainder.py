"""The vectorised split used for big plans: exact sums, same answers as the scalar split."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from salestarget.core.largest_remainder import allocate_minor_units, split_minor_units


def test_one_total_and_many_totals():
    assert allocate_minor_units(10_000, np.array([1, 1, 1])).tolist() == [3334, 3333, 3333]
    rows = allocate_minor_units(np.array([100, 7, -5]), np.array([[1.0, 3.0], [1, 1], [1, 4]]))
    assert rows.tolist() == [[25, 75], [4, 3], [-1, -4]]
    shared = allocate_minor_units(np.array([10, 20]), np.array([2, 3]))
    assert shared.tolist() == [[4, 6], [8, 12]]


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="negative"):
        allocate_minor_units(10, np.array([1, -1]))
    with pytest.raises(ValueError, match="row 1"):
        allocate_minor_units(np.array([5, 5]), np.array([[1, 1], [0, 0]]))
    with pytest.raises(ValueError, match="finite"):
        allocate_minor_units(10, np.array([1.0, np.nan]))
    with pytest.raises(TypeError, match="integer minor units"):
        allocate_minor_units(np.array([1.5]), np.array([[1, 1]]))
    with pytest.raises(ValueError, match="do not match"):
        allocate_minor_units(np.array([1, 2]), np.ones((3, 2)))
    with pytest.raises(ValueError, match="no children"):
        split_minor_units(5, [])
    assert allocate_minor_units(np.array([0]), np.zeros((1, 3))).tolist() == [[0, 0, 0]]


def test_huge_totals_take_the_exact_path():
    total = 2**60 + 12345
    shares = allocate_minor_units(np.array([total]), np.array([[1.0, 2.0, 0.0, 3.0]]))
    assert int(shares.sum()) == total
    assert shares[0, 2] == 0
    assert shares[0].tolist() == split_minor_units(total, [1, 2, 0, 3])


int_weights = hnp.arrays(
    np.int64, st.tuples(st.integers(1, 8), st.integers(1, 12)), elements=st.integers(0, 10**6)
)
float_weights = hnp.arrays(
    np.float64,
    st.tuples(st.integers(1, 8), st.integers(1, 12)),
    elements=st.floats(0, 1e6, allow_subnormal=False),
)
row_totals = st.integers(-(10**12), 10**12)


@given(weights=int_weights, data=st.data())
def test_integer_weights_match_the_exact_scalar_split(weights, data):
    totals = np.array(
        data.draw(st.lists(row_totals, min_size=len(weights), max_size=len(weights))),
        dtype=np.int64,
    )
    weights[weights.sum(axis=1) == 0, 0] = 1
    shares = allocate_minor_units(totals, weights)
    for total, row, got in zip(totals, weights, shares, strict=True):
        assert got.tolist() == split_minor_units(int(total), row.tolist())


@given(weights=float_weights, data=st.data())
def test_float_weights_add_up_exactly_and_stay_within_a_unit(weights, data):
    totals = np.array(
        data.draw(st.lists(st.integers(0, 10**12), min_size=len(weights), max_size=len(weights))),
        dtype=np.int64,
    )
    weights[weights.sum(axis=1) == 0, 0] = 1.0
    shares = allocate_minor_units(totals, weights)
    assert np.array_equal(shares.sum(axis=1), totals)
    assert (shares >= 0).all()
    assert (shares[weights == 0] == 0).all()
    quotas = totals[:, None] * (weights / weights.sum(axis=1, keepdims=True))
    assert (np.abs(shares - quotas) < 1 + 1e-6 * np.maximum(quotas, 1)).all()


def test_ties_go_to_the_earlier_child_in_both_paths():
    for weights in (np.ones((2, 7), dtype=np.int64), np.ones((2, 7))):
        shares = allocate_minor_units(np.array([10, 3]), weights)
        assert shares.tolist() == [[2, 2, 2, 1, 1, 1, 1], [1, 1, 1, 0, 0, 0, 0]]


def test_subnormal_weights_still_split_exactly_without_overflow(recwarn):
    weights = np.array([[5e-324, 5e-324, 1e-323], [1.0, 2.0, 0.0]])
    shares = allocate_minor_units(np.array([10**12, 7]), weights)
    assert shares.tolist() == [[250_000_000_000, 250_000_000_000, 500_000_000_000], [2, 5, 0]]
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]
