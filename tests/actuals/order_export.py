"""A synthetic order export shaped like a retailer's four years of order lines: a region on every
line (most customers buy in several regions), a segment, a profit column, no salesperson
column, product names over 100 characters, amounts with four decimals — and the master data
files that come with it. Generated from a seed, so every run sees the same file."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

REGIONS = ("West", "East", "Central", "South")
SEGMENTS = ("Consumer", "Corporate", "Home Office")
CATEGORIES = {
    "Furniture": ("Chairs", "Tables", "Bookcases"),
    "Office Supplies": ("Binders", "Paper", "Storage"),
    "Technology": ("Phones", "Machines", "Accessories"),
}
FIRST, LAST = dt.date(2023, 1, 3), dt.date(2026, 11, 27)
SALES_HEADER = [
    "Row ID",
    "Order ID",
    "Order Date",
    "Ship Date",
    "Ship Mode",
    "Customer ID",
    "Customer Name",
    "Segment",
    "Country",
    "City",
    "Region",
    "Product ID",
    "Category",
    "Sub-Category",
    "Product Name",
    "Sales",
    "Quantity",
    "Discount",
    "Profit",
]


@dataclass
class OrderExport:
    """The files, and the totals they hold, added up here line by line in Decimal."""

    sales: bytes
    products: bytes
    customers: bytes
    lines: int
    by_year: dict[int, Decimal] = field(default_factory=dict)
    by_region: dict[str, Decimal] = field(default_factory=dict)
    by_category: dict[str, Decimal] = field(default_factory=dict)
    by_year_region: dict[tuple[int, str], Decimal] = field(default_factory=dict)
    by_year_category: dict[tuple[int, str], Decimal] = field(default_factory=dict)
    profit_by_year: dict[int, Decimal] = field(default_factory=dict)
    customers_in_several_regions: int = 0


def _csv(rows: list[list[object]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode()


def _money(rng: random.Random, low: int, high: int) -> Decimal:
    """An amount with up to four decimals (discounted prices)."""
    return Decimal(rng.randint(low * 10_000, high * 10_000)) / 10_000


def order_export(*, lines: int = 3_000, customers: int = 240, seed: int = 13) -> OrderExport:
    rng = random.Random(seed)
    products = []
    for i in range(60):
        category = rng.choice(list(CATEGORIES))
        sub = rng.choice(CATEGORIES[category])
        # Names as ERPs write them; two of exactly 109 and 127 characters, as in the report.
        name = f"{sub} model {i:03d} " + "with ergonomic adjustable frame and " * 4
        length = 109 if i == 0 else 127 if i == 1 else rng.randint(60, 180)
        products.append(
            (
                f"{category[:3].upper()}-{sub[:2].upper()}-{10000 + i}",
                category,
                sub,
                name[:length],
            )
        )
    people = []
    for i in range(customers):
        people.append(
            (
                f"CU-{10000 + i}",
                f"Customer {i:04d} Holdings",
                rng.choice(SEGMENTS),
                rng.choice(REGIONS),
            )
        )

    sales: list[list[object]] = [SALES_HEADER]
    export = OrderExport(sales=b"", products=b"", customers=b"", lines=lines)
    totals: dict[str, defaultdict[object, Decimal]] = {
        k: defaultdict(Decimal) for k in ("y", "r", "c", "yr", "yc", "py")
    }
    regions_of: defaultdict[str, set[str]] = defaultdict(set)
    span = (LAST - FIRST).days
    row = 0
    while row < lines:
        day = FIRST + dt.timedelta(days=rng.randint(0, span))
        code, cname, segment, home = rng.choice(people)
        region = home if rng.random() < 0.6 else rng.choice(REGIONS)
        order = f"CA-{day.year}-{rng.randint(100000, 999999)}"
        for _line in range(min(rng.randint(1, 4), lines - row)):
            row += 1
            pcode, category, sub, pname = rng.choice(products)
            amount = _money(rng, 1, 2_000)
            profit = (amount * Decimal(rng.randint(-40, 45)) / 100).quantize(Decimal("0.0001"))
            sales.append(
                [
                    row,
                    order,
                    f"{day.month}/{day.day}/{day.year}",
                    (day + dt.timedelta(days=4)).isoformat(),
                    "Standard Class",
                    code,
                    cname,
                    segment,
                    "United States",
                    "Springfield",
                    region,
                    pcode,
                    category,
                    sub,
                    pname,
                    f"{amount}",
                    rng.randint(1, 14),
                    "0.2",
                    f"{profit}",
                ]
            )
            year = day.year
            totals["y"][year] += amount
            totals["r"][region] += amount
            totals["c"][category] += amount
            totals["yr"][(year, region)] += amount
            totals["yc"][(year, category)] += amount
            totals["py"][year] += profit
            regions_of[code].add(region)

    export.sales = _csv(sales)
    export.products = _csv(
        [["Product ID", "Product Name", "Category", "Sub-Category"]]
        + [[c, n, cat, sub] for c, cat, sub, n in products]
    )
    export.customers = _csv(
        [["Customer ID", "Customer Name", "Customer Type", "Region", "Channel"]]
        + [[c, n, s, r, "Retail"] for c, n, s, r in people]
    )
    export.by_year = dict(totals["y"])  # type: ignore[arg-type]
    export.by_region = dict(totals["r"])  # type: ignore[arg-type]
    export.by_category = dict(totals["c"])  # type: ignore[arg-type]
    export.by_year_region = dict(totals["yr"])  # type: ignore[arg-type]
    export.by_year_category = dict(totals["yc"])  # type: ignore[arg-type]
    export.profit_by_year = dict(totals["py"])  # type: ignore[arg-type]
    export.customers_in_several_regions = sum(1 for r in regions_of.values() if len(r) > 1)
    return export
