"""The activities app's own records: daily and weekly work reports (日报, 周报) and the
managers' comments on them; action plans (行动计划): the steps that turn one target into work,
each with its owner, due date, status and the resources it needs, seeded from the draft
(目标草案) the target came from, their status changes kept for the weekly meeting ("since last
week"). Activity facts themselves are ``actuals.Activity``."""

from __future__ import annotations

from django.conf import settings
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


class StepStatus(models.TextChoices):
    TODO = "todo", _("待开始")
    DOING = "doing", _("进行中")
    DONE = "done", _("已完成")
    DROPPED = "dropped", _("已取消")


# A step in one of these still has work to do: it can be overdue.
OPEN_STATUSES = (StepStatus.TODO, StepStatus.DOING)


class ActionPlan(models.Model):
    """One target's plan. The node is the target's (who may read it: the target's person and
    the managers of that node and above)."""

    target = models.OneToOneField(
        "targets.Target",
        verbose_name=_("目标"),
        on_delete=models.CASCADE,
        related_name="action_plan",
    )
    node = models.ForeignKey(
        "org.OrgNode", verbose_name=_("组织"), on_delete=models.PROTECT, related_name="+"
    )
    # The person who carries the target (a person's target), or its unit's manager.
    owner = models.ForeignKey(
        "org.Person", verbose_name=_("负责人"), on_delete=models.PROTECT, related_name="+"
    )
    draft = models.ForeignKey(
        "targets.TargetDraft",
        verbose_name=_("目标草案"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("行动计划")
        verbose_name_plural = _("行动计划")

    def __str__(self) -> str:
        return f"plan of target {self.target_id}"


class ActionStep(models.Model):
    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("行动计划"), on_delete=models.CASCADE, related_name="steps"
    )
    title = models.CharField(_("行动"), max_length=200)
    owner = models.ForeignKey(
        "org.Person", verbose_name=_("负责人"), on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField(_("截止日期"))
    status = models.CharField(
        _("状态"), max_length=8, choices=StepStatus.choices, default=StepStatus.TODO
    )
    resources = models.TextField(_("所需资源"), max_length=2000, blank=True, default="")
    # The due date the owner was last reminded of (a new due date is reminded again).
    reminded_due = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("行动步骤")
        verbose_name_plural = _("行动步骤")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return self.title


class StepChange(models.Model):
    """One status change of a step, for the weekly meeting ("since last week")."""

    step = models.ForeignKey(ActionStep, on_delete=models.CASCADE, related_name="changes")
    old_status = models.CharField(max_length=8, choices=StepStatus.choices, blank=True)
    new_status = models.CharField(max_length=8, choices=StepStatus.choices)
    by = models.ForeignKey("org.Person", null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.step_id}: {self.old_status} → {self.new_status}"
