"""Setting targets (制定目标): create a plan with its root target, edit a target's figures."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from salestarget.core.metrics import Direction, MetricDefinition
from salestarget.core.money import to_minor
from salestarget.core.tracking import Thresholds
from salestarget.org.models import CompanySettings, Membership, OrgNode, Person
from salestarget.org.scoping import scope_for
from salestarget.targets.company_metrics import metric_definition, value_decimals
from salestarget.targets.fiscal_periods import period_parse
from salestarget.targets.models import ChangeKind, Status, Target, TargetPlan
from salestarget.targets.permissions import require_manage
from salestarget.targets.services.history import FIGURES, change_new, changes_save, version_claim

PROPOSAL_METHODS = {
    "history": gettext_lazy("历史分析法（上期 × 增长率）"),
    "trend": gettext_lazy("趋势分析法"),
    "market": gettext_lazy("市场容量法（容量 × 目标占有率）"),
    "competitor": gettext_lazy("竞争对比法"),
    "forecast": gettext_lazy("按预测（统计模型，附回测误差）"),
    "manual": gettext_lazy("直接填写"),
}


@dataclass
class SmartItem:
    letter: str
    label: str
    ok: bool
    note: str


def smart_check(
    *,
    metric: str | None,
    value: Decimal | None,
    period: str | None,
    owner: Person | None,
    scope_node: OrgNode | None,
) -> list[SmartItem]:
    """The SMART check of a plan: a metric (specific), a value (measurable), the context that
    makes it judgeable (achievable), a scope (relevant) and a period (time-bound)."""
    period_ok = False
    if period:
        try:
            period_parse(period)
            period_ok = True
        except ValidationError:
            period_ok = False
    return [
        SmartItem("S", _("具体"), bool(metric), _("指明一个指标") if metric else _("请选择指标")),
        SmartItem(
            "M",
            _("可衡量"),
            value is not None,
            _("有明确的目标值") if value is not None else _("请填写目标值"),
        ),
        SmartItem("A", _("可实现"), value is not None, _("对照去年实际、趋势与增长率判断")),
        SmartItem(
            "R",
            _("相关"),
            scope_node is not None and owner is not None,
            _("有范围和负责人") if owner is not None else _("请指定负责人"),
        ),
        SmartItem(
            "T",
            _("有时限"),
            period_ok,
            _("有明确期间") if period_ok else _("请填写有效期间，如 FY2026、2026-03"),
        ),
    ]


def figure_check(*, metric: MetricDefinition, figures: dict[str, Decimal | None]) -> dict[str, str]:
    """Per-field errors: precision beyond the target's decimals, negative values, and base /
    challenge on the wrong side of the value for the metric's direction."""
    decimals = value_decimals(metric)
    errors: dict[str, str] = {}
    for name, amount in figures.items():
        if amount is None:
            continue
        try:
            to_minor(amount, decimals)
        except ValueError:
            errors[name] = _("最多保留 %(n)d 位小数。") % {"n": decimals}
            continue
        if amount < 0:
            errors[name] = _("不能为负数。")
    value, base, challenge = (figures.get(f) for f in FIGURES)
    if value is not None and not errors:
        lower = metric.direction is Direction.LOWER_IS_BETTER
        if base is not None and (base < value if lower else base > value):
            errors["base_value"] = (
                _("保底目标应不低于目标值（越低越好的指标）。")
                if lower
                else _("保底目标不能高于目标值。")
            )
        if challenge is not None and (challenge > value if lower else challenge < value):
            errors["challenge_value"] = (
                _("挑战目标应不高于目标值（越低越好的指标）。")
                if lower
                else _("挑战目标不能低于目标值。")
            )
    return errors


def plan_owner_default(*, scope_node: OrgNode, by: User) -> Person | None:
    """Who owns a plan when nobody is named: the unit's manager today, else the planner
    (when they are a person of the company: the first administrator is one)."""
    today = timezone.localdate()
    manager = (
        Person.objects.filter(
            is_active=True,
            memberships__in=Membership.objects.active_at(today).filter(
                node=scope_node, is_manager=True
            ),
        )
        .order_by("employee_no")
        .first()
    )
    if manager is not None:
        return manager
    return Person.objects.filter(user_id=by.pk, is_active=True).first()


@transaction.atomic
def plan_create(
    *,
    by: User,
    name: str,
    metric: str,
    period: str,
    scope_node: OrgNode,
    owner: Person | None = None,
    value: Decimal,
    base_value: Decimal | None = None,
    challenge_value: Decimal | None = None,
    progress_basis: str = "",
    proposal_method: str = "",
    proposal_inputs: dict[str, Any] | None = None,
    description: str = "",
) -> TargetPlan:
    """A new plan in draft, with its root target carrying the figures; with no ``owner``,
    the unit's manager or the planner owns it (:func:`plan_owner_default`)."""
    scope = scope_for(by)
    if not scope.can_manage_node(scope_node):
        raise PermissionDenied(f"you may not plan for {scope_node.code}")
    owner = owner or plan_owner_default(scope_node=scope_node, by=by)
    if owner is None:
        raise ValidationError(
            {
                "owner": [
                    _("请指定负责人：“%(node)s”没有负责人，你的登录也不属于任何人员。")
                    % {"node": scope_node.name}
                ]
            }
        )
    if not scope.can_view_person(owner):
        raise PermissionDenied(f"person {owner.employee_no} is outside your scope")
    errors: dict[str, Any] = {}
    definition = None
    try:
        definition = metric_definition(metric)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        parsed = period_parse(period)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if not name.strip():
        errors["name"] = [_("请填写计划名称。")]
    if value is None:
        errors["value"] = [_("请填写目标值。")]
    if definition is not None and value is not None:
        for f, msg in figure_check(
            metric=definition,
            figures={"value": value, "base_value": base_value, "challenge_value": challenge_value},
        ).items():
            errors[f] = [msg]
    if not owner.is_active:
        errors["owner"] = [_("负责人已离职。")]
    if errors:
        raise ValidationError(errors)
    plan = TargetPlan.objects.create(
        name=name.strip(),
        metric=metric,
        period=parsed.label,
        scope_node=scope_node,
        owner=owner,
        progress_basis=progress_basis or CompanySettings.current().default_progress_basis,
        proposal_method=proposal_method,
        proposal_inputs=proposal_inputs or {},
        description=description,
        created_by=by,
    )
    root = Target.objects.create(
        plan=plan,
        metric=metric,
        period=parsed.label,
        period_start=parsed.start,
        period_end=parsed.end,
        node=scope_node,
        value=value,
        base_value=base_value,
        challenge_value=challenge_value,
    )
    root.path = f"/{root.pk}/"
    root.save(update_fields=["path"])
    method = PROPOSAL_METHODS.get(proposal_method)
    reason = str(method) if method else ""
    changes_save(
        changes=[
            change_new(
                target=root,
                kind=ChangeKind.CREATED,
                by=by,
                field=f,
                new=getattr(root, f),
                reason=reason,
            )
            for f in FIGURES
            if getattr(root, f) is not None
        ]
    )
    return plan


@transaction.atomic
def target_update(
    *,
    target: Target,
    by: User,
    expected_version: int | None,
    reason: str = "",
    **figures: Decimal | None,
) -> Target:
    """Change a draft target's figures; the version check refuses a stale edit.

    Approved and locked targets change only through an adjustment.
    """
    unknown = set(figures) - set(FIGURES)
    if unknown:
        raise ValueError(f"unknown figures {sorted(unknown)}")
    target = Target.objects.select_related("plan", "node", "person").get(pk=target.pk)
    require_manage(scope_for(by), target)
    if target.is_frozen or target.plan.status == Status.LOCKED:
        raise ValidationError({"__all__": _("已批准或锁定的目标只能通过目标调整修改。")})
    metric = metric_definition(target.metric)
    merged = {f: getattr(target, f) for f in FIGURES} | figures
    if merged["value"] is None:
        raise ValidationError({"value": _("请填写目标值。")})
    errors = figure_check(metric=metric, figures=merged)
    if errors:
        raise ValidationError({k: [v] for k, v in errors.items()})
    version_claim(target=target, expected_version=expected_version)
    changed = [
        (f, getattr(target, f), merged[f]) for f in FIGURES if getattr(target, f) != merged[f]
    ]
    for f, _old, new in changed:
        setattr(target, f, new)
    target.save(update_fields=[*FIGURES, "updated_at"])
    changes_save(
        changes=(
            change_new(
                target=target,
                kind=ChangeKind.EDITED,
                by=by,
                field=f,
                old=old,
                new=new,
                reason=reason,
            )
            for f, old, new in changed
        )
    )
    return target


def plan_update(*, plan: TargetPlan, by: User, **fields: Any) -> TargetPlan:
    """Rename a plan or change its description, owner, progress basis or thresholds."""
    allowed = {
        "name",
        "description",
        "owner",
        "progress_basis",
        "threshold_ahead",
        "threshold_on_track",
        "threshold_at_risk",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"cannot update {sorted(unknown)}")
    scope = scope_for(by)
    if not scope.can_manage_node(plan.scope_node):
        raise PermissionDenied(f"you may not change plan {plan.pk}")
    for k, v in fields.items():
        setattr(plan, k, v)
    plan.full_clean(exclude=["scope_node", "created_by"])
    try:
        Thresholds(plan.threshold_ahead, plan.threshold_on_track, plan.threshold_at_risk)
    except ValueError as exc:
        raise ValidationError({"threshold_ahead": _("阈值须满足：超前 ≥ 正常 ≥ 预警。")}) from exc
    plan.version += 1
    plan.save()
    return plan


@transaction.atomic
def plan_delete(*, plan: TargetPlan, by: User) -> None:
    """Delete a plan that never left draft; anything submitted or approved stays on record."""
    if not scope_for(by).can_manage_node(plan.scope_node):
        raise PermissionDenied(f"you may not delete plan {plan.pk}")
    if plan.status != Status.DRAFT or plan.targets.exclude(status=Status.DRAFT).exists():
        raise ValidationError({"__all__": _("只能删除从未提交过的草稿计划。")})
    plan.delete()
