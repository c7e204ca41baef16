"""Customer satisfaction surveys (客户满意度): a quarterly wave mid-March, June, September and
December; about a third of customers answer within two weeks. Scores are on a 1–5 scale with
one decimal (the mean of a short questionnaire); better reps and fewer returns score higher.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from salestarget.demo.company import Company
from salestarget.demo.customers import CustomerBook
from salestarget.demo.masterdata import CUSTOMER_TYPES
from salestarget.demo.sales import SalesModel, SalesTotals
from salestarget.demo.scales import N_DAYS, SOURCE, UNIT, as_dates, day_index, random_stream

RESPONSE_RATE = 0.35
TYPE_EFFECT = {"KA": -0.1, "SMB": 0.1, "NR": 0.0, "GOV": 0.05}
WAVES = [
    day_index(dt.date(year, month, 15))
    for year in (2024, 2025, 2026)
    for month in (3, 6, 9, 12)
    if day_index(dt.date(year, month, 15)) < N_DAYS
]


def surveys_frame(
    *,
    seed: int,
    company: Company,
    book: CustomerBook,
    model: SalesModel,
    totals: SalesTotals,
) -> pl.DataFrame:
    rng = random_stream(seed, "surveys")
    wave = np.repeat(np.array(WAVES), len(book))
    customer = np.tile(np.arange(len(book)), len(WAVES))
    buying = (book.start_day[customer] + 30 <= wave) & (book.end_day[customer] > wave)
    answers = buying & (rng.random(len(wave)) < RESPONSE_RATE)
    wave, customer = wave[answers], customer[answers]
    day = np.minimum(wave + rng.integers(0, 14, size=len(wave)), N_DAYS - 1)
    rep = book.owner_at(customer, day)
    returned = totals.returned_by_customer / np.maximum(totals.gross_by_customer, 1)
    type_effect = np.array([TYPE_EFFECT[t[0]] for t in CUSTOMER_TYPES])
    score = (
        4.0
        + 0.6 * np.log(model.rep_skill[rep])
        + type_effect[book.type_idx[customer]]
        - 4.0 * returned[customer]
        + rng.normal(0.0, 0.45, size=len(day))
    )
    score = np.round(np.clip(score, 1.0, 5.0), 1)
    order = np.lexsort((customer, day))
    customer, day, rep, score = customer[order], day[order], rep[order], score[order]
    return pl.DataFrame(
        {
            "source": np.full(len(day), SOURCE),
            "external_id": [f"SV{i:06d}" for i in range(1, len(day) + 1)],
            "surveyed_on": as_dates(day),
            "customer_id": book.ids[customer],
            "person_id": company.rep_person_ids[rep],
            "node_id": company.node_at(rep, day),
            "score": np.rint(score * UNIT).astype(np.int64),
        }
    )
