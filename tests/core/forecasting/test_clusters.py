"""Customer clusters: k-means on recency, frequency and (log) amount finds the groups the
customers actually form, describes each in RFM's words, and is the same on every run."""

from __future__ import annotations

from decimal import Decimal

from salestarget.core.forecasting.clusters import customer_clusters
from salestarget.core.forecasting.customers import Purchases


def _group(start: int, n: int, days: int, frequency: int, amount: int) -> list[Purchases]:
    return [
        Purchases(start + i, days + i, frequency + i % 2, Decimal(amount + 100 * i))
        for i in range(n)
    ]


LOYAL = _group(100, 6, 3, 40, 500_000)  # bought days ago, forty days a year, much
SLEEPING = _group(200, 6, 300, 2, 3_000)  # ten months ago, twice, little
OCCASIONAL = _group(300, 6, 60, 8, 40_000)


def test_three_plain_groups_come_out_as_three_clusters_described_in_rfm_words() -> None:
    found = customer_clusters(LOYAL + SLEEPING + OCCASIONAL, k=3)
    assert [set(c.customers) for c in found] == [
        {p.customer_id for p in LOYAL},
        {p.customer_id for p in OCCASIONAL},
        {p.customer_id for p in SLEEPING},
    ]  # largest amount first
    loyal, _occasional, sleeping = found
    assert (loyal.recent, loyal.frequent, loyal.large) == (True, True, True)
    assert (sleeping.recent, sleeping.frequent, sleeping.large) == (False, False, False)
    assert loyal.amount == sum((p.monetary for p in LOYAL), Decimal(0))
    assert loyal.frequency == Decimal("40.50")
    assert sum(c.size for c in found) == 18


def test_the_same_customers_give_the_same_clusters_on_every_run() -> None:
    customers = LOYAL + SLEEPING + OCCASIONAL
    first = customer_clusters(customers)
    assert len(first) == 4
    assert all(customer_clusters(customers) == first for _ in range(3))


def test_too_few_customers_make_no_clusters() -> None:
    assert customer_clusters(LOYAL[:5]) == []  # fewer than two clusters of three
    assert len(customer_clusters(LOYAL[:6] + SLEEPING[:3], k=4)) <= 3
