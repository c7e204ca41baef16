"""Assessment cycles (考核周期): a period, a population (an org subtree and roles), the steps
self-review → reviews → manager proposal → calibration → feedback → closed with a deadline
each, and the company's grade scale and distribution guideline."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CycleKind(models.TextChoices):
    MONTH = "month", _("月度")
    QUARTER = "quarter", _("季度")
    HALF = "half", _("半年度")
    YEAR = "year", _("年度")


class CycleStep(models.TextChoices):
    SELF_REVIEW = "self_review", _("自评")
    REVIEWS = "reviews", _("评价")
    PROPOSAL = "proposal", _("上级初评")
    CALIBRATION = "calibration", _("校准")
    FEEDBACK = "feedback", _("绩效面谈")
    CLOSED = "closed", _("已结束")


STEP_ORDER = list(CycleStep.values)
# Steps in which reviews may still be given.
OPEN_STEPS = (CycleStep.SELF_REVIEW, CycleStep.REVIEWS)
# Each open step and the deadline field that closes it.
STEP_DEADLINES = {
    CycleStep.SELF_REVIEW: "self_review_by",
    CycleStep.REVIEWS: "reviews_by",
    CycleStep.PROPOSAL: "proposal_by",
    CycleStep.CALIBRATION: "calibration_by",
    CycleStep.FEEDBACK: "feedback_by",
}


class Enforcement(models.TextChoices):
    WARNING = "warning", _("建议分布（提示）")
    ENFORCED = "enforced", _("强制分布")


class DistributionGroup(models.TextChoices):
    """Who a distribution guideline is applied to, together (分布范围)."""

    ALL = "all", _("整个考核范围")
    UNIT = "unit", _("考核范围下的各一级组织")
    NODE = "node", _("各人所在的组织（团队）")
    ROLE = "role", _("各角色")


def default_grade_bands() -> list[list[str]]:
    return [["S", "110"], ["A", "100"], ["B", "85"], ["C", "70"], ["D", "0"]]


def default_distribution() -> dict[str, str]:
    return {"S": "10", "A": "20", "B": "40", "C": "20", "D": "10"}


class AssessmentCycle(models.Model):
    name = models.CharField(_("名称"), max_length=200)
    kind = models.CharField(_("周期类型"), max_length=10, choices=CycleKind.choices)
    period = models.CharField(_("期间"), max_length=30)
    period_start = models.DateField(_("开始日期"))
    period_end = models.DateField(_("结束日期"))
    root = models.ForeignKey(
        "org.OrgNode", verbose_name=_("考核范围"), on_delete=models.PROTECT, related_name="+"
    )
    roles = models.JSONField(_("考核角色"), default=list)
    step = models.CharField(
        _("当前步骤"), max_length=12, choices=CycleStep.choices, default=CycleStep.SELF_REVIEW
    )
    self_review_by = models.DateTimeField(_("自评截止"))
    reviews_by = models.DateTimeField(_("评价截止"))
    proposal_by = models.DateTimeField(_("初评截止"))
    calibration_by = models.DateTimeField(_("校准截止"))
    feedback_by = models.DateTimeField(_("面谈截止"))
    escalate_after_hours = models.PositiveIntegerField(_("逾期多少小时后上报上级"), default=24)
    grade_bands = models.JSONField(_("等级与分数线"), default=default_grade_bands)
    distribution = models.JSONField(_("等级分布"), default=default_distribution)
    enforcement = models.CharField(
        _("分布要求"), max_length=10, choices=Enforcement.choices, default=Enforcement.WARNING
    )
    min_group_size = models.PositiveIntegerField(_("分布适用的最少人数"), default=10)
    distribution_by = models.CharField(
        _("分布按何分组"),
        max_length=10,
        choices=DistributionGroup.choices,
        default=DistributionGroup.ALL,
    )
    min_presence = models.DecimalField(
        _("参评最少在岗比例"), max_digits=4, decimal_places=2, default=Decimal("0.50")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("考核周期")
        verbose_name_plural = _("考核周期")
        ordering = ["-period_start", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_closed(self) -> bool:
        return self.step == CycleStep.CLOSED

    def step_reached(self, step: str) -> bool:
        return STEP_ORDER.index(self.step) >= STEP_ORDER.index(step)

    def deadline(self, step: str | None = None) -> dt.datetime | None:
        field = STEP_DEADLINES.get(CycleStep(step or self.step))
        return getattr(self, field) if field else None
