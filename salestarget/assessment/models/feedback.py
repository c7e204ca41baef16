"""Feedback interviews (绩效面谈) and improvement plans (改进计划) for low grades, with goals
and coaching actions followed up to closure."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FeedbackInterview(models.Model):
    scorecard = models.OneToOneField(
        "assessment.Scorecard", on_delete=models.CASCADE, related_name="interview"
    )
    held_on = models.DateField(_("面谈日期"))
    notes = models.TextField(_("面谈记录"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledged_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    person_comment = models.TextField(_("本人意见"), blank=True)

    class Meta:
        verbose_name = _("绩效面谈")
        verbose_name_plural = _("绩效面谈")

    def __str__(self) -> str:
        return f"{self.scorecard} {self.held_on}"


class PlanStatus(models.TextChoices):
    OPEN = "open", _("进行中")
    CLOSED = "closed", _("已关闭")


class ImprovementPlan(models.Model):
    scorecard = models.OneToOneField(
        "assessment.Scorecard", on_delete=models.CASCADE, related_name="improvement_plan"
    )
    goals = models.TextField(_("改进目标"))
    status = models.CharField(
        _("状态"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.OPEN
    )
    outcome = models.TextField(_("结果"), blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(_("关闭时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("改进计划")
        verbose_name_plural = _("改进计划")

    def __str__(self) -> str:
        return f"{self.scorecard}"


class ImprovementAction(models.Model):
    """A coaching action (辅导) with its follow-up date."""

    plan = models.ForeignKey(ImprovementPlan, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("辅导行动"), max_length=300)
    follow_up_on = models.DateField(_("跟进日期"))
    done_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    notes = models.TextField(_("跟进记录"), blank=True)

    class Meta:
        verbose_name = _("辅导行动")
        verbose_name_plural = _("辅导行动")
        ordering = ["plan", "follow_up_on", "pk"]

    def __str__(self) -> str:
        return self.description
