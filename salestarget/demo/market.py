"""Market size (市场容量) per province and month, for 市场占有率. Each team's territory is one
province; the company starts FY2024 with a 8–22% share there and the market grows more slowly
than the company in the west and south, so shares move. Figures are whole 万元 (10,000 CNY).
Summing a region subtree's rows gives the size of a 大区's market.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from salestarget.demo.company import TEAMS
from salestarget.demo.masterdata import Catalog
from salestarget.demo.sales import SalesTotals
from salestarget.demo.scales import (
    MONTH_BOUNDS,
    MONTHS,
    SOURCE,
    UNIT,
    YEARS,
    as_dates,
    random_stream,
)
from salestarget.demo.seasons import B2B_MONTHS

WAN = 10_000 * UNIT


def market_frame(*, seed: int, catalog: Catalog, totals: SalesTotals) -> pl.DataFrame:
    rng = random_stream(seed, "market")
    first_day = MONTH_BOUNDS[:-1]
    in_2024 = YEARS[first_day] == 2024
    t = np.arange(len(MONTHS)) / 12.0
    month_number = (MONTHS.astype(np.int64) % 12)[None, :]
    rows = []
    for team, (code, *_rest) in enumerate(TEAMS):
        ours = np.maximum(totals.by_territory_month[team], 0).astype(np.float64)
        share = rng.uniform(0.08, 0.22)
        base = ours[in_2024].mean() / share / B2B_MONTHS.mean()
        growth = rng.normal(0.06, 0.03)
        size = base * np.exp(growth * t) * B2B_MONTHS[month_number[0]]
        size *= rng.normal(1.0, 0.03, size=len(size))
        rows.append(
            pl.DataFrame(
                {
                    "region_id": np.full(len(size), catalog.province_ids[code]),
                    "month": as_dates(first_day),
                    "amount": np.maximum(np.rint(size / WAN), 1).astype(np.int64) * WAN,
                    "code": np.full(len(size), code),
                }
            )
        )
    frame = pl.concat(rows)
    return frame.select(
        pl.lit(SOURCE).alias("source"),
        pl.format("MS-{}-{}", "code", pl.col("month").dt.strftime("%Y%m")).alias("external_id"),
        "region_id",
        "month",
        "amount",
    )
