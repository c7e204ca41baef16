"""Target plans, the cells of their decomposition trees, and the history of every value.

A ``TargetPlan`` names one metric, one period and one org scope; its figures live on its
``Target`` rows: the root target (no parent) carries the plan's value, and every split adds
children below it. Each target states its coordinates in full (org node, person, period,
product, region, customer type, channel) so that tracking can read its actual from the
rollups without walking up the tree; a child inherits its parent's coordinates and refines one
or two of them.

Target values are stored as ``ExactDecimalField`` (exact integer units in SQL on every
database) and are kept to the company's currency decimals by the services.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from salestarget.core.formula import FormulaError
from salestarget.core.metrics import (
    BUILTIN_METRICS,
    Aggregation,
    Direction,
    MetricDefinition,
    Unit,
)
from salestarget.fields import ExactDecimalField
from salestarget.org.models import ProgressBasis


class Status(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交")
    APPROVED = "approved", _("已批准")
    LOCKED = "locked", _("已锁定")


class CustomMetric(models.Model):
    """A metric defined without code: a formula over fact sums (``core.formula``)."""

    code = models.SlugField(_("编码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    formula = models.CharField(_("公式"), max_length=500)
    unit = models.CharField(
        _("单位"),
        max_length=10,
        choices=[(u.value, u.value) for u in Unit],
        default=Unit.MONEY.value,
    )
    direction = models.CharField(
        _("方向"),
        max_length=10,
        choices=[
            (Direction.HIGHER_IS_BETTER.value, _("越高越好")),
            (Direction.LOWER_IS_BETTER.value, _("越低越好")),
        ],
        default=Direction.HIGHER_IS_BETTER.value,
    )
    aggregation = models.CharField(
        _("汇总方式"),
        max_length=20,
        choices=[(Aggregation.SUM.value, _("求和")), (Aggregation.RATIO.value, _("比率"))],
        default=Aggregation.SUM.value,
    )
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("自定义指标")
        verbose_name_plural = _("自定义指标")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def definition(self) -> MetricDefinition:
        return MetricDefinition(
            self.code,
            self.name,
            Unit(self.unit),
            Direction(self.direction),
            Aggregation(self.aggregation),
            formula=self.formula,
        )

    def clean(self) -> None:
        if self.code in BUILTIN_METRICS:
            raise ValidationError({"code": _("该编码已被内置指标使用。")})
        try:
            self.definition()
        except (FormulaError, ValueError) as exc:
            raise ValidationError({"formula": str(exc)}) from exc


class TargetPlan(models.Model):
    name = models.CharField(_("计划名称"), max_length=200)
    metric = models.CharField(_("指标"), max_length=40)
    period = models.CharField(_("期间"), max_length=30, help_text=_("例如 FY2026、2026-03"))
    scope_node = models.ForeignKey(
        "org.OrgNode", verbose_name=_("范围"), on_delete=models.PROTECT, related_name="target_plans"
    )
    owner = models.ForeignKey(
        "org.Person", verbose_name=_("负责人"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    progress_basis = models.CharField(
        _("时间进度口径"), max_length=10, choices=ProgressBasis.choices, default=""
    )
    threshold_ahead = models.DecimalField(
        _("超前阈值"), max_digits=6, decimal_places=4, default=Decimal("0.05")
    )
    threshold_on_track = models.DecimalField(
        _("正常阈值"), max_digits=6, decimal_places=4, default=Decimal("-0.05")
    )
    threshold_at_risk = models.DecimalField(
        _("预警阈值"), max_digits=6, decimal_places=4, default=Decimal("-0.15")
    )
    proposal_method = models.CharField(_("目标设定方法"), max_length=20, blank=True)
    proposal_inputs = models.JSONField(_("设定依据"), default=dict, blank=True)
    description = models.TextField(_("说明"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    locked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("目标计划")
        verbose_name_plural = _("目标计划")
        ordering = ["-period", "name"]
        indexes = [models.Index(fields=["scope_node", "period"])]

    def __str__(self) -> str:
        return self.name

    @property
    def root(self) -> Target | None:
        return self.targets.filter(parent__isnull=True).first()


class Target(models.Model):
    """One cell of a plan's decomposition tree, with its full coordinates."""

    plan = models.ForeignKey(
        TargetPlan, verbose_name=_("目标计划"), on_delete=models.CASCADE, related_name="targets"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级目标"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    # Materialised path of target ids ("/12/40/41/"): a subtree is one ``startswith``.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    sort_order = models.IntegerField(default=0)

    # -- coordinates (inherited down the tree, explicit on every row) ----------------------
    metric = models.CharField(_("指标"), max_length=40)
    period = models.CharField(_("期间"), max_length=30)
    period_start = models.DateField(_("开始日期"))
    period_end = models.DateField(_("结束日期"))
    node = models.ForeignKey(
        "org.OrgNode",
        verbose_name=_("组织"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    person = models.ForeignKey(
        "org.Person",
        verbose_name=_("人员"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    product_category = models.ForeignKey(
        "catalog.ProductCategory",
        verbose_name=_("产品大类"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    product_line = models.ForeignKey(
        "catalog.ProductLine",
        verbose_name=_("产品线"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    product = models.ForeignKey(
        "catalog.Product",
        verbose_name=_("产品"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    region = models.ForeignKey(
        "catalog.Region",
        verbose_name=_("区域"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    customer_type = models.ForeignKey(
        "catalog.CustomerType",
        verbose_name=_("客户类型"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    channel = models.ForeignKey(
        "catalog.Channel",
        verbose_name=_("渠道"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    # -- figures ---------------------------------------------------------------------------
    value = ExactDecimalField(_("目标值"))
    base_value = ExactDecimalField(_("保底目标"), null=True, blank=True)
    challenge_value = ExactDecimalField(_("挑战目标"), null=True, blank=True)

    # -- how this target's children were made ----------------------------------------------
    split_axes = models.CharField(_("分解维度"), max_length=60, blank=True)
    split_method = models.CharField(_("分解方法"), max_length=20, blank=True)
    split_params = models.JSONField(_("分解参数"), default=dict, blank=True)
    uplift_pct = models.DecimalField(
        _("上浮比例 %"), max_digits=7, decimal_places=3, default=Decimal(0)
    )
    split_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    split_at = models.DateTimeField(null=True, blank=True)

    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("目标")
        verbose_name_plural = _("目标")
        # Paths compare as strings ("/1/17/" < "/1/9/"), so siblings order by sort_order.
        ordering = ["depth", "sort_order", "pk"]
        indexes = [
            models.Index(fields=["plan", "parent"]),
            models.Index(fields=["node", "period_start", "period_end"]),
            models.Index(fields=["person", "period_start", "period_end"]),
            models.Index(fields=["period_start", "period_end"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="target_period_range",
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The target's coordinates in words, e.g. "华北 · 产品A · 2026-03"."""
        parts: list[str] = []
        if self.person_id and self.person is not None:
            parts.append(self.person.name)
        elif self.node_id and self.node is not None:
            parts.append(self.node.name)
        for dim in ("product", "product_line", "product_category", "region"):
            if getattr(self, f"{dim}_id"):
                parts.append(str(getattr(self, dim)))
                break
        for dim in ("customer_type", "channel"):
            if getattr(self, f"{dim}_id"):
                parts.append(str(getattr(self, dim)))
        parts.append(self.period)
        return " · ".join(parts)

    @property
    def is_decomposed(self) -> bool:
        return bool(self.split_method)

    @property
    def is_frozen(self) -> bool:
        """Approved and locked targets change only through an adjustment."""
        return self.status in (Status.APPROVED, Status.LOCKED)


class ChangeKind(models.TextChoices):
    CREATED = "created", pgettext_lazy("state", "创建")
    DECOMPOSED = "decomposed", _("分解")
    REPLACED = "replaced", _("重新分解替换")
    EDITED = "edited", pgettext_lazy("state", "修改")
    SUBMITTED = "submitted", _("提交")
    APPROVED = "approved", _("批准")
    RETURNED = "returned", _("退回")
    LOCKED = "locked", _("锁定")
    ADJUSTED = "adjusted", pgettext_lazy("state", "调整")
    IMPORTED = "imported", pgettext_lazy("state", "导入")


class TargetChange(models.Model):
    """One change of one target: who, when, which figure, old, new, why.

    ``target`` is kept nullable so that the history of a cell replaced by a re-decomposition
    survives it; ``target_label`` says which cell it was.
    """

    plan = models.ForeignKey(TargetPlan, on_delete=models.CASCADE, related_name="changes")
    target = models.ForeignKey(
        Target, null=True, blank=True, on_delete=models.SET_NULL, related_name="changes"
    )
    target_label = models.CharField(_("目标"), max_length=300)
    kind = models.CharField(_("类型"), max_length=12, choices=ChangeKind.choices)
    field = models.CharField(_("字段"), max_length=20, blank=True)
    old_value = ExactDecimalField(_("原值"), null=True, blank=True)
    new_value = ExactDecimalField(_("新值"), null=True, blank=True)
    old_status = models.CharField(max_length=10, blank=True)
    new_status = models.CharField(max_length=10, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=0)
    reason = models.TextField(_("原因"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    adjustment = models.ForeignKey(
        "targets.AdjustmentRequest",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="changes",
    )

    class Meta:
        verbose_name = _("目标变更记录")
        verbose_name_plural = _("目标变更记录")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["target", "at"]), models.Index(fields=["plan", "at"])]

    def __str__(self) -> str:
        return f"{self.target_label} {self.kind} {self.old_value} → {self.new_value}"

    @property
    def delta(self) -> Decimal | None:
        if self.old_value is None or self.new_value is None:
            return None
        # The type checker reads these two figures as Any; both are Decimals here.
        new: Decimal = self.new_value
        old: Decimal = self.old_value
        return new - old
