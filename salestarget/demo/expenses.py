"""Sales expenses (销售费用): each rep's monthly claims by category, in proportion to what they
sold at a personal expense rate, plus team-level marketing and training spend."""

from __future__ import annotations

import numpy as np
import polars as pl

from salestarget.demo.company import Company
from salestarget.demo.sales import SalesTotals
from salestarget.demo.scales import (
    CENT,
    EPOCH_DAY,
    MONTH_BOUNDS,
    MONTH_NUMBER,
    N_MONTHS,
    SOURCE,
    random_stream,
)

# Category, share of a rep's monthly spend, extra claims per month (Poisson mean).
REP_CATEGORIES = (
    ("差旅费", 0.40, 2.0),
    ("业务招待费", 0.30, 1.5),
    ("交通通讯费", 0.15, 0.0),
    ("样品及礼品", 0.15, 0.3),
)
MARKETING = "市场推广费"
TRAINING = "会议培训费"


def expenses_frame(*, seed: int, company: Company, totals: SalesTotals) -> pl.DataFrame:
    rng = random_stream(seed, "expenses")
    rate = rng.uniform(0.02, 0.06, size=company.reps)
    sales = np.maximum(totals.by_rep_month, 0)
    # A floor keeps claims coming in slow months; it scales with the demo's size.
    floor = 0.01 * sales[sales > 0].mean() if (sales > 0).any() else 0.0
    budget = rate[:, None] * sales + floor

    lo, hi = MONTH_BOUNDS[:-1][None, :], MONTH_BOUNDS[1:][None, :]
    first = np.maximum(lo, company.hire_day[:, None])
    last = np.minimum(hi, company.leave_day[:, None])  # exclusive
    rep, month = np.nonzero(last > first)
    parts = []
    for category, share, extra in REP_CATEGORIES:
        claims = 1 + rng.poisson(extra, size=len(rep))
        r, m = np.repeat(rep, claims), np.repeat(month, claims)
        span = (last - first)[r, m]
        day = first[r, m] + np.floor(rng.random(len(r)) * span).astype(np.int64)
        amount = (
            budget[r, m] * share / np.repeat(claims, claims) * rng.lognormal(-0.08, 0.4, len(r))
        )
        parts.append(
            pl.DataFrame(
                {
                    "spent_on": day,
                    "person_id": company.rep_person_ids[r],
                    "node_id": company.node_at(r, day),
                    "category": np.full(len(r), category),
                    "amount": np.rint(amount / CENT).astype(np.int64) * CENT,
                }
            )
        )

    # Team spend: marketing every month (more before 618 and 双11), training each quarter.
    node_sales = np.maximum(totals.by_node_month, 0)
    team, month = np.nonzero(np.ones_like(node_sales, dtype=bool))
    month_number = MONTH_NUMBER[MONTH_BOUNDS[:-1]][month]
    boost = np.where(np.isin(month_number, (5, 10)), 2.0, 1.0)
    marketing = node_sales[team, month] * 0.012 * boost * rng.lognormal(0.0, 0.25, len(team))
    quarter_end = np.isin(month_number, (3, 6, 9, 12))
    training = node_sales[team, month] * 0.01 * quarter_end
    for category, amount, day_in_month in ((MARKETING, marketing, 5), (TRAINING, training, 20)):
        keep = amount > 0
        day = MONTH_BOUNDS[:-1][month[keep]] + day_in_month
        parts.append(
            pl.DataFrame(
                {
                    "spent_on": day,
                    "person_id": pl.Series([None] * int(keep.sum()), dtype=pl.Int64),
                    "node_id": company.team_node_ids[team[keep]],
                    "category": np.full(int(keep.sum()), category),
                    "amount": np.rint(amount[keep] / CENT).astype(np.int64) * CENT,
                }
            )
        )
    frame = pl.concat(parts).filter(
        (pl.col("amount") > 0) & (pl.col("spent_on") < int(MONTH_BOUNDS[N_MONTHS]))
    )
    return frame.sort("spent_on", "node_id", "category", maintain_order=True).select(
        pl.lit(SOURCE).alias("source"),
        pl.format("EX{}", pl.int_range(1, frame.height + 1).cast(pl.String).str.zfill(7)).alias(
            "external_id"
        ),
        (pl.col("spent_on") + EPOCH_DAY).cast(pl.Int32).cast(pl.Date),
        "person_id",
        "node_id",
        "category",
        "amount",
    )
