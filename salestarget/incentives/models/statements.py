"""Statements (提成明细), their lines, disputes (申诉) and the payout's way from calculated to
paid. A statement is per person per month; a locked one is never rewritten: late changes
arrive as delta lines in the next open month."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from salestarget.fields import ExactDecimalField
from salestarget.incentives.models.plans import CommissionPlan, PlanComponent


class StatementStatus(models.TextChoices):
    ESTIMATED = "estimated", _("预估")
    CALCULATED = "calculated", _("已计算")
    REVIEWED = "reviewed", _("经理已审核")
    APPROVED = "approved", _("财务已批准")
    PAID = "paid", _("已发放")

    @classmethod
    def closed(cls) -> tuple[str, ...]:
        """A statement in these states is never recalculated in place."""
        return (cls.APPROVED, cls.PAID)


class Statement(models.Model):
    person = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+")
    period = models.CharField(_("期间"), max_length=10)  # a month label, 2026-03
    period_start = models.DateField()
    period_end = models.DateField()
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=StatementStatus.choices,
        default=StatementStatus.ESTIMATED,
        db_index=True,
    )
    total = ExactDecimalField(_("应发合计"), default=0)
    as_of = models.DateField(_("数据截至"), null=True, blank=True)
    calculated_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("提成明细")
        verbose_name_plural = _("提成明细")
        ordering = ["-period", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["person", "period"], name="statement_per_month")
        ]

    def __str__(self) -> str:
        return f"{self.period} {self.person_id}"

    @property
    def is_closed(self) -> bool:
        return self.status in StatementStatus.closed()


class LineKind(models.TextChoices):
    COMPONENT = "component", _("提成")
    CLAWBACK = "clawback", _("退货追回")
    PRIZE = "prize", _("竞赛奖金")
    BONUS = "bonus", _("绩效奖金")
    DELTA = "delta", _("差额调整")
    ADJUSTMENT = "adjustment", _("申诉调整")
    PLAN_CAP = "plan_cap", _("方案封顶")


class StatementLine(models.Model):
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(_("类型"), max_length=12, choices=LineKind.choices)
    sort_order = models.IntegerField(default=0)
    plan = models.ForeignKey(
        CommissionPlan, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    component = models.ForeignKey(
        PlanComponent, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    label = models.CharField(_("项目"), max_length=200)
    span_start = models.DateField(null=True, blank=True)
    span_end = models.DateField(null=True, blank=True)
    measure_total = ExactDecimalField(_("业绩"), null=True, blank=True)
    quota = ExactDecimalField(pgettext_lazy("quota", "指标"), null=True, blank=True)
    attainment = models.DecimalField(
        _("达成率"), max_digits=14, decimal_places=6, null=True, blank=True
    )
    amount = ExactDecimalField(_("金额"), default=0)
    steps = models.JSONField(default=list, blank=True)
    # Delta lines: the closed period they correct, its old and new value, and why.
    source_period = models.CharField(max_length=10, blank=True)
    old_value = ExactDecimalField(_("原值"), null=True, blank=True)
    new_value = ExactDecimalField(_("新值"), null=True, blank=True)
    reason = models.TextField(_("原因"), blank=True)

    class Meta:
        verbose_name = _("明细行")
        verbose_name_plural = _("明细行")
        ordering = ["statement", "sort_order", "pk"]

    def __str__(self) -> str:
        return f"{self.label} {self.amount}"


class DisputeStatus(models.TextChoices):
    OPEN = "open", _("处理中")
    ADJUSTED = "adjusted", _("已调整")
    REJECTED = "rejected", _("已驳回")


class Dispute(models.Model):
    """A dispute stays with its statement when a recalculation replaces the line it was
    raised on (the line's label is kept)."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="disputes")
    line = models.ForeignKey(
        StatementLine, null=True, blank=True, on_delete=models.SET_NULL, related_name="disputes"
    )
    line_label = models.CharField(_("项目"), max_length=200, blank=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(_("申诉说明"))
    status = models.CharField(
        _("状态"), max_length=10, choices=DisputeStatus.choices, default=DisputeStatus.OPEN
    )
    resolution = models.TextField(_("处理意见"), blank=True)
    adjustment = ExactDecimalField(_("调整金额"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("申诉")
        verbose_name_plural = _("申诉")
        ordering = ["-raised_at"]

    def __str__(self) -> str:
        return f"{self.statement_id} {self.line_label} {self.status}"


class AuditEntry(models.Model):
    """Who did what to a statement, when: every status change, dispute and delta."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="audit")
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=20)
    detail = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.statement_id} {self.action}"
