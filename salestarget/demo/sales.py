"""Sales lines, generated a month at a time as column arrays (NumPy) and framed with Polars.

How many lines a day has, and whose, follows one weight per customer per day:
customer size × the owner's skill and trend × the province's growth × the channel's day
factor (weekends, holidays, 春节, 618, 双11 …). Lines are drawn by inverse-CDF sampling over
those weights, so there is no per-line Python. Products follow a mix per customer type that
drifts with each product line's growth and with launches and discontinuations. A few percent
of lines come back later as returns (negative lines), credited to whoever owns the customer
on the return date.

Every month is drawn from its own random stream, so a large load can stream month by month
with bounded memory and still give the same rows as any other run with that seed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
import polars as pl

from salestarget.actuals.importing.sales_writer import COLUMNS as LINE_COLUMNS
from salestarget.demo.company import NEVER, REP_AHEAD, REP_BEHIND, TEAMS, Company
from salestarget.demo.customers import CustomerBook
from salestarget.demo.masterdata import CHANNELS, CUSTOMER_TYPES, TYPE_CATEGORIES, Catalog
from salestarget.demo.scales import (
    CENT,
    MONTH_BOUNDS,
    MONTH_OF_DAY,
    N_DAYS,
    N_MONTHS,
    SOURCE,
    T_YEARS,
    UNIT,
    Scale,
    as_dates,
    day_index,
    random_stream,
)
from salestarget.demo.seasons import ECOM, channel_day_factors, promotion_days

CHANNEL_DISCOUNT = np.array([c[2] for c in CHANNELS])
CHANNEL_SPREAD = np.array([c[3] for c in CHANNELS])
CHANNEL_FOUR_PLACES = np.array([c[4] for c in CHANNELS])
FY2026 = day_index(dt.date(2026, 1, 1))
HIGHLIGHTED_SHOCKS = {REP_AHEAD: 0.45, REP_BEHIND: -0.35}
ORDER_PREFIX = "SO"


@dataclass
class SalesTotals:
    """What other facts are derived from, added up while the lines stream out (units)."""

    customers: int
    reps: int
    teams: int
    by_customer_month: np.ndarray = field(init=False)
    by_rep_month: np.ndarray = field(init=False)
    by_node_month: np.ndarray = field(init=False)  # by team index of the crediting node
    by_territory_month: np.ndarray = field(init=False)  # by the customer's team territory
    returned_by_customer: np.ndarray = field(init=False)
    gross_by_customer: np.ndarray = field(init=False)
    first_sale_day: np.ndarray = field(init=False)
    lines: int = 0
    returns: int = 0

    def __post_init__(self) -> None:
        self.by_customer_month = np.zeros((self.customers, N_MONTHS), dtype=np.int64)
        self.by_rep_month = np.zeros((self.reps, N_MONTHS), dtype=np.int64)
        self.by_node_month = np.zeros((self.teams, N_MONTHS), dtype=np.int64)
        self.by_territory_month = np.zeros((self.teams, N_MONTHS), dtype=np.int64)
        self.returned_by_customer = np.zeros(self.customers, dtype=np.int64)
        self.gross_by_customer = np.zeros(self.customers, dtype=np.int64)
        self.first_sale_day = np.full(self.customers, NEVER, dtype=np.int64)


@dataclass(frozen=True)
class SalesModel:
    """Everything the monthly draws share: weights over days, customers and products."""

    weights: np.ndarray  # days × customers
    lines_per_weight: float
    product_weights: np.ndarray  # months × types × products
    promotion: np.ndarray  # by day
    rep_skill: np.ndarray


def rep_factors(rng: np.random.Generator, company: Company) -> tuple[np.ndarray, np.ndarray]:
    """(reps × days) selling power, and each rep's skill: skill, personal trend, a FY2026
    surprise (up or down), and a ramp-up for new hires."""
    n = company.reps
    skill = rng.lognormal(0.0, 0.3, size=n)
    trend = rng.normal(0.0, 0.06, size=n)
    shock = np.clip(rng.normal(0.0, 0.15, size=n), -0.35, 0.35)
    for rep, value in HIGHLIGHTED_SHOCKS.items():
        shock[rep] = value
    days = np.arange(N_DAYS)[None, :]
    fy2026 = np.clip((days - FY2026) / 90.0, 0.0, 1.0)
    tenure = days - company.hire_day[:, None]
    ramp = np.where(company.hire_day[:, None] > 0, np.clip(0.3 + 0.7 * tenure / 180, 0.3, 1), 1)
    factors = (
        skill[:, None]
        * np.exp(trend[:, None] * T_YEARS[None, :])
        * (1.0 + shock[:, None] * fy2026)
        * ramp
    )
    return factors, skill


def sales_model(
    *, scale: Scale, seed: int, catalog: Catalog, company: Company, book: CustomerBook
) -> SalesModel:
    rng = random_stream(seed, "sales-model")
    reps, skill = rep_factors(rng, company)
    days = np.arange(N_DAYS)[:, None]
    active = (days >= book.start_day[None, :]) & (days < book.end_day[None, :])
    owner = np.where(days < book.switch_day[None, :], book.owner_before, book.owner_after)
    growth = np.array([catalog.province_growth[t[0]] for t in TEAMS])[book.team_idx]
    # A newly won customer starts with small orders and grows into its size in half a year.
    tenure = days - book.start_day[None, :]
    ramp = np.where(book.start_day[None, :] > 0, np.clip(0.4 + 0.6 * tenure / 180, 0.4, 1), 1)
    weights = (
        active
        * ramp
        * book.size[None, :]
        * reps[owner, days]
        * np.exp(growth[None, :] * T_YEARS[:, None])
        * channel_day_factors()[book.channel_idx].T
    )
    total = float(weights.sum())  # float ok: demo weights

    products = catalog.products
    popularity = rng.lognormal(0.0, 0.5, size=len(products.ids))
    for cat in np.unique(products.category):
        in_cat = products.category == cat
        popularity[in_cat] /= popularity[in_cat].sum()
    mid_days = (MONTH_BOUNDS[:-1] + MONTH_BOUNDS[1:]) // 2
    growth_by_month = np.exp(
        products.line_growth[products.line][None, :] * T_YEARS[mid_days][:, None]
    )
    on_sale = (mid_days[:, None] >= products.available_from[None, :]) & (
        mid_days[:, None] < products.available_until[None, :]
    )
    type_cats = np.array([TYPE_CATEGORIES[code] for code in catalog.type_codes])
    product_weights = (
        type_cats[:, products.category][None, :, :]
        * (popularity * growth_by_month * on_sale)[:, None, :]
    )
    return SalesModel(
        weights=weights,
        lines_per_weight=scale.sales_lines / total,
        product_weights=product_weights,
        promotion=promotion_days(),
        rep_skill=skill,
    )


def draw_weighted(rng: np.random.Generator, weights: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """For each entry of ``rows``, a column index of ``weights`` drawn with that row's weights."""
    cum = np.cumsum(weights, axis=1)
    keys = (np.arange(len(weights))[:, None] + cum / cum[:, -1:]).ravel()
    picks = np.searchsorted(keys, rows + rng.random(len(rows)) * 0.999999, side="right")
    return picks - rows * weights.shape[1]


def sales_months(
    *,
    seed: int,
    model: SalesModel,
    catalog: Catalog,
    company: Company,
    book: CustomerBook,
    totals: SalesTotals,
) -> Iterator[pl.DataFrame]:
    """One frame of sales lines (and the returns they cause) per month, oldest first."""
    for month in range(N_MONTHS):
        rng = random_stream(seed, "sales", month)
        lo, hi = int(MONTH_BOUNDS[month]), int(MONTH_BOUNDS[month + 1])
        month_weights = model.weights[lo:hi]
        counts = rng.poisson(model.lines_per_weight * month_weights.sum(axis=1))
        rows = np.repeat(np.arange(hi - lo), counts)
        if len(rows) == 0:
            continue
        customer = draw_weighted(rng, month_weights, rows)
        kind = book.type_idx[customer]
        product = draw_weighted(rng, model.product_weights[month], kind)
        order = np.lexsort((product, customer, rows))
        lines = _priced_lines(
            rng, model, catalog, company, book, rows[order] + lo, customer[order], product[order]
        )
        _number(lines)
        returns = _returns(rng, catalog, company, book, lines)
        for part in (lines, returns):
            _add_up(totals, company, book, part)
        totals.lines += len(lines["day"])
        totals.returns += len(returns["day"])
        yield pl.concat(
            [
                _frame(lines, ORDER_PREFIX, catalog, company, book),
                _frame(returns, "RT", catalog, company, book),
            ]
        )


def _priced_lines(
    rng: np.random.Generator,
    model: SalesModel,
    catalog: Catalog,
    company: Company,
    book: CustomerBook,
    day: np.ndarray,
    customer: np.ndarray,
    product: np.ndarray,
) -> dict[str, np.ndarray]:
    n = len(day)
    products = catalog.products
    kind = book.type_idx[customer]
    channel = book.channel_idx[customer]
    type_qty = np.array([t[4] for t in CUSTOMER_TYPES])
    mean_qty = products.typical_qty[product] * type_qty[kind]
    units = np.maximum(1, np.rint(mean_qty * rng.lognormal(-0.18, 0.6, size=n))).astype(np.int64)
    promo = model.promotion[day] & (channel == ECOM)
    discount = np.clip(rng.normal(CHANNEL_DISCOUNT[channel], CHANNEL_SPREAD[channel]), 0.0, 0.45)
    discount += np.where(kind == catalog.type_codes.index("KA"), 0.03, 0.0)
    discount += np.where(promo, 0.08, 0.0)
    exact = products.list_price_units[product] * units * (1.0 - discount)
    # Rebates and coupons leave amounts with 3–4 decimals; other lines are whole cents.
    four_places = rng.random(n) < CHANNEL_FOUR_PLACES[channel]
    amount = np.where(four_places, np.rint(exact), np.rint(exact / CENT) * CENT).astype(np.int64)
    unit_cost = products.standard_cost_units[product] * rng.normal(1.0, 0.02, size=n)
    cost = np.rint(unit_cost * units / CENT).astype(np.int64) * CENT
    rep = book.owner_at(customer, day)
    return {
        "day": day,
        "customer": customer,
        "product": product,
        "kind": kind,
        "channel": channel,
        "rep": rep,
        "node": company.node_at(rep, day),
        "units": units,
        "amount": amount,
        "cost": cost,
        "promo": promo,
        "numbered_on": day,
    }


def _number(lines: dict[str, np.ndarray]) -> None:
    """Order numbers: a customer's lines of one day make one order, numbered within the day.

    Expects the lines sorted by day and customer."""
    day, customer = lines["day"], lines["customer"]
    n = len(day)
    new_order = np.ones(n, dtype=bool)
    new_order[1:] = (day[1:] != day[:-1]) | (customer[1:] != customer[:-1])
    order = np.cumsum(new_order) - 1
    new_day = np.ones(n, dtype=bool)
    new_day[1:] = day[1:] != day[:-1]
    day_group = np.cumsum(new_day) - 1
    lines["seq"] = order - order[new_day][day_group] + 1
    first_line = np.flatnonzero(new_order)
    lines["line_no"] = np.arange(n) - first_line[order] + 1


def _returns(
    rng: np.random.Generator,
    catalog: Catalog,
    company: Company,
    book: CustomerBook,
    lines: dict[str, np.ndarray],
) -> dict[str, np.ndarray]:
    """Some lines come back 3–40 days later, whole or in part, as negative lines credited to
    whoever owns the customer then. A return keeps the number of the line it returns."""
    rate = catalog.category_return_rate[catalog.products.category[lines["product"]]]
    rate = rate * np.where(lines["channel"] == ECOM, 2.0, 1.0) * np.where(lines["promo"], 1.5, 1)
    n = len(lines["day"])
    back_on = lines["day"] + rng.integers(3, 41, size=n)
    chosen = np.flatnonzero((rng.random(n) < rate) & (back_on < N_DAYS))
    returned = {k: v[chosen] for k, v in lines.items()}
    day = back_on[chosen]
    units = returned["units"]
    back = np.floor(rng.random(len(chosen)) * units).astype(np.int64) + 1
    rep = book.owner_at(returned["customer"], day)
    returned.update(
        day=day,
        rep=rep,
        node=company.node_at(rep, day),
        units=-back,
        amount=-np.rint(returned["amount"] * back / units).astype(np.int64),
        cost=-np.rint(returned["cost"] * back / units).astype(np.int64),
    )
    return returned


def _frame(
    lines: dict[str, np.ndarray],
    prefix: str,
    catalog: Catalog,
    company: Company,
    book: CustomerBook,
) -> pl.DataFrame:
    customer = lines["customer"]
    frame = pl.DataFrame(
        {
            "sold_on": as_dates(lines["day"]),
            "numbered_on": as_dates(lines["numbered_on"]),
            "seq": lines["seq"],
            "line_no": lines["line_no"],
            "customer_id": book.ids[customer],
            "product_id": catalog.products.ids[lines["product"]],
            "person_id": company.rep_person_ids[lines["rep"]],
            "node_id": lines["node"],
            "channel_id": catalog.channel_ids[lines["channel"]],
            "customer_type_id": catalog.type_ids[lines["kind"]],
            "region_id": book.region_ids[customer],
            "quantity": lines["units"] * UNIT,
            "amount": lines["amount"],
            "cost": lines["cost"],
        }
    )
    # A return keeps the order and line number of the line it returns (that is how the
    # commission finds the sale to claw back); only its own id says it is a return.
    number = pl.concat_str(
        pl.col("numbered_on").dt.strftime("%Y%m%d"),
        pl.lit("-"),
        pl.col("seq").cast(pl.String).str.zfill(5),
    )
    return frame.with_columns(
        source=pl.lit(SOURCE),
        order_no=pl.lit(ORDER_PREFIX) + number,
        line_no=pl.col("line_no").cast(pl.String),
        own_no=pl.lit(prefix) + number,
    ).select(
        "source",
        pl.concat_str("own_no", pl.lit("-"), "line_no").alias("external_id"),
        # The columns the import's sales writer stores, in its order (after external_id).
        *LINE_COLUMNS[1:],
    )


def _add_up(
    totals: SalesTotals, company: Company, book: CustomerBook, lines: dict[str, np.ndarray]
) -> None:
    day, customer, amount = lines["day"], lines["customer"], lines["amount"]
    month = MONTH_OF_DAY[day]
    np.add.at(totals.by_customer_month, (customer, month), amount)
    np.add.at(totals.by_rep_month, (lines["rep"], month), amount)
    team = company.team_at(lines["rep"], day)
    np.add.at(totals.by_node_month, (team, month), amount)
    np.add.at(totals.by_territory_month, (book.team_idx[customer], month), amount)
    sold = amount > 0
    np.add.at(totals.gross_by_customer, customer[sold], amount[sold])
    np.add.at(totals.returned_by_customer, customer[~sold], -amount[~sold])
    np.minimum.at(totals.first_sale_day, customer[sold], day[sold])
