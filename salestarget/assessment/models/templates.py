"""Scorecard templates (考核表模板) per role: quantitative items bound to a metric's target for
the cycle's period and qualitative items rated by reviewer groups. Item weights add up to
100% (checked by ``template_check`` through ``core.scoring``)."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext, gettext_noop, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from salestarget.org.models import Role


class ItemKind(models.TextChoices):
    QUANTITATIVE = "quantitative", _("定量（目标完成）")
    QUALITATIVE = "qualitative", _("定性（行为评价）")


class RuleKind(models.TextChoices):
    LINEAR = "linear", _("线性（保底与封顶）")
    TIERS = "tiers", _("阶梯")


def default_group_weights() -> dict[str, str]:
    return {"self": "10", "manager": "60", "peer": "20", "customer": "10"}


def default_levels() -> list[dict[str, object]]:
    """The 1–5 scale, stored in Chinese; ``gettext_noop`` marks the words so the template
    editor can store them in the language it is used in (``forms.templates``)."""
    return [
        {"level": 1, "description": gettext_noop("远低于期望")},
        {"level": 2, "description": gettext_noop("低于期望")},
        {"level": 3, "description": gettext_noop("符合期望")},
        {"level": 4, "description": gettext_noop("超出期望")},
        {"level": 5, "description": gettext_noop("远超期望")},
    ]


def levels_typed() -> list[dict[str, object]]:
    """The default 1–5 scale with its words in the active language: what a qualitative
    item left without a scale gets, in the editor and over the API."""
    return [{**lv, "description": gettext(str(lv["description"]))} for lv in default_levels()]


class ScorecardTemplate(models.Model):
    name = models.CharField(_("名称"), max_length=200)
    role = models.CharField(_("适用角色"), max_length=10, choices=Role.choices, default=Role.REP)
    is_active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("考核表模板")
        verbose_name_plural = _("考核表模板")
        ordering = ["role", "name"]

    def __str__(self) -> str:
        return self.name


class TemplateItem(models.Model):
    template = models.ForeignKey(
        ScorecardTemplate, on_delete=models.CASCADE, related_name="items", verbose_name=_("模板")
    )
    kind = models.CharField(_("类型"), max_length=12, choices=ItemKind.choices)
    name = models.CharField(_("考核项"), max_length=100)
    name_en = models.CharField(_("英文名称"), max_length=100, blank=True)
    weight = models.DecimalField(_("权重（%）"), max_digits=5, decimal_places=2)
    sort_order = models.IntegerField(_("排序"), default=0)
    # Quantitative: the metric whose target for the cycle's period is scored, and the rule.
    metric = models.CharField(_("指标"), max_length=40, blank=True)
    rule = models.CharField(
        _("计分规则"), max_length=10, choices=RuleKind.choices, default=RuleKind.LINEAR
    )
    rule_params = models.JSONField(
        _("规则参数"),
        default=dict,
        blank=True,
        help_text=_("线性：floor、cap、threshold；阶梯：tiers = [[完成率, 得分], …]"),
    )
    # Qualitative: a rating scale with a description per level, and each reviewer group's
    # weight (percent, adding up to 100).
    levels = models.JSONField(_("评分等级"), default=default_levels, blank=True)
    group_weights = models.JSONField(_("评价人权重"), default=default_group_weights, blank=True)
    description = models.TextField(pgettext_lazy("description", "说明"), blank=True)

    class Meta:
        verbose_name = _("考核项")
        verbose_name_plural = _("考核项")
        ordering = ["template", "sort_order", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_quantitative(self) -> bool:
        return self.kind == ItemKind.QUANTITATIVE

    @property
    def scale_max(self) -> int:
        return max((int(str(level["level"])) for level in self.levels), default=5)

    @property
    def scale_min(self) -> int:
        return min((int(str(level["level"])) for level in self.levels), default=1)

    def group_weight_values(self) -> dict[str, Decimal]:
        return {group: Decimal(str(w)) for group, w in self.group_weights.items()}
