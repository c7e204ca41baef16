"""Adjustments (目标调整): an approved target changes only through a request with a reason,
decided by a higher role; on approval the value changes and, if chosen, the split below is
redone."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from salestarget.fields import ExactDecimalField


class AdjustmentReason(models.TextChoices):
    MARKET = "market", _("市场变化")
    REORGANISATION = "reorg", _("组织调整")
    FORCE_MAJEURE = "force", _("不可抗力")
    OTHER = "other", _("其他")


class AdjustmentRequest(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("待审批")
        APPROVED = "approved", _("已批准")
        REJECTED = "rejected", _("已驳回")
        WITHDRAWN = "withdrawn", _("已撤回")

    target = models.ForeignKey(
        "targets.Target",
        verbose_name=_("目标"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="adjustments",
    )
    plan = models.ForeignKey(
        "targets.TargetPlan", on_delete=models.CASCADE, related_name="adjustments"
    )
    target_label = models.CharField(_("目标"), max_length=300)
    target_version = models.PositiveIntegerField(default=0)
    old_value = ExactDecimalField(_("原目标值"))
    new_value = ExactDecimalField(_("调整后目标值"))
    new_base_value = ExactDecimalField(_("调整后保底目标"), null=True, blank=True)
    new_challenge_value = ExactDecimalField(_("调整后挑战目标"), null=True, blank=True)
    reason_category = models.CharField(
        _("调整原因"), max_length=10, choices=AdjustmentReason.choices
    )
    reason = models.TextField(_("具体说明"))
    redistribute = models.BooleanField(_("按原方法重新分解下级"), default=True)
    state = models.CharField(
        _("状态"), max_length=10, choices=State.choices, default=State.PENDING, db_index=True
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("审批意见"), blank=True)

    class Meta:
        verbose_name = _("目标调整申请")
        verbose_name_plural = _("目标调整申请")
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.target_label}: {self.old_value} → {self.new_value}"
