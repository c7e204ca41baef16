"""Scorecard templates: items whose weights add up to 100%, quantitative items on a known
metric with a valid scoring rule, qualitative items whose reviewer-group weights add up to
100% too. The checks are ``core.scoring``'s; this module turns their errors into form
errors naming the template or item."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from salestarget.assessment.models import ItemKind, ScorecardTemplate, TemplateItem
from salestarget.assessment.permissions import RUNNERS
from salestarget.assessment.rules import item_rule
from salestarget.core.scoring.items import LinearRule, TierRule
from salestarget.core.scoring.weighting import ReviewerGroup, WeightsError, check_weights
from salestarget.org.scoping import scope_for
from salestarget.targets.company_metrics import metric_definition


def item_check(item: TemplateItem) -> None:
    """ValidationError naming what is wrong with one item."""
    if item.kind == ItemKind.QUANTITATIVE:
        metric_definition(item.metric)  # raises for an unknown metric
        try:
            rule = item_rule(item)
        except (ValueError, ArithmeticError, TypeError) as exc:
            raise ValidationError(
                {
                    "rule_params": _("%(item)s：计分规则无效（%(error)s）")
                    % {"item": item.name, "error": exc}
                }
            ) from exc
        assert isinstance(rule, LinearRule | TierRule)
        return
    levels = item.levels or []
    if len(levels) < 2 or any(not str(level.get("description", "")).strip() for level in levels):
        raise ValidationError(
            {"levels": _("%(item)s：评分等级至少两级，且每一级都要有说明。") % {"item": item.name}}
        )
    unknown = set(item.group_weights) - set(ReviewerGroup)
    if unknown:
        raise ValidationError(
            {
                "group_weights": _("%(item)s：未知的评价人类别 %(groups)s")
                % {"item": item.name, "groups": ", ".join(sorted(unknown))}
            }
        )
    try:
        check_weights(item.group_weight_values(), "reviewer-group weights")
    except WeightsError as exc:
        raise ValidationError(
            {
                "group_weights": _("%(item)s：评价人权重之和必须为 100%%（%(error)s）")
                % {"item": item.name, "error": exc}
            }
        ) from exc


def template_check(template: ScorecardTemplate) -> None:
    """ValidationError unless every item is valid and the item weights add up to 100%."""
    items = list(template.items.all())
    if not items:
        raise ValidationError({"items": _("考核表至少要有一个考核项。")})
    for item in items:
        item_check(item)
    try:
        check_weights({item.name: Decimal(item.weight) for item in items}, "item weights")
    except WeightsError:
        total = sum((Decimal(i.weight) for i in items), Decimal(0))
        raise ValidationError(
            {"items": _("考核项权重之和为 %(total)s%%，必须为 100%%。") % {"total": total}}
        ) from None


@transaction.atomic
def template_save(
    *,
    template: ScorecardTemplate,
    items: list[TemplateItem],
    by: User,
) -> ScorecardTemplate:
    """Save a template with its complete list of items; refused (nothing written) unless it
    passes ``template_check``."""
    if scope_for(by).role not in RUNNERS:
        raise PermissionDenied("only assessment administrators edit templates")
    template.save()
    template.items.exclude(pk__in=[i.pk for i in items if i.pk]).delete()
    for order, item in enumerate(items):
        item.template = template
        item.sort_order = order
        item.save()
    template_check(template)  # raises inside the transaction: nothing is kept
    return template
