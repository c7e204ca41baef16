"""Plans: create and edit (with components, checked through core before anything is
saved), new versions, activation and assignments. Credit splits are ``services.credits``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from salestarget.incentives.models import (
    CommissionPlan,
    PlanAssignment,
    PlanComponent,
    PlanStatus,
    StatementLine,
)
from salestarget.incentives.permissions import require_finance
from salestarget.incentives.rules import component_rule
from salestarget.org.models import OrgNode, Person, Role
from salestarget.org.scoping import scope_for

COMPONENT_FIELDS = {f.name for f in PlanComponent._meta.get_fields()} - {"id", "plan"}


def component_build(plan: CommissionPlan, spec: dict[str, Any], order: int) -> PlanComponent:
    """An unsaved component from ``spec``, checked; ValidationError naming the field."""
    unknown = set(spec) - COMPONENT_FIELDS - {"product_line_id", "customer_type_id"}
    if unknown:
        raise ValidationError(
            {"components": _("未知字段：%(f)s") % {"f": ", ".join(sorted(unknown))}}
        )
    component = PlanComponent(plan=plan, sort_order=order, **spec)
    component.full_clean(exclude=["plan"])
    component_rule(component)
    return component


@transaction.atomic
def plan_create(
    *,
    by: User,
    code: str,
    name: str,
    effective_from: dt.date,
    components: list[dict[str, Any]],
    effective_to: dt.date | None = None,
    cap: Decimal | None = None,
    clawback_days: int = 0,
    prorate_quota: bool = True,
    description: str = "",
    activate: bool = False,
) -> CommissionPlan:
    require_finance(scope_for(by))
    if not components:
        raise ValidationError({"components": _("方案至少需要一个提成项")})
    version = (
        CommissionPlan.objects.filter(code=code)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
        or 0
    ) + 1
    plan = CommissionPlan(
        code=code,
        version=version,
        name=name,
        description=description,
        effective_from=effective_from,
        effective_to=effective_to,
        cap=cap,
        clawback_days=clawback_days,
        prorate_quota=prorate_quota,
        status=PlanStatus.ACTIVE if activate else PlanStatus.DRAFT,
        created_by=by,
    )
    plan.full_clean(exclude=["created_by"])
    if effective_to is not None and effective_to < effective_from:
        raise ValidationError({"effective_to": _("失效日期不能早于生效日期")})
    plan.save()
    _components_save(plan, components)
    return plan


def _components_save(plan: CommissionPlan, components: list[dict[str, Any]]) -> None:
    """Check every component, then save them one by one (a plan has a handful) so the audit
    trail records each."""
    built = [component_build(plan, spec, i) for i, spec in enumerate(components)]
    codes = [c.code for c in built]
    if len(set(codes)) != len(codes):
        raise ValidationError({"components": _("提成项编码不能重复")})
    for component in built:
        component.save()


@transaction.atomic
def plan_update(
    *,
    plan: CommissionPlan,
    by: User,
    name: str,
    effective_from: dt.date,
    components: list[dict[str, Any]],
    effective_to: dt.date | None = None,
    cap: Decimal | None = None,
    clawback_days: int = 0,
    prorate_quota: bool = True,
    description: str = "",
) -> CommissionPlan:
    """Edit a plan that has paid nothing yet: its fields and the whole list of components
    (replaced). A plan statements were calculated under keeps its history: the change is a
    new version from a date (``plan_version``), so every sale stays paid under the rules of
    its day."""
    require_finance(scope_for(by))
    if StatementLine.objects.filter(plan=plan).exists():
        raise ValidationError(
            {
                "plan": _(
                    "方案“%(name)s”已用于计算提成明细，不能直接修改；请从某一日期起建立新版本"
                )
                % {"name": plan.name}
            }
        )
    if not components:
        raise ValidationError({"components": _("方案至少需要一个提成项")})
    for field, value in (
        ("name", name),
        ("effective_from", effective_from),
        ("effective_to", effective_to),
        ("cap", cap),
        ("clawback_days", clawback_days),
        ("prorate_quota", prorate_quota),
        ("description", description),
    ):
        setattr(plan, field, value)
    plan.full_clean(exclude=["created_by"])
    if effective_to is not None and effective_to < effective_from:
        raise ValidationError({"effective_to": _("失效日期不能早于生效日期")})
    plan.save()
    for old in plan.components.all():
        old.delete()
    _components_save(plan, components)
    return plan


@transaction.atomic
def plan_version(*, plan: CommissionPlan, effective_from: dt.date, by: User) -> CommissionPlan:
    """A new version from ``effective_from`` with the same components and assignments; the
    old version ends the day before, so every sale is paid under the version of its date."""
    require_finance(scope_for(by))
    if effective_from <= plan.effective_from:
        raise ValidationError({"effective_from": _("新版本须晚于当前版本的生效日期")})
    copied = [
        f.attname
        for f in PlanComponent._meta.concrete_fields
        if f.name not in {"id", "plan", "sort_order"}
    ]
    specs = [{name: getattr(c, name) for name in copied} for c in plan.components.all()]
    new = plan_create(
        by=by,
        code=plan.code,
        name=plan.name,
        effective_from=effective_from,
        effective_to=plan.effective_to,
        components=specs,
        cap=plan.cap,
        clawback_days=plan.clawback_days,
        prorate_quota=plan.prorate_quota,
        description=plan.description,
        activate=plan.status == PlanStatus.ACTIVE,
    )
    plan.effective_to = effective_from - dt.timedelta(days=1)
    plan.save(update_fields=["effective_to"])
    for a in plan.assignments.all():
        PlanAssignment.objects.create(
            plan=new,
            person_id=a.person_id,
            node_id=a.node_id,
            role=a.role,
            valid_from=max(a.valid_from, effective_from),
            valid_to=a.valid_to,
        )
    return new


def plan_activate(*, plan: CommissionPlan, by: User) -> CommissionPlan:
    require_finance(scope_for(by))
    plan.status = PlanStatus.ACTIVE
    plan.save(update_fields=["status"])
    return plan


def plan_assign(
    *,
    plan: CommissionPlan,
    by: User,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    person: Person | None = None,
    node: OrgNode | None = None,
    role: str = "",
) -> PlanAssignment:
    require_finance(scope_for(by))
    if sum(x is not None and x != "" for x in (person, node, role)) != 1:
        raise ValidationError({"person": _("请选择一个人员、一个组织或一个角色")})
    if valid_to is not None and valid_to < valid_from:
        raise ValidationError({"valid_to": _("结束日期不能早于开始日期")})
    if role and role not in Role.values:
        raise ValidationError({"role": _("未知的角色：%(r)s") % {"r": role}})
    return PlanAssignment.objects.create(
        plan=plan, person=person, node=node, role=role, valid_from=valid_from, valid_to=valid_to
    )


def plan_unassign(*, assignment: PlanAssignment, by: User) -> None:
    """Remove an assignment: the next run no longer pays its people under the plan (closed
    months keep what they paid; a difference becomes a delta line)."""
    require_finance(scope_for(by))
    assignment.delete()
