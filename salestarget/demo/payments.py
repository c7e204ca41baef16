"""Collections (回款): each customer pays a month's net purchases after a lag that depends on
its channel (e-commerce platforms settle in days, government buyers take months), sometimes in
two instalments and not always in full. What falls after ``DEMO_END`` is still receivable."""

from __future__ import annotations

import numpy as np
import polars as pl

from salestarget.demo.company import Company
from salestarget.demo.customers import CustomerBook
from salestarget.demo.masterdata import CHANNELS, CUSTOMER_TYPES
from salestarget.demo.sales import SalesTotals
from salestarget.demo.scales import CENT, MONTH_BOUNDS, N_DAYS, SOURCE, as_dates, random_stream

# Days after month end, by channel (mean, spread).
LAG = {"DIRECT": (55, 20), "DEALER": (30, 10), "ECOM": (12, 4), "AGENT": (45, 15)}
GOVERNMENT_EXTRA_DAYS = 30
SPLIT_SHARE = 0.3
GOVERNMENT = [t[0] for t in CUSTOMER_TYPES].index("GOV")


def payments_frame(
    *, seed: int, company: Company, book: CustomerBook, totals: SalesTotals
) -> pl.DataFrame:
    rng = random_stream(seed, "payments")
    customer, month = np.nonzero(totals.by_customer_month > 0)
    owed = totals.by_customer_month[customer, month].astype(np.float64)
    channel = book.channel_idx[customer]
    lag_mean = np.array([LAG[c[0]][0] for c in CHANNELS])[channel]
    lag_spread = np.array([LAG[c[0]][1] for c in CHANNELS])[channel]
    government = book.type_idx[customer] == GOVERNMENT
    lag = np.maximum(1, rng.normal(lag_mean, lag_spread)) + government * GOVERNMENT_EXTRA_DAYS
    due = MONTH_BOUNDS[1:][month] - 1 + np.rint(lag).astype(np.int64)
    collected = owed * rng.uniform(0.97, 1.0, size=len(owed))

    split = rng.random(len(owed)) < SPLIT_SHARE
    first_share = np.where(split, 0.6, 1.0)
    customer = np.concatenate([customer, customer[split]])
    day = np.concatenate([due, due[split] + 30])
    amount = np.concatenate([collected * first_share, collected[split] * 0.4])
    keep = day < N_DAYS
    customer, day, amount = customer[keep], day[keep], amount[keep]
    order = np.lexsort((customer, day))
    customer, day, amount = customer[order], day[order], amount[order]
    rep = book.owner_at(customer, day)
    return pl.DataFrame(
        {
            "source": np.full(len(day), SOURCE),
            "external_id": [f"PM{i:07d}" for i in range(1, len(day) + 1)],
            "received_on": as_dates(day),
            "customer_id": book.ids[customer],
            "person_id": company.rep_person_ids[rep],
            "node_id": company.node_at(rep, day),
            "amount": np.rint(amount / CENT).astype(np.int64) * CENT,
        }
    )
