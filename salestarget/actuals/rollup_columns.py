"""The columns of the rollup tables, shared by the SQL refresh (``rollups``) and the sales
deltas computed in Polars (``sales_delta``)."""

from __future__ import annotations

from salestarget.core.metrics import ACTIVITY_COUNTS

SALES_GRAIN = "node_id, person_id, product_id, customer_type_id, channel_id, region_id"
# uncosted_amount: the amount of the lines whose cost is unknown (their cost adds 0 to cost).
SALES_COLS = "amount, gross_amount, returned_amount, quantity, cost, lines, uncosted_amount"
# Which done activities each count of ``core.metrics.ACTIVITY_COUNTS`` counts (SQL over
# ``actuals_activity``); planned activities count nothing until they are done.
ACTIVITY_CONDITIONS = {
    "visits": "kind = 'visit'",
    "new_customer_visits": "kind = 'visit' AND new_customer",
    "calls": "kind = 'call'",
    "emails": "kind = 'email'",
    "demos": "kind = 'demo'",
    "events": "kind = 'event'",
    "followups": "kind = 'followup'",
    "new_leads": "kind = 'lead'",
    "activity_opportunities": "outcome IN ('opportunity', 'deal')",
}
assert list(ACTIVITY_CONDITIONS) == [a.fact for a in ACTIVITY_COUNTS]
ACTIVITY_LIST = list(ACTIVITY_CONDITIONS)
PD_COLS = (
    f"{SALES_COLS}, expense, payment, won, "
    "won_amount, closed, survey_score_sum, survey_count, new_customers, " + ", ".join(ACTIVITY_LIST)
)
PD_LIST = [c.strip() for c in PD_COLS.split(",")]
SALES_LIST = [c.strip() for c in SALES_COLS.split(",")]
GRAIN_LIST = [c.strip() for c in SALES_GRAIN.split(",")]


def pd_select(values: dict[str, str]) -> str:
    """A SELECT list in ``PD_LIST``'s order: each column's expression from ``values``, 0 for
    the columns a part of the person-daily rollup does not touch."""
    unknown = set(values) - set(PD_LIST)
    assert not unknown, unknown
    return ", ".join(values.get(c, "0") for c in PD_LIST)
