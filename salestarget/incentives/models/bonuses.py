"""Grade bonuses (绩效奖金): a plan's table from assessment grade to a multiplier of a target
bonus, paid once per bonus period; and grades typed in by finance for the periods no
assessment cycle grades."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from salestarget.fields import ExactDecimalField
from salestarget.incentives.models.plans import CommissionPlan


class BonusPeriod(models.TextChoices):
    MONTH = "month", _("月度")
    QUARTER = "quarter", _("季度")
    HALF = "half", _("半年度")
    YEAR = "year", _("年度")


class BonusTable(models.Model):
    """``multipliers`` is ``{grade: multiplier}`` as strings (``{"S": "1.5", "A": "1.2"}``);
    the bonus is paid in the statement of the period's last month."""

    plan = models.OneToOneField(
        CommissionPlan, on_delete=models.CASCADE, related_name="bonus_table"
    )
    period = models.CharField(
        _("奖金周期"), max_length=10, choices=BonusPeriod.choices, default=BonusPeriod.QUARTER
    )
    target_bonus = ExactDecimalField(_("目标奖金"), default=0)
    multipliers = models.JSONField(_("等级系数"), default=dict, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("绩效奖金表")
        verbose_name_plural = _("绩效奖金表")

    def __str__(self) -> str:
        return f"{self.plan_id} {self.period}"


class TypedGrade(models.Model):
    """A grade finance typed in for a person and a period (``FY2026-Q4``, ``FY2026``): read only
    where no assessment cycle grades that person for exactly that period."""

    person = models.ForeignKey("org.Person", on_delete=models.CASCADE, related_name="+")
    period = models.CharField(_("期间"), max_length=10)
    period_start = models.DateField()
    period_end = models.DateField()
    grade = models.CharField(_("等级"), max_length=20)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("手工绩效等级")
        verbose_name_plural = _("手工绩效等级")
        ordering = ["-period_start", "person_id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "period"], name="typed_grade_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.period} {self.person_id} {self.grade}"
