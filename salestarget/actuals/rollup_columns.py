"""The columns of the rollup tables, shared by the SQL refresh (``rollups``) and the sales
deltas computed in Polars (``sales_delta``)."""

from __future__ import annotations

SALES_GRAIN = "node_id, person_id, product_id, customer_type_id, channel_id, region_id"
# uncosted_amount: the amount of the lines whose cost is unknown (their cost adds 0 to cost).
SALES_COLS = "amount, gross_amount, returned_amount, quantity, cost, lines, uncosted_amount"
PD_COLS = (
    f"{SALES_COLS}, expense, payment, won, "
    "won_amount, closed, survey_score_sum, survey_count, new_customers"
)
PD_LIST = [c.strip() for c in PD_COLS.split(",")]
SALES_LIST = [c.strip() for c in SALES_COLS.split(",")]
GRAIN_LIST = [c.strip() for c in SALES_GRAIN.split(",")]
