"""Commission plans (提成方案): versioned, effective-dated, assigned to people, subtrees or
roles, made of components that each pay on one measure."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from salestarget.fields import ExactDecimalField


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    ACTIVE = "active", _("生效")
    RETIRED = "retired", pgettext_lazy("state", "停用")


class CommissionPlan(models.Model):
    """One version of a plan. A new version is a new row with the same ``code``."""

    code = models.SlugField(_("方案编码"), max_length=40)
    version = models.PositiveIntegerField(_("版本"), default=1)
    name = models.CharField(_("方案名称"), max_length=200)
    description = models.TextField(pgettext_lazy("description", "说明"), blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    effective_from = models.DateField(_("生效日期"))
    effective_to = models.DateField(_("失效日期"), null=True, blank=True)
    cap = ExactDecimalField(_("方案封顶"), null=True, blank=True)
    clawback_days = models.PositiveIntegerField(
        _("退货追回期（天）"), default=0, help_text=_("0 表示不追回，退货直接冲减当期业绩")
    )
    prorate_quota = models.BooleanField(_("调岗按天折算指标"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("提成方案")
        verbose_name_plural = _("提成方案")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="commissionplan_version")
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"


class PlanAssignment(models.Model):
    """Who a plan pays, from when to when: one person, everyone in a subtree, or a role.
    A person's own assignment wins over a subtree's (the deepest first), which wins over a
    role's."""

    plan = models.ForeignKey(CommissionPlan, on_delete=models.CASCADE, related_name="assignments")
    person = models.ForeignKey(
        "org.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    node = models.ForeignKey(
        "org.OrgNode", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("角色"), max_length=10, blank=True)
    valid_from = models.DateField(_("开始日期"))
    valid_to = models.DateField(_("结束日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("方案适用范围")
        verbose_name_plural = _("方案适用范围")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(person__isnull=False, node__isnull=True, role="")
                    | models.Q(person__isnull=True, node__isnull=False, role="")
                    | (models.Q(person__isnull=True, node__isnull=True) & ~models.Q(role=""))
                ),
                name="assignment_one_target",
            )
        ]

    def __str__(self) -> str:
        who = self.person_id or self.node_id or self.role
        return f"{self.plan_id} → {who} {self.valid_from}–{self.valid_to or ''}"


class ComponentKind(models.TextChoices):
    RATE_TABLE = "rate_table", _("比例表")
    PER_UNIT = "per_unit", _("按件计酬")
    PER_DEAL = "per_deal", _("单笔奖励")
    SPIF = "spif", _("专项激励")


class QuotaSource(models.TextChoices):
    TARGET = "target", _("目标值")
    BASE = "base", _("保底目标")
    CHALLENGE = "challenge", _("挑战目标")
    TYPED = "typed", _("手工填写")


class ComponentPeriod(models.TextChoices):
    MONTH = "month", _("月")
    QUARTER = "quarter", _("季")
    YEAR = "year", _("年")


class PlanComponent(models.Model):
    """One component: a measure, a period, a quota source and a rate table (as JSON rows:
    ``tiers`` ``[[lower, rate], …]``, ``points`` ``[[attainment, payout], …]``, ``gates``
    ``[{measure, threshold, effect, factor, limit}, …]``)."""

    plan = models.ForeignKey(CommissionPlan, on_delete=models.CASCADE, related_name="components")
    code = models.SlugField(_("编码"), max_length=40)
    name = models.CharField(_("名称"), max_length=100)
    sort_order = models.IntegerField(default=0)
    kind = models.CharField(
        _("类型"), max_length=12, choices=ComponentKind.choices, default=ComponentKind.RATE_TABLE
    )
    measure = models.CharField(_("计算指标"), max_length=40, default="revenue")
    period = models.CharField(
        _("计算周期"), max_length=10, choices=ComponentPeriod.choices, default=ComponentPeriod.MONTH
    )
    cumulative = models.BooleanField(_("年度累计（扣除已发）"), default=False)
    quota_source = models.CharField(
        _("指标来源"), max_length=10, choices=QuotaSource.choices, default=QuotaSource.TARGET
    )
    quota = ExactDecimalField(pgettext_lazy("quota", "指标"), null=True, blank=True)
    basis = models.CharField(_("分档依据"), max_length=12, default="attainment")
    mode = models.CharField(_("计算方式"), max_length=12, default="marginal")
    tiers = models.JSONField(_("档位"), default=list, blank=True)
    points = models.JSONField(_("曲线点"), default=list, blank=True)
    threshold = models.DecimalField(
        _("起付门槛"), max_digits=20, decimal_places=6, default=Decimal(0)
    )
    target_incentive = ExactDecimalField(_("目标奖金"), default=0)
    amount = ExactDecimalField(_("单价/单笔金额"), default=0)
    rate = models.DecimalField(_("专项比例"), max_digits=9, decimal_places=6, default=Decimal(0))
    min_deal = ExactDecimalField(_("单笔最低金额"), default=0)
    product_line = models.ForeignKey(
        "catalog.ProductLine", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    customer_type = models.ForeignKey(
        "catalog.CustomerType", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    starts = models.DateField(_("专项开始"), null=True, blank=True)
    ends = models.DateField(_("专项结束"), null=True, blank=True)
    gates = models.JSONField(_("门槛与调节"), default=list, blank=True)
    cap = ExactDecimalField(_("封顶"), null=True, blank=True)

    class Meta:
        verbose_name = _("提成项")
        verbose_name_plural = _("提成项")
        ordering = ["plan", "sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="component_code_per_plan")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def pays_by_attainment(self) -> bool:
        """A rate table tiered by attainment, or a pay curve: a person without a quota is
        paid nothing by it (what a new company meets before its targets are handed down)."""
        return self.kind == ComponentKind.RATE_TABLE and (
            self.basis == "attainment" or self.mode == "curve"
        )


# The same rule as ``PlanComponent.pays_by_attainment``, for a query over components.
PAYS_BY_ATTAINMENT = models.Q(kind=ComponentKind.RATE_TABLE) & (
    models.Q(basis="attainment") | models.Q(mode="curve")
)


class CreditKind(models.TextChoices):
    SPLIT = "split", _("分成")
    OVERLAY = "overlay", _("叠加")


class CreditSplit(models.Model):
    """Credit of an order shared between people (split: shares add up to 100%) or given on
    top to a manager (overlay)."""

    order_no = models.CharField(_("订单号"), max_length=60, db_index=True)
    person = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+")
    share = models.DecimalField(_("比例"), max_digits=7, decimal_places=6)
    kind = models.CharField(
        _("类型"), max_length=8, choices=CreditKind.choices, default=CreditKind.SPLIT
    )

    class Meta:
        verbose_name = _("业绩分成")
        verbose_name_plural = _("业绩分成")
        constraints = [
            models.UniqueConstraint(fields=["order_no", "person", "kind"], name="credit_unique")
        ]

    def __str__(self) -> str:
        return f"{self.order_no} {self.person_id} {self.share}"


class Competition(models.Model):
    """A sales competition (销售竞赛): a metric over dates among eligible people, prizes by
    rank and/or to everyone reaching a threshold."""

    name = models.CharField(_("竞赛名称"), max_length=200)
    metric = models.CharField(_("指标"), max_length=40, default="revenue")
    starts = models.DateField(_("开始日期"))
    ends = models.DateField(_("结束日期"))
    node = models.ForeignKey(
        "org.OrgNode", verbose_name=_("参赛范围"), on_delete=models.PROTECT, related_name="+"
    )
    prizes = models.JSONField(_("名次奖金"), default=list, blank=True)
    threshold = ExactDecimalField(_("达标线"), null=True, blank=True)
    threshold_prize = ExactDecimalField(_("达标奖金"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    # When the results were posted as good news (喜报); once per competition.
    announced_at = models.DateTimeField(_("公布时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("销售竞赛")
        verbose_name_plural = _("销售竞赛")
        ordering = ["-starts"]

    def __str__(self) -> str:
        return self.name
