"""Quotas from the people's targets: the value, base (保底) or challenge (挑战) figure of the
person's own target on the measure for the period (no product, region, customer type or
channel slice), from the newest approved or locked plan; a base or challenge figure that
was never set falls back to the target value. One query for every component of a run."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

from salestarget.incentives.models import QuotaSource
from salestarget.incentives.queries.measures import FEW
from salestarget.targets.models import Status, Target

# The figure each source reads, as its place in the rows below (value, base, challenge).
FIGURE = {QuotaSource.BASE: 1, QuotaSource.CHALLENGE: 2}


class QuotaAsk(NamedTuple):
    """A component's quota: the sum of ``source``'s figure of ``metric`` over ``periods``
    (one period, or the months of a year to date)."""

    metric: str
    periods: tuple[str, ...]
    source: str


def target_quotas_many(
    asks: Iterable[tuple[QuotaAsk, list[int]]],
) -> dict[QuotaAsk, dict[int, Decimal]]:
    """``{ask: {person: quota}}`` for each ask and its people, from one query over the
    targets of every metric, period and person asked."""
    wanted: dict[QuotaAsk, set[int]] = defaultdict(set)
    for ask, asked in asks:
        wanted[ask].update(asked)
    if not wanted:
        return {}
    people: set[int] = set().union(*wanted.values())
    targets = Target.objects.filter(person__isnull=False)
    if len(people) <= FEW:
        targets = targets.filter(person_id__in=people)
    rows = (
        targets.filter(
            metric__in={a.metric for a in wanted},
            period__in={p for a in wanted for p in a.periods},
            plan__status__in=[Status.APPROVED, Status.LOCKED],
            product_category__isnull=True,
            product_line__isnull=True,
            product__isnull=True,
            region__isnull=True,
            customer_type__isnull=True,
            channel__isnull=True,
        )
        .order_by("person_id", "metric", "period", "-plan_id")
        .values_list("person_id", "metric", "period", "value", "base_value", "challenge_value")
    )
    newest: dict[tuple[int, str, str], tuple[Decimal, Decimal | None, Decimal | None]] = {}
    for person_id, metric, period, value, base, challenge in rows:
        if person_id not in people:
            continue
        # The newest plan comes first for each person, metric and period; older are ignored.
        newest.setdefault((person_id, metric, period), (value, base, challenge))
    out: dict[QuotaAsk, dict[int, Decimal]] = {}
    for ask, chosen in wanted.items():
        place = FIGURE.get(QuotaSource(ask.source), 0)
        quotas: dict[int, Decimal] = {}
        for person_id in sorted(chosen):
            for period in ask.periods:
                found = newest.get((person_id, ask.metric, period))
                if found is not None:
                    figure = found[place]
                    quotas[person_id] = quotas.get(person_id, Decimal(0)) + (
                        found[0] if figure is None else figure
                    )
        out[ask] = quotas
    return out
