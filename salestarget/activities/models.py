"""The activities app's own records: daily and weekly work reports (日报, 周报) and the
managers' comments on them. Activity facts themselves are ``actuals.Activity``."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkReport(models.Model):
    """A rep's report of one day or one week: what was done (the activities and results are
    read from the rollups when shown, never copied here), what comes next, what help is
    needed. Submitting again the same day or week updates it."""

    class Kind(models.TextChoices):
        DAY = "day", _("日报")
        WEEK = "week", _("周报")

    person = models.ForeignKey(
        "org.Person", verbose_name=_("人员"), on_delete=models.PROTECT, related_name="+"
    )
    # The person's node on the report's first day: managers read their subtree's reports.
    node = models.ForeignKey(
        "org.OrgNode", verbose_name=_("组织"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("类型"), max_length=4, choices=Kind.choices)
    period_start = models.DateField(_("日期"))  # the day, or the Monday of the week
    summary = models.TextField(_("工作总结"), max_length=4000)
    plan_next = models.TextField(_("下一步计划"), max_length=4000, blank=True, default="")
    help_needed = models.TextField(_("需要的支持"), max_length=2000, blank=True, default="")
    submitted_at = models.DateTimeField(_("提交时间"), auto_now=True)

    class Meta:
        verbose_name = _("工作报告")
        verbose_name_plural = _("工作报告")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind", "period_start"], name="workreport_one_per_period"
            )
        ]
        indexes = [models.Index(fields=["kind", "period_start", "node"])]

    def __str__(self) -> str:
        return f"{self.person_id} {self.kind} {self.period_start}"


class ReportComment(models.Model):
    report = models.ForeignKey(
        WorkReport, verbose_name=_("工作报告"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        "org.Person", verbose_name=_("点评人"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("点评"), max_length=2000)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("报告点评")
        verbose_name_plural = _("报告点评")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.text[:20]}"
