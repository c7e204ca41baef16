"""Bottom-up drafts (目标草案): a manager opens a round on a target, each person proposes a base
and a challenge figure with the obstacles they foresee and the resources they need, and the
manager accepts, changes or returns each draft (目标对话)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from salestarget.fields import ExactDecimalField


class RoundStatus(models.TextChoices):
    OPEN = "open", _("收集中")
    CLOSED = "closed", _("已结束")
    APPLIED = "applied", _("已用于分解")


class DraftStatus(models.TextChoices):
    PENDING = "pending", _("待填写")
    SUBMITTED = "submitted", _("已提交")
    ACCEPTED = "accepted", _("已接受")
    CHANGED = "changed", _("已修改接受")
    RETURNED = "returned", _("已退回")


AGREED_STATUSES = (DraftStatus.ACCEPTED, DraftStatus.CHANGED)


class DraftRound(models.Model):
    """A call for drafts on one target: its children will be the people who answer."""

    target = models.ForeignKey(
        "targets.Target", verbose_name=_("目标"), on_delete=models.CASCADE, related_name="rounds"
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    deadline = models.DateTimeField(_("截止时间"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("目标草案征集")
        verbose_name_plural = _("目标草案征集")
        ordering = ["-opened_at"]

    def __str__(self) -> str:
        return f"{self.target} ({self.get_status_display()})"


class TargetDraft(models.Model):
    round = models.ForeignKey(DraftRound, on_delete=models.CASCADE, related_name="drafts")
    person = models.ForeignKey(
        "org.Person", verbose_name=_("人员"), on_delete=models.PROTECT, related_name="+"
    )
    base_value = ExactDecimalField(_("保底目标"), null=True, blank=True)
    challenge_value = ExactDecimalField(_("挑战目标"), null=True, blank=True)
    obstacles = models.TextField(_("预计困难"), blank=True)
    resources = models.TextField(_("所需资源和条件"), blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=DraftStatus.choices, default=DraftStatus.PENDING
    )
    agreed_value = ExactDecimalField(_("确认目标"), null=True, blank=True)
    manager_note = models.TextField(_("主管意见"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("目标草案")
        verbose_name_plural = _("目标草案")
        ordering = ["round", "person__employee_no"]
        constraints = [
            models.UniqueConstraint(fields=["round", "person"], name="draft_one_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.base_value}/{self.challenge_value}"

    @property
    def is_agreed(self) -> bool:
        return self.status in AGREED_STATUSES
