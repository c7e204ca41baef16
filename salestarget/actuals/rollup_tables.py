"""The rollups tracking reads: every fact by day × node × person, and sales by month at the
fine dimensions (the days at a span's edges come from the sales lines' day-grain index:
``actuals.sales_reads``).

Re-exported by ``salestarget.actuals.models``, where Django and every caller find them."""

from __future__ import annotations

from django.db import models

from salestarget.fields import ExactDecimalField

# --- Rollups -------------------------------------------------------------------------------
# Maintained on every write (import, API batch, correction) and rebuildable from the facts.
# Tracking and dashboards read these (and, for the days at a span's edges by dimension, the
# sales lines' day-grain index: ``sales_reads``), never the fact tables. Reads always name a day or
# month range, so the grain's unique index (day or month first) and the few composite
# indexes serve them; single-column indexes on the dimensions would only slow every write.


class SalesGrain(models.Model):
    """The dimensions and sums of the sales rollup; it adds its period column."""

    node = models.ForeignKey(
        "org.OrgNode", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False
    )
    person = models.ForeignKey(
        "org.Person", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False
    )
    product = models.ForeignKey(
        "catalog.Product", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False
    )
    customer_type = models.ForeignKey(
        "catalog.CustomerType", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False
    )
    channel = models.ForeignKey(
        "catalog.Channel", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False
    )
    region = models.ForeignKey(
        "catalog.Region", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False
    )
    amount = ExactDecimalField(default=0)
    gross_amount = ExactDecimalField(default=0)
    returned_amount = ExactDecimalField(default=0)
    quantity = ExactDecimalField(default=0)
    cost = ExactDecimalField(default=0)  # of the lines whose cost is known
    lines = models.IntegerField(default=0)
    # The amount of the lines whose cost is unknown: gross profit is computed without it.
    uncosted_amount = ExactDecimalField(default=0)

    class Meta:
        abstract = True


class SalesMonthly(SalesGrain):
    """Sales at month × node × person × product × customer type × channel × region: every
    dimension drill-down reads this (a month in progress too: it is kept current on every
    write)."""

    month = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "node", "person", "product", "customer_type", "channel", "region"],
                name="salesmonthly_grain",
            )
        ]
        # No index of its own on (month, node): the grain's unique index starts with those
        # two columns and serves the same reads, and every import pays for each index on
        # every new row (a 50k-line daily batch adds ~46k rows here).

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} node={self.node_id} person={self.person_id} {self.amount}"


class PersonDaily(models.Model):
    """Every fact's sums at day × person × node: the tracking tree and curves read this.

    The column names are the fact-sum names metrics are defined over (``core.metrics``).
    """

    day = models.DateField()
    node = models.ForeignKey(
        "org.OrgNode", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False
    )
    person = models.ForeignKey(
        "org.Person", null=True, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False
    )
    amount = ExactDecimalField(default=0)
    gross_amount = ExactDecimalField(default=0)
    returned_amount = ExactDecimalField(default=0)
    quantity = ExactDecimalField(default=0)
    cost = ExactDecimalField(default=0)  # of the lines whose cost is known
    lines = models.IntegerField(default=0)
    # The amount of the lines whose cost is unknown: gross profit is computed without it.
    uncosted_amount = ExactDecimalField(default=0)
    expense = ExactDecimalField(default=0)
    payment = ExactDecimalField(default=0)
    won = models.IntegerField(default=0)
    won_amount = ExactDecimalField(default=0)
    closed = models.IntegerField(default=0)
    survey_score_sum = ExactDecimalField(default=0)
    survey_count = models.IntegerField(default=0)
    new_customers = models.IntegerField(default=0)
    # Done activities (core.metrics.ACTIVITY_COUNTS; rollup_columns.ACTIVITY_CONDITIONS).
    visits = models.IntegerField(default=0)
    new_customer_visits = models.IntegerField(default=0)
    calls = models.IntegerField(default=0)
    emails = models.IntegerField(default=0)
    demos = models.IntegerField(default=0)
    events = models.IntegerField(default=0)
    followups = models.IntegerField(default=0)
    new_leads = models.IntegerField(default=0)
    activity_opportunities = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "node", "person"], name="persondaily_grain")
        ]
        indexes = [models.Index(fields=["node", "day"]), models.Index(fields=["person", "day"])]

    def __str__(self) -> str:
        return f"{self.day} node={self.node_id} person={self.person_id} {self.amount}"
