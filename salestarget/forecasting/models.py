"""What forecasting stores: each run's forecasts per series, and the reps' forecast
submissions (weekly snapshots) with their opportunity categories.

A series' forecast is one row: its months are short arrays read and drawn as a whole, so
they are JSON lists of decimal strings (rounded to the cent), not a row per month.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from salestarget.actuals.stages import stage_record
from salestarget.fields import ExactDecimalField


class ForecastRun(models.Model):
    """One computation of every series' forecast from the monthly rollups."""

    class Status(models.TextChoices):
        RUNNING = "running", _("计算中")
        DONE = "done", _("完成")
        FAILED = "failed", _("失败")

    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    first_month = models.DateField(help_text="the first forecast month")
    last_fact_day = models.DateField(null=True, blank=True)
    horizon = models.PositiveSmallIntegerField()
    series = models.IntegerField(default=0)
    seconds = models.FloatField(default=0)  # float ok: a run's duration, not money
    message = models.TextField(blank=True)
    # The process computing it (``worker.runners``): a run whose process is gone was
    # interrupted, wrote no forecast, and is failed by ``forecast_runs_recover``.
    runner = models.CharField(max_length=200, blank=True)
    # The probabilities the company's past targets would have been given before their period
    # (the chosen methods' backtests) and whether they were made, by series kind:
    # {"person": [[0.72, true], …], …} (the reliability table, ``services.reliability``).
    calls = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"run {self.pk} from {self.first_month:%Y-%m} ({self.status})"


class SeriesKind(models.TextChoices):
    PERSON = "person", _("人员")
    NODE = "node", _("组织")
    NODE_LINE = "node_line", _("组织 × 产品线")
    # A unit's subtree on one member of another dimension a target is set by (``member``):
    # forecast only where a current or coming revenue target needs it.
    NODE_REGION = "node_region", _("组织 × 区域")
    NODE_CHANNEL = "node_channel", _("组织 × 渠道")
    NODE_CUSTOMER_TYPE = "node_customer_type", _("组织 × 客户类型")
    # Any other grain a current or coming revenue target has (a person by a dimension, a
    # product, a product category, two dimensions …): its coordinates in ``grain``.
    CELL = "cell", _("目标维度组合")


# The dimension each of those kinds is cut by: the target's and the rollup's field.
DIMENSION_KINDS = {
    "region": SeriesKind.NODE_REGION,
    "channel": SeriesKind.NODE_CHANNEL,
    "customer_type": SeriesKind.NODE_CUSTOMER_TYPE,
}


class StoredForecast(models.Model):
    """A series' history and forecast as one run computed it, with its backtest."""

    run = models.ForeignKey(ForecastRun, on_delete=models.CASCADE, related_name="forecasts")
    # The metric the series measures (a target's ``metric`` code): revenue for every
    # standing series, another metric only where a current or coming target has it.
    metric = models.CharField(max_length=40, default="revenue")
    kind = models.CharField(max_length=20, choices=SeriesKind.choices)
    node = models.ForeignKey(
        "org.OrgNode", null=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    person = models.ForeignKey(
        "org.Person", null=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    product_line = models.ForeignKey(
        "catalog.ProductLine",
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    # The region, channel or customer type of a node × dimension series (``DIMENSION_KINDS``).
    member = models.BigIntegerField(null=True, blank=True)
    # A cell's coordinates (``series_cells.grain_code``: "node:3|person:5|product_line:2").
    grain = models.CharField(max_length=200, blank=True, default="")
    method = models.CharField(max_length=20)
    reason = models.CharField(max_length=20)
    history_start = models.DateField()
    history = models.JSONField(default=list)  # monthly actuals up to first_month, strings
    mean = models.JSONField(default=list)
    lo80 = models.JSONField(default=list)
    hi80 = models.JSONField(default=list)
    lo95 = models.JSONField(default=list)
    hi95 = models.JSONField(default=list)
    mase = models.FloatField(null=True)  # float ok: a backtest error ratio, not money
    smape = models.FloatField(null=True)  # float ok: a backtest error ratio, not money
    bias = models.FloatField(null=True)  # float ok: a backtest error ratio, not money
    windows = models.PositiveSmallIntegerField(default=0)
    naive_mase = models.FloatField(null=True)  # float ok: a backtest error ratio, not money
    naive_smape = models.FloatField(null=True)  # float ok: a backtest error ratio, not money
    # The chosen method's error on the last 12 months' total, fitted on the months before
    # them (the forecast-based target proposal's backtest); units only.
    year_error = models.FloatField(null=True)  # float ok: an error ratio, not money

    class Meta:
        indexes = [
            models.Index(fields=["run", "kind", "node"]),
            models.Index(fields=["run", "person"]),
            models.Index(fields=["run", "kind", "grain"]),
            models.Index(fields=["run", "metric", "kind"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} node={self.node_id} person={self.person_id} {self.method}"


class Category(models.TextChoices):
    """Where a rep puts an open opportunity (Salesforce's forecast categories)."""

    COMMIT = "commit", _("承诺")
    BEST_CASE = "best_case", _("最佳情况")
    PIPELINE = "pipeline", _("管道")
    OMITTED = "omitted", _("不计入")


class OpportunityCall(models.Model):
    """A rep's category for one open opportunity (the latest call counts)."""

    opportunity = models.OneToOneField(
        "actuals.Opportunity", on_delete=models.CASCADE, related_name="+"
    )
    category = models.CharField(_("类别"), max_length=10, choices=Category.choices)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.opportunity_id}: {self.category}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """A category the opportunity was not in goes into its stage history
        (``actuals.OpportunityStage``), which the conversion by stage reads."""
        before = None
        if not self._state.adding:
            before = (
                OpportunityCall.objects.filter(pk=self.pk)
                .values_list("category", flat=True)
                .first()
            )
        super().save(*args, **kwargs)
        if before != self.category:
            stage_record(
                opportunity_id=self.opportunity_id, stage=self.category, on=timezone.localdate()
            )


class Submission(models.Model):
    """A forecast for one month, submitted in one week: a rep's own call, or a manager's
    roll-up of their unit (with the adjustment and its note). One per week: a second
    submission in the same week replaces the first; earlier weeks stay as snapshots."""

    class Kind(models.TextChoices):
        REP = "rep", _("个人")
        ROLLUP = "rollup", _("团队汇总")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    person = models.ForeignKey(
        "org.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    node = models.ForeignKey("org.OrgNode", on_delete=models.CASCADE, related_name="+")
    month = models.DateField(_("月份"))
    week = models.DateField(_("周"), help_text="the Monday of the week it was submitted in")
    commit = ExactDecimalField(_("承诺"))
    best_case = ExactDecimalField(_("最佳情况"))
    pipeline = ExactDecimalField(_("管道"), default=0)
    rolled_up = ExactDecimalField(_("下属合计"), null=True, blank=True)
    note = models.TextField(_("说明"), blank=True)
    submitted_at = models.DateTimeField(auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "person", "node", "month", "week"], name="submission_week"
            )
        ]
        indexes = [models.Index(fields=["month", "node"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.month:%Y-%m} week {self.week} commit={self.commit}"


class CustomerMonthly(models.Model):
    """What each customer bought from each org node each month: the rollup the customer
    analysis reads (RFM, clusters, active customers), so no page reads sales lines. Rebuilt
    for the last ``services.customers.MONTHS_KEPT`` months, set-based, by every forecast
    computation (after each import and nightly)."""

    month = models.DateField()
    customer = models.ForeignKey(
        "catalog.Customer", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    node = models.ForeignKey(
        "org.OrgNode", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    amount = ExactDecimalField()
    cost = ExactDecimalField(null=True, blank=True, default=None)
    # Days with a purchase in the month, and the last of them (recency).
    purchase_days = models.IntegerField(default=0)
    last_day = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "customer", "node"], name="customer_monthly_unique"
            )
        ]
        indexes = [models.Index(fields=["node", "month"])]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} customer {self.customer_id} node {self.node_id}"
