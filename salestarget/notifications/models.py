"""The notification centre: messages to users (overdue steps, approvals waiting, alerts).

A notification may carry a ``dedupe_key``: the same key is sent to the same recipient once,
so a check that runs every hour never repeats an alert.

``message`` keeps what it says as message keys with arguments (``notifications.messages``),
rendered in the reader's language when read (``text_title``/``text_body``); ``title`` and
``body`` hold it in the site's language for mail, the admin and notifications from before.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from salestarget.notifications.messages import render


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("类型"), max_length=40)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    link = models.CharField(_("链接"), max_length=500, blank=True)
    dedupe_key = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    # {"title": [part], "body": [part, …]}; see notifications.messages
    message = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"],
                condition=~Q(dedupe_key=""),
                name="notification_once_per_key",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def text_title(self) -> str:
        """The title in the active language."""
        parts = (self.message or {}).get("title")
        return render(parts) if parts else self.title

    @property
    def text_body(self) -> str:
        """The body in the active language."""
        if not self.message or "body" not in self.message:
            return self.body
        return render(self.message["body"])

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
