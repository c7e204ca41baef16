"""Facts (what was sold, spent, collected, won, scored) and the rollups tracking reads.

Every fact carries ``source`` + ``external_id``: importing the same record twice updates it
instead of counting it twice. Each fact also stores the org ``node`` it is credited to — the
node the person belonged to on the fact's date — fixed when the fact is written, so moving a
person later does not rewrite history.

Amounts keep up to 4 decimal places as they arrive (discounts); nothing is rounded silently.
They are ``ExactDecimalField`` columns: exact integers of 1/10,000 on every database
(``salestarget.fields``), so SQL sums in rollups are exact on SQLite too.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from salestarget.fields import ExactDecimalField
from salestarget.importing.models import ImportBatch


class Fact(models.Model):
    source = models.CharField(_("来源"), max_length=40, default="manual")
    external_id = models.CharField(_("外部编号"), max_length=255)
    batch = models.ForeignKey(
        ImportBatch,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )

    class Meta:
        abstract = True


# The dimensions of the sales' day grain, in the order of its index.
DAY_GRAIN = ["node", "person", "product", "customer_type", "channel", "region"]


class SalesLine(Fact):
    """A sales order line; a return is a line with negative quantity and amount."""

    sold_on = models.DateField(_("销售日期"))
    order_no = models.CharField(_("订单号"), max_length=100, blank=True)
    line_no = models.CharField(_("行号"), max_length=40, blank=True)
    customer = models.ForeignKey(
        "catalog.Customer",
        verbose_name=_("客户"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    product = models.ForeignKey(
        "catalog.Product",
        verbose_name=_("产品"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    person = models.ForeignKey(
        "org.Person",
        verbose_name=_("销售人员"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    node = models.ForeignKey(
        "org.OrgNode",
        verbose_name=_("归属组织"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    channel = models.ForeignKey(
        "catalog.Channel",
        verbose_name=_("渠道"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    # The line's own channel, customer type and region when the file gives them (one customer
    # buys in several regions), else the customer's on the day the line was written: kept on
    # the line, so the rollups group lines alone and a customer's later move rewrites nothing.
    customer_type = models.ForeignKey(
        "catalog.CustomerType",
        verbose_name=_("客户类型"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    region = models.ForeignKey(
        "catalog.Region",
        verbose_name=_("区域"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    # No database-level foreign keys on the biggest table: the importer resolves every
    # reference before writing, and a per-row constraint check would double the load time.
    # ``on_delete=PROTECT`` still guards deletes made through Django.
    quantity = ExactDecimalField(_("数量"))
    amount = ExactDecimalField(_("金额"))
    # Null: unknown (no cost, profit or margin in the file, no standard cost), never 0.
    cost = ExactDecimalField(_("成本"), null=True, blank=True, default=None)

    class Meta:
        verbose_name = _("销售明细")
        verbose_name_plural = _("销售明细")
        constraints = [
            models.UniqueConstraint(fields=["source", "external_id"], name="salesline_source_ext")
        ]
        # Few indexes on purpose: each one costs on every imported line. Date ranges, a
        # customer's first purchase and a person's lines are what reads need. The date
        # index is the sales' day grain: it carries the dimensions and summed columns, so
        # the days at a span's edges are summed by dimension from the index alone
        # (``sales_reads``) and no daily rollup at that grain is written. And, for
        # incentives' clawback, a month's returns (a partial index: only return lines pay
        # for it) and the sale each one returns (same order, line, customer and product),
        # which without its own key walks every line of the customer in the window, once
        # per return: quadratic in the lines of a month.
        indexes = [
            models.Index(
                fields=["sold_on", *DAY_GRAIN, "amount", "quantity", "cost"],
                name="salesline_day_grain",
            ),
            models.Index(fields=["customer", "sold_on"]),
            models.Index(fields=["person", "sold_on"]),
            models.Index(
                fields=["order_no", "line_no", "customer", "product", "sold_on"],
                name="salesline_sale_key",
            ),
            models.Index(
                fields=["sold_on"], condition=models.Q(amount__lt=0), name="salesline_returns"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sold_on} {self.order_no}/{self.line_no} {self.amount}"


class Expense(Fact):
    spent_on = models.DateField(_("费用日期"))
    person = models.ForeignKey(
        "org.Person",
        verbose_name=_("人员"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    node = models.ForeignKey(
        "org.OrgNode", verbose_name=_("归属组织"), on_delete=models.PROTECT, related_name="+"
    )
    category = models.CharField(_("费用类别"), max_length=255)
    amount = ExactDecimalField(_("金额"))

    class Meta:
        verbose_name = _("销售费用")
        verbose_name_plural = _("销售费用")
        constraints = [
            models.UniqueConstraint(fields=["source", "external_id"], name="expense_source_ext")
        ]
        indexes = [models.Index(fields=["spent_on"])]

    def __str__(self) -> str:
        return f"{self.spent_on} {self.category} {self.amount}"


class Payment(Fact):
    received_on = models.DateField(_("回款日期"))
    customer = models.ForeignKey(
        "catalog.Customer", verbose_name=_("客户"), on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "org.Person", verbose_name=_("人员"), on_delete=models.PROTECT, related_name="+"
    )
    node = models.ForeignKey(
        "org.OrgNode", verbose_name=_("归属组织"), on_delete=models.PROTECT, related_name="+"
    )
    amount = ExactDecimalField(_("金额"))

    class Meta:
        verbose_name = _("回款")
        verbose_name_plural = _("回款")
        constraints = [
            models.UniqueConstraint(fields=["source", "external_id"], name="payment_source_ext")
        ]
        indexes = [models.Index(fields=["received_on"])]

    def __str__(self) -> str:
        return f"{self.received_on} {self.amount}"


class Opportunity(Fact):
    class Stage(models.TextChoices):
        OPEN = "open", _("跟进中")
        WON = "won", _("赢单")
        LOST = "lost", _("输单")

    name = models.CharField(_("商机名称"), max_length=255, blank=True)
    customer = models.ForeignKey(
        "catalog.Customer", verbose_name=_("客户"), on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "org.Person", verbose_name=_("人员"), on_delete=models.PROTECT, related_name="+"
    )
    node = models.ForeignKey(
        "org.OrgNode", verbose_name=_("归属组织"), on_delete=models.PROTECT, related_name="+"
    )
    amount = ExactDecimalField(_("预计金额"), default=0)
    opened_on = models.DateField(_("创建日期"))
    closed_on = models.DateField(_("关闭日期"), null=True, blank=True)
    stage = models.CharField(_("阶段"), max_length=10, choices=Stage.choices, default=Stage.OPEN)

    class Meta:
        verbose_name = _("商机")
        verbose_name_plural = _("商机")
        constraints = [
            models.UniqueConstraint(fields=["source", "external_id"], name="opportunity_source_ext")
        ]
        indexes = [models.Index(fields=["closed_on"])]

    def __str__(self) -> str:
        return self.name or self.external_id

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Saved one at a time (a page, the admin, a test): its stage history follows —
        a new one open from the day it was opened, a stage reached on the closing day (a
        reopening today). Imports write many at once and record theirs set-based
        (``actuals.stages``)."""
        before = None
        if not self._state.adding:
            before = Opportunity.objects.filter(pk=self.pk).values_list("stage", flat=True).first()
        super().save(*args, **kwargs)
        if before == self.stage:
            return
        rows = []
        if before is None:
            rows.append(
                OpportunityStage(opportunity=self, stage=self.Stage.OPEN, changed_on=self.opened_on)
            )
        if self.stage != self.Stage.OPEN or before is not None:
            on = self.closed_on or timezone.localdate()
            rows.append(OpportunityStage(opportunity=self, stage=self.stage, changed_on=on))
        OpportunityStage.objects.bulk_create(rows)


class OpportunityStage(models.Model):
    """Where an opportunity stood from a day on: each change of its stage (open, won, lost)
    by an import, the API or a page, and while it is open each forecast category a rep puts
    it in (forecasting's calls: commit, best case, pipeline, omitted). The history the
    conversion by stage is read from (of the deals that ever reached a stage, how many were
    won), not only the last call."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, db_constraint=False, related_name="+"
    )
    stage = models.CharField(_("阶段"), max_length=12)
    changed_on = models.DateField(_("日期"))
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["opportunity", "stage"])]

    def __str__(self) -> str:
        return f"{self.opportunity_id}: {self.stage} on {self.changed_on}"


class SurveyResponse(Fact):
    surveyed_on = models.DateField(_("调查日期"))
    customer = models.ForeignKey(
        "catalog.Customer", verbose_name=_("客户"), on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "org.Person", verbose_name=_("人员"), on_delete=models.PROTECT, related_name="+"
    )
    node = models.ForeignKey(
        "org.OrgNode", verbose_name=_("归属组织"), on_delete=models.PROTECT, related_name="+"
    )
    score = ExactDecimalField(_("满意度得分"))

    class Meta:
        verbose_name = _("客户满意度调查")
        verbose_name_plural = _("客户满意度调查")
        constraints = [
            models.UniqueConstraint(fields=["source", "external_id"], name="survey_source_ext")
        ]
        indexes = [models.Index(fields=["surveyed_on"])]

    def __str__(self) -> str:
        return f"{self.surveyed_on} {self.score}"


class MarketSize(Fact):
    """The size of a region's market in a month (for 市场占有率), as entered or imported."""

    region = models.ForeignKey(
        "catalog.Region", verbose_name=_("区域"), on_delete=models.PROTECT, related_name="+"
    )
    month = models.DateField(_("月份"), help_text=_("该月第一天"))
    amount = ExactDecimalField(_("市场容量"))

    class Meta:
        verbose_name = _("市场容量")
        verbose_name_plural = _("市场容量")
        constraints = [
            models.UniqueConstraint(fields=["source", "external_id"], name="market_source_ext"),
        ]
        indexes = [models.Index(fields=["region", "month"])]

    def __str__(self) -> str:
        return f"{self.region} {self.month:%Y-%m} {self.amount}"


class Activity(Fact):
    """A piece of sales work (拜访, 电话, 邮件, 演示, 展会, 跟进, 新线索), planned or done, with a
    customer or a lead. Done activities are counted in ``PersonDaily`` (the metrics of
    ``core.metrics.ACTIVITY_COUNTS``); planned ones count once they are done."""

    class Kind(models.TextChoices):
        VISIT = "visit", _("拜访")
        CALL = "call", _("电话")
        EMAIL = "email", _("邮件")
        DEMO = "demo", _("演示")
        EVENT = "event", _("展会活动")
        FOLLOWUP = "followup", _("跟进")
        LEAD = "lead", _("新线索")

    class Status(models.TextChoices):
        DONE = "done", _("已完成")
        PLANNED = "planned", _("计划")

    class Outcome(models.TextChoices):
        NONE = "", _("未记录")
        INTERESTED = "interested", _("有意向")
        OPPORTUNITY = "opportunity", _("产生商机")
        DEAL = "deal", _("成交")
        NO_INTEREST = "no_interest", _("无意向")

    occurred_on = models.DateField(_("活动日期"))
    occurred_at = models.CharField(_("时间"), max_length=5, blank=True)  # "HH:MM" or ""
    # As long as the words a file may hold for them (上门拜访, Not interested), whose codes
    # are stored: the import refuses a longer cell by the column's own limit.
    kind = models.CharField(_("活动类型"), max_length=40, choices=Kind.choices)
    status = models.CharField(_("状态"), max_length=40, choices=Status.choices, default=Status.DONE)
    person = models.ForeignKey(
        "org.Person",
        verbose_name=_("人员"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    node = models.ForeignKey(
        "org.OrgNode",
        verbose_name=_("归属组织"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    customer = models.ForeignKey(
        "catalog.Customer",
        verbose_name=_("客户"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    lead = models.CharField(_("线索"), max_length=255, blank=True)
    # A visit to a lead, or to a customer with no purchase before the visit: fixed when the
    # activity is written, as a sales line keeps its customer type.
    new_customer = models.BooleanField(_("新客户"), default=False)
    outcome = models.CharField(
        _("结果"), max_length=40, choices=Outcome.choices, blank=True, default=""
    )
    notes = models.TextField(_("备注"), blank=True, default="")

    class Meta:
        verbose_name = _("销售活动")
        verbose_name_plural = _("销售活动")
        constraints = [
            models.UniqueConstraint(fields=["source", "external_id"], name="activity_source_ext")
        ]
        indexes = [
            models.Index(fields=["occurred_on"]),
            models.Index(fields=["person", "occurred_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.kind} {self.lead or self.customer_id or ''}"


# The rollups live in their own module (this one holds the facts); imported here so that
# Django registers them with the app and callers keep one place to import models from.
from salestarget.actuals.rollup_tables import (  # noqa: E402
    PersonDaily,
    SalesGrain,
    SalesMonthly,
)

__all__ = ["PersonDaily", "SalesGrain", "SalesMonthly"]
