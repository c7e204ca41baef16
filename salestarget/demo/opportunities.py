"""Opportunities (商机): opened on busy days with the customers that buy most, closed won or
lost weeks later; better reps win more often. Those not closed by ``DEMO_END`` are still open.

A closed opportunity is credited to the customer's owner on the closing day (that is when
conversion is counted); an open one to the owner on ``DEMO_END``.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from salestarget.actuals.models import Opportunity
from salestarget.demo.company import Company
from salestarget.demo.customers import CustomerBook
from salestarget.demo.masterdata import CUSTOMER_TYPES, Catalog
from salestarget.demo.sales import SalesModel, draw_weighted
from salestarget.demo.scales import N_DAYS, SOURCE, UNIT, as_dates, random_stream

Stage = Opportunity.Stage
PER_CUSTOMER = 4.5  # opportunities per customer over the window
# Typical deal size (CNY) and win-rate adjustment by customer type.
DEAL = {"KA": (300_000, -0.05), "SMB": (40_000, 0.05), "NR": (80_000, 0.0), "GOV": (400_000, -0.08)}


def opportunities_frame(
    *, seed: int, catalog: Catalog, company: Company, book: CustomerBook, model: SalesModel
) -> pl.DataFrame:
    rng = random_stream(seed, "opportunities")
    per_day = model.weights.sum(axis=1)
    counts = rng.poisson(PER_CUSTOMER * len(book) * per_day / per_day.sum())
    opened = np.repeat(np.arange(N_DAYS), counts)
    customer = draw_weighted(rng, model.weights, opened)
    kind = book.type_idx[customer]
    codes = [t[0] for t in CUSTOMER_TYPES]
    deal = np.array([DEAL[c][0] for c in codes])[kind]
    amount = np.rint(deal * rng.lognormal(-0.3, 0.8, size=len(opened)) / 100) * 100 * UNIT
    duration = 10 + np.rint(rng.gamma(2.0, 20.0, size=len(opened))).astype(np.int64)
    closed = opened + duration
    still_open = closed >= N_DAYS
    owner_then = book.owner_at(customer, opened)
    skill = np.log(model.rep_skill[owner_then])
    win_rate = np.clip(0.35 + 0.25 * skill + np.array([DEAL[c][1] for c in codes])[kind], 0.1, 0.75)
    won = rng.random(len(opened)) < win_rate
    credited_on = np.where(still_open, N_DAYS - 1, closed)
    rep = book.owner_at(customer, credited_on)
    line = rng.integers(len(catalog.products.line_names), size=len(opened))
    stage = np.where(still_open, Stage.OPEN.value, np.where(won, Stage.WON.value, Stage.LOST.value))
    frame = pl.DataFrame(
        {
            "source": np.full(len(opened), SOURCE),
            "external_id": [f"OP{i:06d}" for i in range(1, len(opened) + 1)],
            "name": [f"{catalog.products.line_names[i]}采购项目" for i in line],
            "customer_id": book.ids[customer],
            "person_id": company.rep_person_ids[rep],
            "node_id": company.node_at(rep, credited_on),
            "amount": amount.astype(np.int64),
            "opened_on": as_dates(opened),
            "closed_on": as_dates(closed),
            "stage": stage.astype(str),
        }
    )
    return frame.with_columns(
        closed_on=pl.when(pl.col("stage") == Stage.OPEN.value).then(None).otherwise("closed_on")
    )


# The demo's funnel: the share (in %) of closed deals called pipeline, and of the won and
# the lost ones that reached best case and then commit on the way (a fixed rule on the
# deal's number, OP000123 → 123, so a load is the same every time).
CALLED_PIPELINE = 90
BEST_CASE = {Stage.WON.value: 70, Stage.LOST.value: 30}
COMMIT = {Stage.WON.value: 60, Stage.LOST.value: 20}
NUMBER = "CAST(SUBSTR(external_id, 3) AS INTEGER)"


def opportunity_stages_create() -> int:
    """The demo deals' stage history (``actuals.OpportunityStage``), set-based: open from
    the day each was opened, won or lost on its closing day, and the forecast categories
    the closed ones went through (pipeline when opened; best case and commit by the
    closing day), so conversion by stage has a history to read. Returns the rows written."""
    from django.db import connection

    from salestarget.actuals.models import OpportunityStage

    facts = Opportunity._meta.db_table
    history = OpportunityStage._meta.db_table
    insert = f"INSERT INTO {history} (opportunity_id, stage, changed_on, recorded_at)"
    closed = f"stage IN ('{Stage.WON.value}', '{Stage.LOST.value}')"

    def reached(shares: dict[str, int], salt: int) -> str:
        cases = " ".join(f"WHEN '{s}' THEN {share}" for s, share in shares.items())
        return f"({NUMBER} * {salt}) % 100 < CASE stage {cases} ELSE 0 END"

    best = reached(BEST_CASE, 53)
    steps = [
        f"{insert} SELECT id, 'open', opened_on, CURRENT_TIMESTAMP FROM {facts}",
        f"""{insert} SELECT id, 'pipeline', opened_on, CURRENT_TIMESTAMP FROM {facts}
            WHERE {closed} AND ({NUMBER} * 37) % 100 < {CALLED_PIPELINE}""",
        f"""{insert} SELECT id, 'best_case', closed_on, CURRENT_TIMESTAMP FROM {facts}
            WHERE {closed} AND {best}""",
        f"""{insert} SELECT id, 'commit', closed_on, CURRENT_TIMESTAMP FROM {facts}
            WHERE {closed} AND {best} AND {reached(COMMIT, 71)}""",
        f"""{insert} SELECT id, stage, closed_on, CURRENT_TIMESTAMP FROM {facts}
            WHERE {closed}""",
    ]
    written = 0
    with connection.cursor() as cur:
        for sql in steps:
            cur.execute(sql)
            written += max(cur.rowcount, 0)
    return written
