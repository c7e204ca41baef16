"""Quota scenarios, the arithmetic: what a quota costs and how likely it is met, given the
distribution of the period's total (:class:`Outlook`).

A payout is not linear in the total (thresholds, accelerators, caps), so its expectation is
not the payout at the expected total: it is the mean of the payout over the distribution,
taken here at ``points`` equally likely totals (the mid-quantiles of the normal the outlook
reads the total as; a total below zero counts as zero).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from statistics import NormalDist

from salestarget.core.forecasting.outlook import Outlook
from salestarget.core.money import DECIMAL_CONTEXT, quantize

POINTS = 21
CENT = Decimal("0.01")


def likely_totals(outlook: Outlook, *, points: int = POINTS) -> list[Decimal]:
    """``points`` equally likely totals of the period, to the cent, never below zero."""
    if outlook.sd <= 0:
        return [Decimal(repr(max(outlook.expected, 0.0))).quantize(CENT)]
    normal = NormalDist(outlook.expected, outlook.sd)
    return [
        Decimal(repr(max(normal.inv_cdf((i + 0.5) / points), 0.0))).quantize(CENT)
        for i in range(points)
    ]


def expected_payout(
    pay: Callable[[Decimal], Decimal], outlook: Outlook, *, points: int = POINTS
) -> Decimal:
    """The mean of ``pay(total)`` over the distribution of the total, to the cent."""
    totals = likely_totals(outlook, points=points)
    paid = sum((pay(t) for t in totals), Decimal(0))
    return quantize(DECIMAL_CONTEXT.divide(paid, Decimal(len(totals))), 2)


def expected_share_reaching(probabilities: Sequence[float | None]) -> float | None:
    """The share of people expected to reach their quota: the mean of their probabilities
    (the expected count over the count); None when no one has one."""
    known = [p for p in probabilities if p is not None]
    return sum(known) / len(known) if known else None
