"""The record of every import (file, API batch, manual entry) and the column mappings
remembered per source.

The tables kept the names they had when imports lived in ``actuals`` (the models moved here
by a state-only migration; no data was touched).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportBatch(models.Model):
    """One import (file, API batch or manual entry); facts remember which batch wrote them last.

    A file import goes uploaded → (validated) → running → done, or rejected when the file has
    errors and the mode is all-or-nothing. ``progress`` (0–100) and ``phase`` are what the
    page and the terminal show while it runs.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("待处理")
        VALIDATED = "validated", _("已校验")
        RUNNING = "running", _("导入中")
        DONE = "done", _("完成")
        REJECTED = "rejected", _("已拒绝")
        FAILED = "failed", _("失败")
        EXPIRED = "expired", _("已过期")  # uploaded and never imported (importing.expiry)

    class Mode(models.TextChoices):
        ALL_OR_NOTHING = "all", _("全部或不导入（有错误则整个文件不导入）")
        GOOD_ROWS = "good", _("只导入正确的行")

    kind = models.CharField(_("数据类型"), max_length=20)
    source = models.CharField(_("来源"), max_length=40)
    file_name = models.CharField(_("文件名"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        "auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    mode = models.CharField(
        _("导入方式"), max_length=4, choices=Mode.choices, default=Mode.ALL_OR_NOTHING
    )
    rows_total = models.IntegerField(default=0)
    rows_written = models.IntegerField(default=0)
    rows_rejected = models.IntegerField(default=0)
    rows_inserted = models.IntegerField(default=0)
    rows_updated = models.IntegerField(default=0)
    rows_unchanged = models.IntegerField(default=0)
    errors_total = models.IntegerField(default=0)
    message = models.TextField(blank=True)
    # The uploaded file (storage name), the mapping {field: header} and options used.
    stored_file = models.CharField(max_length=255, blank=True)
    mapping = models.JSONField(default=dict, blank=True)
    options = models.JSONField(default=dict, blank=True)
    error_report = models.CharField(max_length=255, blank=True)
    errors_preview = models.JSONField(default=list, blank=True)
    phase = models.CharField(max_length=20, blank=True)
    progress = models.PositiveSmallIntegerField(default=0)
    task_id = models.CharField(max_length=64, blank=True)
    # The lease (``importing.lease``): the process running the import, and when it last said so.
    runner = models.CharField(max_length=200, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("导入批次")
        verbose_name_plural = _("导入批次")
        ordering = ["-created_at"]
        db_table = "actuals_importbatch"

    def __str__(self) -> str:
        return f"{self.kind} {self.file_name or self.source} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_running(self) -> bool:
        return self.status in {self.Status.PENDING, self.Status.RUNNING} and bool(self.phase)


class ImportMapping(models.Model):
    """The column mapping last used for a source and kind, suggested again next time."""

    source = models.CharField(_("来源"), max_length=40)
    kind = models.CharField(_("数据类型"), max_length=20)
    mapping = models.JSONField(default=dict)  # {normalised header: field}
    options = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("导入列映射")
        verbose_name_plural = _("导入列映射")
        db_table = "actuals_importmapping"
        constraints = [
            models.UniqueConstraint(fields=["source", "kind"], name="importmapping_source_kind")
        ]

    def __str__(self) -> str:
        return f"{self.source}/{self.kind}"
