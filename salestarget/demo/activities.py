"""Sales activities (拜访, 电话 …) consistent with the demo's opportunities and sales.

Every opportunity is opened by a visit (or a demo) whose outcome is 产生商机, after a few calls
in the weeks before; a won one ends with a follow-up on its closing day (成交). Around them the
owners visit, call and e-mail their customers on the customers' busy days without a result,
visit leads and record new ones, and go to a few trade shows; so a team converts about one
visit in ten. The next week holds a few planned visits. The number of activities follows the
number of opportunities (about 13 each), so it grows with the scale.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from salestarget.actuals.models import Activity
from salestarget.demo.company import Company
from salestarget.demo.customers import CustomerBook
from salestarget.demo.sales import SalesModel, SalesTotals, draw_weighted
from salestarget.demo.scales import DEMO_START, N_DAYS, SOURCE, WEEKDAY, as_dates, random_stream

Kind, Outcome = Activity.Kind, Activity.Outcome
# Activities without a result, per opportunity.
VISITS, CALLS, EMAILS, LEAD_VISITS, NEW_LEADS = 6.0, 1.5, 2.0, 0.8, 0.6
EVENTS_PER_REP = 3  # trade shows a rep attends over the window


def _working(days: np.ndarray) -> np.ndarray:
    """Weekend days moved back to the Friday before (the window's days only)."""
    inside = np.clip(days, 0, N_DAYS - 1)
    weekday = WEEKDAY[inside]
    return np.where(weekday >= 5, inside - (weekday - 4), inside).clip(0, N_DAYS - 1)


def _part(
    kind: str,
    days: np.ndarray,
    customers: np.ndarray | None,
    reps: np.ndarray,
    outcome: np.ndarray | str = "",
    **columns: object,
) -> dict[str, object]:
    n = len(days)
    return {
        "kind": np.full(n, kind),
        "day": days,
        "customer": customers if customers is not None else np.full(n, -1),
        "rep": reps,
        "outcome": np.broadcast_to(np.asarray(outcome), (n,)),
        **columns,
    }


def activities_frame(
    *,
    seed: int,
    company: Company,
    book: CustomerBook,
    model: SalesModel,
    totals: SalesTotals,
    opportunities: pl.DataFrame,
) -> pl.DataFrame:
    rng = random_stream(seed, "activities")
    sorter = np.argsort(book.ids)
    opp_customer = sorter[
        np.searchsorted(book.ids, opportunities["customer_id"].to_numpy(), sorter=sorter)
    ]
    opened = (opportunities["opened_on"] - DEMO_START).dt.total_days().to_numpy()
    closed = (opportunities["closed_on"] - DEMO_START).dt.total_days().fill_null(-1).to_numpy()
    won = (opportunities["stage"] == "won").to_numpy()
    n = len(opened)
    parts: list[dict[str, object]] = []

    # The visit (or demo) that opened each opportunity, and the calls before it.
    day = _working(opened)
    reps = book.owner_at(opp_customer, day)
    is_demo = rng.random(n) < 0.25
    for kind, mask in ((Kind.VISIT, ~is_demo), (Kind.DEMO, is_demo)):
        parts.append(_part(kind, day[mask], opp_customer[mask], reps[mask], Outcome.OPPORTUNITY))
    calls = rng.poisson(CALLS, size=n)
    which = np.repeat(np.arange(n), calls)
    day = _working(opened[which] - rng.integers(1, 21, size=len(which)))
    reps = book.owner_at(opp_customer[which], day)
    interested = np.where(rng.random(len(which)) < 0.5, Outcome.INTERESTED, Outcome.NONE)
    parts.append(_part(Kind.CALL, day, opp_customer[which], reps, interested))
    # The follow-up that closed each won deal.
    deal = won & (closed >= 0)
    day = _working(closed[deal])
    parts.append(
        _part(
            Kind.FOLLOWUP,
            day,
            opp_customer[deal],
            book.owner_at(opp_customer[deal], day),
            Outcome.DEAL,
        )
    )

    # Work without a result, on the customers' busy days.
    def on_busy_days(count: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        per_day = model.weights.sum(axis=1)
        per_day = per_day / per_day.sum()
        drawn = np.repeat(np.arange(N_DAYS), rng.poisson(count * n * per_day))
        days = _working(drawn)
        customers = draw_weighted(rng, model.weights, drawn)
        return days, customers, book.owner_at(customers, days)

    day, customers, reps = on_busy_days(VISITS)
    outcome = rng.choice(
        [Outcome.INTERESTED, Outcome.NO_INTEREST, Outcome.NONE], size=len(day), p=[0.35, 0.2, 0.45]
    )
    parts.append(_part(Kind.VISIT, day, customers, reps, outcome))
    day, customers, reps = on_busy_days(CALLS * 2)
    parts.append(_part(Kind.CALL, day, customers, reps))
    day, customers, reps = on_busy_days(EMAILS)
    parts.append(_part(Kind.EMAIL, day, customers, reps))
    # Leads: visited and recorded by the owner of a customer nearby (a rep at work that day).
    for kind, count in ((Kind.VISIT, LEAD_VISITS), (Kind.LEAD, NEW_LEADS)):
        day, _customers, reps = on_busy_days(count)
        leads = rng.integers(1, max(2, n // 2), size=len(day))
        parts.append(_part(kind, day, None, reps, lead=np.char.add("潜在客户", leads.astype(str))))
    day, _customers, reps = on_busy_days(EVENTS_PER_REP * company.reps / max(n, 1))
    parts.append(_part(Kind.EVENT, day, None, reps, notes="行业展会"))
    # Next week's plan: visits to the reps' busiest customers, not done yet.
    customers = draw_weighted(rng, model.weights, np.full(company.reps, N_DAYS - 1))
    day = N_DAYS + rng.integers(1, 8, size=len(customers))
    reps = book.owner_at(customers, np.full(len(customers), N_DAYS - 1))
    parts.append(_part(Kind.VISIT, day, customers, reps, status=Activity.Status.PLANNED))
    return _frame(rng, parts, company, book, totals)


def _frame(
    rng: np.random.Generator,
    parts: list[dict[str, object]],
    company: Company,
    book: CustomerBook,
    totals: SalesTotals,
) -> pl.DataFrame:
    def cat(name: str, default: object) -> np.ndarray:
        return np.concatenate(
            [np.broadcast_to(np.asarray(p.get(name, default)), (len(p["day"]),)) for p in parts]  # type: ignore[arg-type]
        )

    day = cat("day", 0).astype(np.int64)
    customer = cat("customer", -1).astype(np.int64)
    rep = cat("rep", 0).astype(np.int64)
    lead = cat("lead", "")
    has_customer = customer >= 0
    safe = np.where(has_customer, customer, 0)
    new_customer = np.where(has_customer, totals.first_sale_day[safe] >= day, lead != "")
    minutes = 9 * 60 + 5 * rng.integers(0, 103, size=len(day))
    at = [f"{m // 60:02d}:{m % 60:02d}" for m in minutes.tolist()]
    n = len(day)
    return (
        pl.DataFrame(
            {
                "source": np.full(n, SOURCE),
                "external_id": [f"AC{i:07d}" for i in range(1, n + 1)],
                "occurred_on": as_dates(day),
                "occurred_at": at,
                "kind": cat("kind", "").astype(str),
                "status": cat("status", Activity.Status.DONE).astype(str),
                "person_id": company.rep_person_ids[rep],
                "node_id": company.node_at(rep, np.minimum(day, N_DAYS - 1)),
                "customer_id": book.ids[safe],
                "lead": lead.astype(str),
                "new_customer": new_customer,
                "outcome": cat("outcome", "").astype(str),
                "notes": cat("notes", "").astype(str),
                "_has_customer": has_customer,
            }
        )
        .with_columns(
            customer_id=pl.when(pl.col("_has_customer")).then(pl.col("customer_id")).otherwise(None)
        )
        .drop("_has_customer")
    )
