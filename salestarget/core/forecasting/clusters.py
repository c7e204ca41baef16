"""Customer clusters beyond RFM's eight fixed boxes: k-means on each customer's recency,
frequency and (log) amount, standardised, so the groups follow where this company's
customers actually bunch rather than the medians' cut (scipy's ``kmeans2``, k-means++
seeding, a fixed seed: the same data give the same clusters).

Each cluster is described by its members' mean recency, frequency and amount and by the same
three traits RFM uses (recent, frequent, large: its means against all customers' medians),
so a leader can read "recent · frequent · large" off a cluster without knowing k-means.
scipy and numpy are imported on the first call: a page that never asks loads neither.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from statistics import median

from salestarget.core.forecasting.customers import Purchases
from salestarget.core.money import DECIMAL_CONTEXT, quantize

CLUSTERS = 4
MIN_PER_CLUSTER = 3  # fewer customers than 3 per cluster: fewer clusters
SEED = 16


@dataclass(frozen=True)
class Cluster:
    customers: tuple[int, ...]
    days_since: Decimal  # the members' mean days since their last purchase
    frequency: Decimal  # mean purchase days
    monetary: Decimal  # mean amount
    amount: Decimal  # the members' total
    recent: bool
    frequent: bool
    large: bool

    @property
    def size(self) -> int:
        return len(self.customers)


def _mean(values: Sequence[Decimal | int]) -> Decimal:
    total = sum((Decimal(v) for v in values), Decimal(0))
    return quantize(DECIMAL_CONTEXT.divide(total, Decimal(len(values))), 2)


def customer_clusters(customers: Sequence[Purchases], *, k: int = CLUSTERS) -> list[Cluster]:
    """The clusters of ``customers``, largest amount first; empty below two clusters' worth
    of customers."""
    k = min(k, len(customers) // MIN_PER_CLUSTER)
    if k < 2:
        return []
    import numpy as np
    from scipy.cluster.vq import kmeans2

    features = np.array(
        [
            (
                c.days_since,
                c.frequency,
                math.log1p(max(float(c.monetary), 0.0)),  # float ok: a clustering feature
            )
            for c in customers
        ],
        dtype=np.float64,
    )
    spread = features.std(axis=0)
    spread[spread == 0] = 1.0
    scaled = (features - features.mean(axis=0)) / spread
    _centres, labels = kmeans2(scaled, k, minit="++", rng=np.random.default_rng(SEED))
    recency = median(c.days_since for c in customers)
    frequency = median(c.frequency for c in customers)
    monetary = median(c.monetary for c in customers)
    clusters = []
    for label in sorted(set(labels.tolist())):
        members = [c for c, mine in zip(customers, labels.tolist(), strict=True) if mine == label]
        days, often, spent = (
            _mean([c.days_since for c in members]),
            _mean([c.frequency for c in members]),
            _mean([c.monetary for c in members]),
        )
        clusters.append(
            Cluster(
                customers=tuple(c.customer_id for c in members),
                days_since=days,
                frequency=often,
                monetary=spent,
                amount=sum((c.monetary for c in members), Decimal(0)),
                recent=days <= recency,
                frequent=often > frequency,
                large=spent > monetary,
            )
        )
    return sorted(clusters, key=lambda c: -c.amount)
