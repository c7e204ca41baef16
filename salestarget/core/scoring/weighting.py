"""Weights (权重) that must add up to 100%, reweighting over the parts that have a score, and
the anonymity threshold of 360° reviews.

Weights are percents with up to two decimals (``Decimal("12.5")``). Reweighting happens in
integer hundredths of a percent through largest-remainder rounding, so the weights used
always add up to exactly the weights given: a missing reviewer group's share is spread over
the groups that answered, in proportion to theirs, and never lost or invented.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from typing import Generic, TypeVar

from salestarget.core.largest_remainder import split_minor_units
from salestarget.core.money import (
    DECIMAL_CONTEXT,
    as_decimal,
    from_minor,
    minor_unit,
    quantize,
    to_minor,
)
from salestarget.core.scoring.items import HUNDRED, SCORE_PLACES

K = TypeVar("K", bound=Hashable)
WEIGHT_PLACES = 2
_SCORE_UNIT = minor_unit(SCORE_PLACES)

# Peer and customer answers are only ever shown, or counted, as an aggregate of at least this
# many answers: with fewer, who said what could be guessed.
ANONYMITY_THRESHOLD = 3


class ReviewerGroup(StrEnum):
    SELF = "self"  # 自评
    MANAGER = "manager"  # 上级评价
    PEER = "peer"  # 同事互评
    CUSTOMER = "customer"  # 客户反馈


ANONYMOUS_GROUPS = frozenset({ReviewerGroup.PEER, ReviewerGroup.CUSTOMER})


class WeightsError(ValueError):
    """Weights that do not add up to 100%, or are negative, or too finely divided."""


def check_weights(weights: Mapping[K, Decimal | int], what: str = "weights") -> None:
    """Refuse weights that do not add up to exactly 100 (percent) or are negative."""
    if not weights:
        raise WeightsError(f"{what}: there is nothing to weigh")
    total = Decimal(0)
    for key, value in weights.items():
        weight = as_decimal(value, f"weight of {key}")
        if weight < 0:
            raise WeightsError(f"{what}: the weight of {key} is negative ({weight})")
        try:
            to_minor(weight, WEIGHT_PLACES)
        except ValueError:
            raise WeightsError(
                f"{what}: the weight of {key} has more than {WEIGHT_PLACES} decimals ({weight})"
            ) from None
        total += weight
    if total != HUNDRED:
        raise WeightsError(f"{what} add up to {total}%, not 100%")


@dataclass(frozen=True)
class Reweighted(Generic[K]):
    """The weights used for the keys that have a score, and the keys left out."""

    weights: dict[K, Decimal]
    missing: tuple[K, ...]

    @property
    def total(self) -> Decimal:
        return sum(self.weights.values(), Decimal(0))


def reweight(weights: Mapping[K, Decimal | int], present: Iterable[K]) -> Reweighted[K]:
    """``weights`` restricted to the ``present`` keys and scaled up to the same total.

    A present key whose weight is 0 keeps 0. When no present key carries weight, nothing can
    be scored: the result has no weights and every weighted key is missing.
    """
    # A cycle reweights the same few patterns (one template, a few groups missing) for
    # thousands of people: remember them.
    found = _reweight_cached(tuple(weights.items()), frozenset(present))
    return Reweighted(dict(found.weights), found.missing)


@lru_cache(maxsize=4096)
def _reweight_cached(
    items: tuple[tuple[K, Decimal | int], ...], here: frozenset[K]
) -> Reweighted[K]:
    weights = dict(items)
    order = list(weights)
    units = {k: to_minor(as_decimal(weights[k], f"weight of {k}"), WEIGHT_PLACES) for k in order}
    if any(u < 0 for u in units.values()):
        raise WeightsError("weights cannot be negative")
    kept = [k for k in order if k in here]
    missing = tuple(k for k in order if k not in here and units[k] > 0)
    if not any(units[k] for k in kept):
        return Reweighted({}, tuple(k for k in order if units[k] > 0))
    shares = split_minor_units(sum(units.values()), [units[k] for k in kept])
    return Reweighted(
        {k: from_minor(s, WEIGHT_PLACES) for k, s in zip(kept, shares, strict=True)}, missing
    )


@dataclass(frozen=True)
class WeightedScore(Generic[K]):
    """A weighted score and the weights it used (after reweighting) and left out."""

    score: Decimal | None
    weights: dict[K, Decimal]
    missing: tuple[K, ...]


def weighted_score(
    weights: Mapping[K, Decimal | int], scores: Mapping[K, Decimal | None]
) -> WeightedScore[K]:
    """Σ score × weight / Σ weight over the keys that have a score, the others' weight
    spread over them (see ``reweight``). The score is None when nothing could be scored."""
    present = [k for k in weights if scores.get(k) is not None]
    if len(present) == len(weights):
        # Everything scored (the usual case): the weights are used as given, no reweighting.
        return _all_scored(weights, scores)
    used = reweight(weights, present)
    if not used.weights:
        return WeightedScore(None, {}, used.missing)
    # The score uses the exact proportions of the original weights; ``used.weights`` (rounded
    # to hundredths of a percent) is what the scorecard shows.
    total = Decimal(0)
    points = Decimal(0)
    for key in used.weights:
        score = scores[key]
        assert score is not None  # only keys with a score are present
        weight = as_decimal(weights[key], f"weight of {key}")
        total = DECIMAL_CONTEXT.add(total, weight)
        points = DECIMAL_CONTEXT.add(points, DECIMAL_CONTEXT.multiply(score, weight))
    return WeightedScore(
        quantize(DECIMAL_CONTEXT.divide(points, total), SCORE_PLACES), used.weights, used.missing
    )


def _all_scored(
    weights: Mapping[K, Decimal | int], scores: Mapping[K, Decimal | None]
) -> WeightedScore[K]:
    given, total, used = _weights_checked(tuple(weights.items()))
    if not total:
        return WeightedScore(None, {}, tuple(k for k, w in given if w > 0))
    points = Decimal(0)
    for key, weight in given:
        score = scores[key]
        assert score is not None
        points = DECIMAL_CONTEXT.add(points, DECIMAL_CONTEXT.multiply(score, weight))
    return WeightedScore(
        quantize(DECIMAL_CONTEXT.divide(points, total), SCORE_PLACES), dict(used), ()
    )


@lru_cache(maxsize=4096)
def _weights_checked(
    items: tuple[tuple[K, Decimal | int], ...],
) -> tuple[tuple[tuple[K, Decimal], ...], Decimal, tuple[tuple[K, Decimal], ...]]:
    """The weights as Decimals, their total and as shown (hundredths of a percent); a cycle
    weighs thousands of scorecards with the same few templates, so this is remembered."""
    given = tuple((k, as_decimal(w, f"weight of {k}")) for k, w in items)
    if any(w < 0 for _k, w in given):
        raise WeightsError("weights cannot be negative")
    used = tuple((k, from_minor(to_minor(w, WEIGHT_PLACES), WEIGHT_PLACES)) for k, w in given)
    return given, sum((w for _k, w in given), Decimal(0)), used


@dataclass(frozen=True)
class GroupAggregate:
    """What may be shown of a reviewer group's answers to one item: how many answered and
    their mean, or nothing (``mean`` None) when the group is anonymous and too few answered."""

    group: ReviewerGroup
    answers: int
    mean: Decimal | None

    @property
    def hidden(self) -> bool:
        return self.mean is None and self.answers > 0


def aggregate_group(
    group: ReviewerGroup,
    scores: Sequence[Decimal],
    *,
    threshold: int = ANONYMITY_THRESHOLD,
) -> GroupAggregate:
    """The mean of a group's scores; for peers and customers only with ``threshold`` answers
    or more (below it the answers count for nothing and are not shown, not even their number
    beyond "too few")."""
    if threshold < 1:
        raise ValueError(f"an anonymity threshold is at least 1, got {threshold}")
    count = len(scores)
    if not count or (ReviewerGroup(group) in ANONYMOUS_GROUPS and count < threshold):
        return GroupAggregate(ReviewerGroup(group), count, None)
    mean = DECIMAL_CONTEXT.divide(sum(scores, Decimal(0)), Decimal(count))
    return GroupAggregate(ReviewerGroup(group), count, quantize(mean, SCORE_PLACES))


@dataclass(frozen=True)
class _Pattern(Generic[K]):
    """How the rows that have a score for the same keys are weighed: the positions used,
    their weights as given, the total, and the weights shown and keys left out; ``used``
    empty when nothing can be scored."""

    used: tuple[int, ...]
    given: tuple[Decimal, ...]
    total: Decimal
    result: WeightedScore[K]


def weighted_scores(
    weights: Mapping[K, Decimal | int], rows: Sequence[Sequence[Decimal | None]]
) -> list[WeightedScore[K]]:
    """``weighted_score`` for many rows at once (a cycle's scorecards of one template): row
    ``i`` holds one score per key of ``weights``, in its order, and result ``i`` equals
    ``weighted_score(weights, dict(zip(weights, rows[i])))``.

    The weights are checked and reweighted once per pattern of missing scores, not once per
    row, and a row whose scores repeat an earlier row's is not weighed again. Rows of one
    pattern share their result's ``weights`` mapping: read it, do not change it."""
    keys = tuple(weights)
    patterns: dict[tuple[bool, ...], _Pattern[K]] = {}
    done: dict[tuple[Decimal | None, ...], WeightedScore[K]] = {}
    out: list[WeightedScore[K]] = []
    for row in rows:
        scores = tuple(row)
        found = done.get(scores)
        if found is None:
            if len(scores) != len(keys):
                raise ValueError(f"a row has {len(scores)} scores for {len(keys)} weights")
            present = tuple(s is not None for s in scores)
            pattern = patterns.get(present)
            if pattern is None:
                pattern = patterns[present] = _pattern(weights, keys, present)
            found = done[scores] = _weigh(pattern, scores)
        out.append(found)
    return out


def _pattern(
    weights: Mapping[K, Decimal | int], keys: tuple[K, ...], present: tuple[bool, ...]
) -> _Pattern[K]:
    """``weighted_score``'s two ways, worked out once for a pattern of present keys."""
    if all(present):
        given, total, shown = _weights_checked(tuple(weights.items()))
        if not total:
            return _Pattern((), (), total, WeightedScore(None, {}, ()))
        return _Pattern(
            tuple(range(len(keys))),
            tuple(w for _k, w in given),
            total,
            WeightedScore(None, dict(shown), ()),
        )
    used = reweight(weights, [k for k, here in zip(keys, present, strict=True) if here])
    if not used.weights:
        return _Pattern((), (), Decimal(0), WeightedScore(None, {}, used.missing))
    positions = tuple(i for i, k in enumerate(keys) if k in used.weights)
    kept = tuple(as_decimal(weights[keys[i]], f"weight of {keys[i]}") for i in positions)
    total = Decimal(0)
    for weight in kept:
        total = DECIMAL_CONTEXT.add(total, weight)
    return _Pattern(positions, kept, total, WeightedScore(None, used.weights, used.missing))


def _weigh(pattern: _Pattern[K], scores: tuple[Decimal | None, ...]) -> WeightedScore[K]:
    if not pattern.used:
        return pattern.result
    points = Decimal(0)
    for position, weight in zip(pattern.used, pattern.given, strict=True):
        score = scores[position]
        assert score is not None  # only positions with a score are used
        points = DECIMAL_CONTEXT.add(points, DECIMAL_CONTEXT.multiply(score, weight))
    # ``quantize`` without its argument checks: ``points`` is a Decimal made here.
    score = DECIMAL_CONTEXT.divide(points, pattern.total).quantize(
        _SCORE_UNIT, context=DECIMAL_CONTEXT
    )
    return WeightedScore(score, pattern.result.weights, pattern.result.missing)
