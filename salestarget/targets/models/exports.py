"""A decomposition workbook written in the background: how far it has got, and the file when it
is done. A subtree of thousands of targets takes seconds to write, so the page queues it and
shows its progress instead of leaving the browser waiting on a blank download."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("生成中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class DecompositionExport(models.Model):
    target = models.ForeignKey(
        "targets.Target", verbose_name=_("目标"), on_delete=models.CASCADE, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("导出人"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    language = models.CharField(max_length=16, default="")
    status = models.CharField(
        _("状态"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    total = models.PositiveIntegerField(default=0)  # the subtree's targets
    done = models.PositiveIntegerField(default=0)  # rows written so far
    task_id = models.CharField(max_length=64, blank=True, default="")
    content = models.BinaryField(null=True, editable=False)  # the .xlsx, when done
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("目标分解导出")
        verbose_name_plural = _("目标分解导出")

    def __str__(self) -> str:
        return f"{self.target} · {self.get_status_display()}"

    @property
    def percent(self) -> int:
        """How far it has got, 0–100: the rows (writing the file is the last 10%)."""
        if self.status == ExportStatus.DONE:
            return 100
        if not self.total:
            return 0
        return min(90, 90 * self.done // self.total)
