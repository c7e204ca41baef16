"""The tables that Citus would distribute, and by which column (docs/scaling.md).

Nothing reads this at run time on one machine; it is the list the distribution migration
starts from, and ``tests/actuals/test_distribution_column.py`` holds every table in it to
the rules that keep the distribution possible: the column present, in every unique key of a
rollup, and never null but where a row may belong to no person (named below, with how the
distribution fills it).
"""

from __future__ import annotations

# The person a fact is credited to. Measured on the large demo (bench/scaling.py): hashed onto
# 32 shards, the org node (12 teams) leaves 22 shards empty and the largest at 7.1× the mean;
# the person (126 reps) uses all 32, the largest at 2.5×. A rep's own pages, the most opened,
# read one shard; a team's or the company's fan out in parallel.
DISTRIBUTION_COLUMN = "person"

FACTS = (
    "actuals.SalesLine",
    "actuals.Expense",
    "actuals.Payment",
    "actuals.Opportunity",
    "actuals.SurveyResponse",
    "actuals.Activity",
)

ROLLUPS = (
    "actuals.SalesMonthly",
    "actuals.PersonDaily",
)

# Small, but read beside the facts of their person.
BESIDE_FACTS = (
    "activities.WorkReport",
    "assessment.Scorecard",
)

# Rows that belong to no person today (a unit's own expenses, and their sums): the
# distribution credits them to the unit's own account, a person per node made by its migration.
NULL_UNTIL_DISTRIBUTED = ("actuals.Expense", "actuals.PersonDaily")

# Fact-like tables distributed otherwise, and why.
EXCEPTIONS = {
    "actuals.MarketSize": "keyed by region and month, thousands of rows: a reference table",
    "actuals.OpportunityStage": "gets person_id from its opportunity when distributed",
    "forecasting.CustomerMonthly": "a customer's months: distributed by customer_id",
}
