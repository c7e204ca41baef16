"""Planning cycles and their deadlines (e.g. monthly targets decomposed by the 5th 17:30 and
submitted by the 9th 17:30), so that nothing stops at middle management (防止目标滞留在中层)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StepKind(models.TextChoices):
    DECOMPOSE = "decompose", _("分解目标")
    SUBMIT = "submit", _("审核并上报")
    APPROVE = "approve", _("审批")


class PlanningCycle(models.Model):
    plan = models.ForeignKey(
        "targets.TargetPlan",
        verbose_name=_("目标计划"),
        on_delete=models.CASCADE,
        related_name="cycles",
    )
    name = models.CharField(_("名称"), max_length=200)
    period = models.CharField(_("期间"), max_length=30)
    escalate_after_hours = models.PositiveIntegerField(_("逾期多少小时后上报上级"), default=24)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("计划周期")
        verbose_name_plural = _("计划周期")
        ordering = ["-period", "name"]

    def __str__(self) -> str:
        return self.name


class PlanningStep(models.Model):
    """One dated duty of one node's manager in a cycle."""

    cycle = models.ForeignKey(PlanningCycle, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("步骤"), max_length=10, choices=StepKind.choices)
    node = models.ForeignKey(
        "org.OrgNode", verbose_name=_("组织"), on_delete=models.PROTECT, related_name="+"
    )
    responsible = models.ForeignKey(
        "org.Person",
        verbose_name=_("责任人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    target = models.ForeignKey(
        "targets.Target",
        verbose_name=_("目标"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    due_at = models.DateTimeField(_("截止时间"))
    done_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reminded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    escalated_to = models.ForeignKey(
        "org.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("计划步骤")
        verbose_name_plural = _("计划步骤")
        ordering = ["due_at", "node__path"]
        indexes = [models.Index(fields=["done_at", "due_at"])]

    def __str__(self) -> str:
        return f"{self.node} {self.get_kind_display()} {self.due_at:%Y-%m-%d %H:%M}"

    def is_overdue(self, now: dt.datetime | None = None) -> bool:
        return self.done_at is None and self.due_at < (now or timezone.now())
