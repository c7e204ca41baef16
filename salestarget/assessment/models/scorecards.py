"""Scorecards (考核表): one per person per cycle, with its computed lines, total and grade,
the calibration sessions that review grades, and every grade change with its reason.

Scores and the computed grade are written only by ``scorecard_compute``; nobody types them.
A grade changes by a manager's proposal or in calibration, always with a reason, audited.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Scorecard(models.Model):
    cycle = models.ForeignKey(
        "assessment.AssessmentCycle", on_delete=models.CASCADE, related_name="scorecards"
    )
    person = models.ForeignKey(
        "org.Person", verbose_name=_("人员"), on_delete=models.PROTECT, related_name="scorecards"
    )
    template = models.ForeignKey(
        "assessment.ScorecardTemplate", on_delete=models.PROTECT, related_name="scorecards"
    )
    node = models.ForeignKey(
        "org.OrgNode", verbose_name=_("组织"), on_delete=models.PROTECT, related_name="+"
    )
    manager = models.ForeignKey(
        "org.Person",
        verbose_name=pgettext_lazy("supervisor", "上级"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    too_new = models.BooleanField(_("入职未满，不参评"), default=False)
    performance_score = models.DecimalField(
        _("业绩得分"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    behaviour_score = models.DecimalField(
        _("行为得分"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    total_score = models.DecimalField(
        _("总分"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    missing_items = models.JSONField(_("未计分项"), default=list, blank=True)
    computed_grade = models.CharField(_("计算等级"), max_length=20, blank=True)
    proposed_grade = models.CharField(_("上级建议等级"), max_length=20, blank=True)
    grade = models.CharField(_("最终等级"), max_length=20, blank=True)
    computed_at = models.DateTimeField(_("计算时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("考核表")
        verbose_name_plural = _("考核表")
        ordering = ["cycle", "node__path", "person__employee_no"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "person"], name="scorecard_one_per_cycle")
        ]

    def __str__(self) -> str:
        return f"{self.cycle} · {self.person}"

    @property
    def current_grade(self) -> str:
        return self.grade or self.proposed_grade or self.computed_grade


class ScorecardLine(models.Model):
    """One item of a scorecard as computed: a quantitative item's target, actual, achievement
    and score; a qualitative item's score and which reviewer groups counted (aggregates only:
    each group's number of answers and mean, or nothing below the anonymity threshold)."""

    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="lines")
    item = models.ForeignKey("assessment.TemplateItem", on_delete=models.PROTECT, related_name="+")
    target = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    actual = models.DecimalField(max_digits=24, decimal_places=6, null=True, blank=True)
    achievement = models.DecimalField(max_digits=12, decimal_places=6, null=True, blank=True)
    score = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    weight_used = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    groups = models.JSONField(default=list, blank=True)
    missing_groups = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["scorecard", "item__sort_order", "item_id"]
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "item"], name="line_one_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.scorecard} {self.item}"


class CalibrationSession(models.Model):
    """校准会: the grades of one group (an org subtree in a cycle) reviewed against the
    guideline; locked when done, after which its grades no longer change."""

    cycle = models.ForeignKey(
        "assessment.AssessmentCycle", on_delete=models.CASCADE, related_name="sessions"
    )
    node = models.ForeignKey(
        "org.OrgNode", verbose_name=_("校准范围"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("名称"), max_length=200)
    locked_at = models.DateTimeField(_("锁定时间"), null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("校准会")
        verbose_name_plural = _("校准会")
        ordering = ["cycle", "node__path"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None


class GradeChange(models.Model):
    """Every grade set by hand: who, when, from what to what, and why."""

    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="grade_changes")
    session = models.ForeignKey(
        CalibrationSession, null=True, blank=True, on_delete=models.SET_NULL, related_name="changes"
    )
    kind = models.CharField(max_length=12)  # "proposal" or "calibration"
    old_grade = models.CharField(max_length=20, blank=True)
    new_grade = models.CharField(max_length=20)
    reason = models.TextField(_("理由"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("等级调整记录")
        verbose_name_plural = _("等级调整记录")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.scorecard}: {self.old_grade} → {self.new_grade}"
