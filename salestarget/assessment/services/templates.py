"""Scorecard templates: items whose weights add up to 100%, quantitative items on a known
metric with a valid scoring rule, qualitative items whose reviewer-group weights add up to
100% too. The checks are ``core.scoring``'s; this module turns their errors into form
errors naming the template or item.

A template that scorecards already use keeps its items as they are (a cycle's scores must
not change because someone edited the template mid-way): only its name and whether it is
active may change; ``template_copy`` starts a new version to edit. One template per role is
active: activating one deactivates the others of its role (``cycle_open`` picks the active
one)."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from salestarget.assessment.models import ItemKind, RuleKind, ScorecardTemplate, TemplateItem
from salestarget.assessment.permissions import RUNNERS
from salestarget.assessment.rules import item_rule
from salestarget.core.scoring.items import HUNDRED, LinearRule, TierRule
from salestarget.core.scoring.weighting import ReviewerGroup, WeightsError, check_weights
from salestarget.org.models import Role
from salestarget.org.scoping import scope_for
from salestarget.targets.company_metrics import metric_definition


def item_check(item: TemplateItem) -> None:
    """ValidationError naming what is wrong with one item."""
    if not item.name.strip():
        raise ValidationError({"items": _("每个考核项都要有名称。")})
    weight = Decimal(item.weight)
    if not Decimal(0) < weight <= HUNDRED:
        raise ValidationError(
            {"items": _("%(item)s：权重必须大于 0 且不超过 100%%。") % {"item": item.name}}
        )
    if item.kind not in ItemKind.values:
        raise ValidationError({"items": _("%(item)s：未知的考核项类型。") % {"item": item.name}})
    if item.kind == ItemKind.QUANTITATIVE:
        if item.rule not in RuleKind.values:
            raise ValidationError({"rule": _("%(item)s：未知的计分规则。") % {"item": item.name}})
        if not item.metric:
            raise ValidationError(
                {"metric": _("%(item)s：定量考核项要选择指标。") % {"item": item.name}}
            )
        try:
            metric_definition(item.metric)
        except ValidationError:
            raise ValidationError(
                {
                    "metric": _("%(item)s：未知指标 %(metric)s")
                    % {"item": item.name, "metric": item.metric}
                }
            ) from None
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
    numbers = [level.get("level") for level in levels if isinstance(level, dict)]
    if (
        len(levels) < 2
        or len(numbers) != len(levels)
        or any(not isinstance(n, int) or isinstance(n, bool) or n < 0 for n in numbers)
        or len(set(numbers)) != len(numbers)
        or any(not str(level.get("description", "")).strip() for level in levels)
    ):
        raise ValidationError(
            {
                "levels": _("%(item)s：评分等级至少两级，每一级是不同的整数，且每一级都要有说明。")
                % {"item": item.name}
            }
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


# What an item is, compared by meaning (a rule's parameters as the core reads them), so that
# a template in use can be saved again unchanged, by page or API, but not altered.
ITEM_FIELDS = (
    "kind",
    "name",
    "name_en",
    "weight",
    "metric",
    "rule",
    "rule_params",
    "levels",
    "group_weights",
    "description",
)


def _item_key(item: TemplateItem) -> tuple[object, ...]:
    base = (item.kind, item.name, item.name_en, Decimal(item.weight), item.description)
    try:
        if item.kind == ItemKind.QUANTITATIVE:
            return (*base, item.metric, item_rule(item))
        levels = tuple((int(str(lv["level"])), str(lv["description"])) for lv in item.levels)
        weights = tuple(sorted((g, w) for g, w in item.group_weight_values().items() if w))
        return (*base, levels, weights)
    except (ValueError, ArithmeticError, TypeError, KeyError):
        return (*base, repr(item.rule_params), repr(item.levels), repr(item.group_weights))


def template_in_use(template: ScorecardTemplate) -> bool:
    return template.pk is not None and template.scorecards.exists()


def _require_editor(by: User) -> None:
    if scope_for(by).role not in RUNNERS:
        raise PermissionDenied("only assessment administrators edit templates")


@transaction.atomic
def template_save(
    *,
    template: ScorecardTemplate,
    items: list[TemplateItem],
    by: User,
) -> ScorecardTemplate:
    """Save a template with its complete list of items, in order; refused (nothing written)
    unless it passes ``template_check``, and refused when scorecards use the template and
    its items would change."""
    _require_editor(by)
    if not template.name.strip():
        raise ValidationError({"name": _("请填写模板名称。")})
    if template.role not in Role.values:
        raise ValidationError({"role": _("未知角色：%(role)s") % {"role": template.role}})
    if template_in_use(template):
        stored = [_item_key(i) for i in template.items.order_by("sort_order", "pk")]
        if stored != [_item_key(i) for i in items]:
            raise ValidationError(
                {
                    "items": _(
                        "模板“%(name)s”已用于考核周期，考核项不能再修改；"
                        "请复制为新模板后修改并启用。"
                    )
                    % {"name": template.name}
                }
            )
    known = set(template.items.values_list("pk", flat=True)) if template.pk else set()
    if any(i.pk and i.pk not in known for i in items):
        raise ValidationError({"items": _("考核项不属于这个模板。")})
    template.save()
    template.items.exclude(pk__in=[i.pk for i in items if i.pk]).delete()
    for order, item in enumerate(items):
        item.template = template
        item.sort_order = order
        item.save()
    template_check(template)  # raises inside the transaction: nothing is kept
    if template.is_active:
        ScorecardTemplate.objects.filter(role=template.role, is_active=True).exclude(
            pk=template.pk
        ).update(is_active=False)
    return template


@transaction.atomic
def template_copy(*, template: ScorecardTemplate, by: User) -> ScorecardTemplate:
    """A new, inactive version of ``template`` with the same items, to edit and activate."""
    _require_editor(by)
    copy = ScorecardTemplate.objects.create(
        name=_("%(name)s（副本）") % {"name": template.name}, role=template.role, is_active=False
    )
    TemplateItem.objects.bulk_create(
        TemplateItem(
            template=copy,
            sort_order=item.sort_order,
            **{f: getattr(item, f) for f in ITEM_FIELDS},
        )
        for item in template.items.order_by("sort_order", "pk")
    )
    return copy
