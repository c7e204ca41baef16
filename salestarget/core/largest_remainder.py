"""Largest-remainder (Hamilton) rounding on integer minor units: the exactness engine.

Each child first gets the floor of its exact quota; the units left over go, one each, to
the children with the largest remainders (ties to the earlier child). The shares therefore
add up to the total exactly, each is within one unit of its quota, and a zero weight never
receives a unit.

``split_minor_units`` is exact rational arithmetic on Python ints. ``allocate_minor_units``
is the vectorised form for big splits (a whole plan into a million cells): integer weights
give the same answer as ``split_minor_units``; float weights compute quotas in float64 and
then assign the integer units exactly, so the sums are still exact and only near-ties between
remainders may break differently. A row the float path cannot guarantee (a total of 2**53
units or more, or float error pushing the leftover out of range) is redone exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from math import lcm
from typing import Any

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

# Float quotas are exact enough to find the floor and the leftover below this many units.
_FLOAT_EXACT_LIMIT = 2**53
_INT64_LIMIT = 2**63


def split_minor_units(total: int, weights: Sequence[int]) -> list[int]:
    """``total`` units split in proportion to non-negative integer ``weights``, exactly."""
    if not weights:
        raise ValueError("cannot split among no children")
    if any(w < 0 for w in weights):
        raise ValueError("weights cannot be negative")
    weight_sum = sum(weights)
    if weight_sum == 0:
        if total == 0:
            return [0] * len(weights)
        raise ValueError("weights add up to zero, so there is no proportion to split by")
    sign, units = (-1 if total < 0 else 1), abs(total)
    floors, remainders = zip(*(divmod(units * w, weight_sum) for w in weights), strict=True)
    shares = list(floors)
    leftover = units - sum(shares)
    for index in sorted(range(len(shares)), key=lambda i: (-remainders[i], i))[:leftover]:
        shares[index] += 1
    return [sign * s for s in shares]


def allocate_minor_units(total_minor: int | npt.ArrayLike, weights: npt.ArrayLike) -> IntArray:
    """Split integer totals by weights, exactly, vectorised.

    * ``total_minor`` an int and ``weights`` shape (n,): returns shape (n,).
    * ``total_minor`` shape (m,) and ``weights`` shape (m, n) (or (n,), shared by every row):
      each row total split by its row of weights; returns shape (m, n).

    Weights are non-negative ints or floats; every returned row adds up to its total.
    A negative total is split as its absolute value and negated.
    """
    totals = np.asarray(total_minor)
    single = totals.ndim == 0
    w = np.asarray(weights)
    if single:
        if w.ndim != 1:
            raise ValueError(f"weights for one total must be 1-D, got shape {w.shape}")
        one_row: IntArray = _allocate_rows(totals.reshape(1), w.reshape(1, -1))[0]
        return one_row
    if totals.ndim != 1:
        raise ValueError(f"totals must be an int or 1-D, got shape {totals.shape}")
    if w.ndim == 1:
        w = np.broadcast_to(w, (totals.shape[0], w.shape[0]))
    if w.ndim != 2 or w.shape[0] != totals.shape[0]:
        raise ValueError(f"weights of shape {w.shape} do not match {totals.shape[0]} totals")
    return _allocate_rows(totals, w)


def _allocate_rows(totals: npt.NDArray[Any], weights: npt.NDArray[Any]) -> IntArray:
    if not np.issubdtype(totals.dtype, np.integer):
        raise TypeError(f"totals must be integer minor units, got dtype {totals.dtype}")
    if weights.shape[1] == 0:
        raise ValueError("cannot split among no children")
    if weights.dtype == np.bool_ or not np.issubdtype(weights.dtype, np.number):
        raise TypeError(f"weights must be numbers, got dtype {weights.dtype}")
    if np.issubdtype(weights.dtype, np.floating) and not np.isfinite(weights).all():
        raise ValueError("weights must be finite numbers")
    if (weights < 0).any():
        raise ValueError("weights cannot be negative")
    units = np.abs(totals.astype(np.int64))
    sign = np.where(totals < 0, -1, 1).astype(np.int64)
    if np.issubdtype(weights.dtype, np.integer) and _fits_int64(units, weights):
        shares = _integer_rows(units, weights.astype(np.int64))
    else:
        shares = _float_rows(units, weights.astype(np.float64))
    shares *= sign[:, None]
    if not np.array_equal(shares.sum(axis=1), totals.astype(np.int64)):  # pragma: no cover
        raise AssertionError("largest-remainder allocation lost units; please report")
    return shares


def _fits_int64(units: IntArray, weights: npt.NDArray[Any]) -> bool:
    """True when every ``units × weight`` product and weight sum stays well inside int64."""
    row_sums = weights.astype(np.float64).sum(axis=1)
    largest_sum = float(row_sums.max(initial=0))  # float ok: an overflow bound, not money
    return largest_sum < _INT64_LIMIT / 4 and max(int(units.max(initial=0)), 1) * largest_sum < (
        _INT64_LIMIT / 4
    )


def _integer_rows(units: IntArray, weights: IntArray) -> IntArray:
    weight_sums = weights.sum(axis=1)
    _check_row_sums(units, weight_sums)
    safe_sums = np.where(weight_sums > 0, weight_sums, 1)[:, None]
    scaled = units[:, None] * weights
    shares: IntArray
    shares, remainders = np.divmod(scaled, safe_sums)
    leftover = units - shares.sum(axis=1)
    shares += _round_up_mask(remainders, leftover)
    return shares


def _float_rows(units: IntArray, weights: FloatArray) -> IntArray:
    weight_sums = weights.sum(axis=1)
    _check_row_sums(units, weight_sums)
    with np.errstate(over="ignore"):  # tiny (subnormal) weights: such rows go the exact way
        scale = np.divide(units, weight_sums, out=np.zeros(len(units)), where=weight_sums > 0)
    overflowed = ~np.isfinite(scale)
    scale[overflowed] = 0.0
    quotas = weights * scale[:, None]
    shares: IntArray = quotas.astype(np.int64)  # truncation is the floor: quotas are non-negative
    remainders = quotas
    remainders -= shares
    leftover = units - shares.sum(axis=1)
    positive = np.count_nonzero(weights, axis=1)
    unsafe = overflowed | (units >= _FLOAT_EXACT_LIMIT) | (leftover < 0) | (leftover > positive)
    mask = _round_up_mask(remainders, np.where(unsafe, 0, leftover))
    shares += mask
    # A unit may only land on a positive remainder; otherwise float error misled us.
    unsafe |= (mask & (remainders <= 0)).any(axis=1)
    for row in np.nonzero(unsafe)[0]:
        shares[row] = _exact_row(int(units[row]), weights[row])
    return shares


def _round_up_mask(remainders: npt.NDArray[Any], leftover: IntArray) -> npt.NDArray[np.bool_]:
    """Per row, True on the ``leftover`` largest remainders, ties to the lower index.

    No argsort and no per-row loop: one row-wise value sort gives each row's threshold (its
    leftover-th largest remainder); everything above it is taken, and the rest comes from
    the ties in index order. Only rows with surplus ties pay for the cumulative count.
    """
    rows, n = remainders.shape
    ordered = np.sort(remainders, axis=1)
    threshold = ordered[np.arange(rows), np.clip(n - leftover, 0, n - 1)]
    never = np.inf if np.issubdtype(remainders.dtype, np.floating) else np.iinfo(np.int64).max
    threshold = np.where(leftover > 0, threshold, never)[:, None]
    above: npt.NDArray[np.bool_] = remainders > threshold
    tied: npt.NDArray[np.bool_] = remainders == threshold
    need = leftover - above.sum(axis=1)
    mask = above | tied
    crowded = np.nonzero(tied.sum(axis=1) > need)[0]
    if crowded.size:
        crowded_ties = tied[crowded]
        first_ties = np.cumsum(crowded_ties, axis=1) <= need[crowded, None]
        mask[crowded] = above[crowded] | (crowded_ties & first_ties)
    return mask


def _check_row_sums(units: IntArray, weight_sums: npt.NDArray[Any]) -> None:
    empty = np.nonzero((weight_sums <= 0) & (units != 0))[0]
    if empty.size:
        raise ValueError(
            f"weights add up to zero in row {int(empty[0])} (of {empty.size} such "
            "rows), so there is no proportion to split by"
        )


def _exact_row(units: int, weights: FloatArray) -> IntArray:
    """Exact Hamilton for one row of float weights, each read as the exact binary fraction
    it is."""
    fractions = [Fraction(float(w)) for w in weights]
    denominator = lcm(*(f.denominator for f in fractions))
    integers = [int(f * denominator) for f in fractions]
    return np.array(split_minor_units(units, integers), dtype=np.int64)
