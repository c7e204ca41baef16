"""Plans: create (with components, checked through core before anything is saved), new
versions, activation, assignments, and credit splits."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from salestarget.core.commission.crediting import CreditError, split_credit
from salestarget.incentives.models import (
    CommissionPlan,
    CreditKind,
    CreditSplit,
    PlanAssignment,
    PlanComponent,
    PlanStatus,
)
from salestarget.incentives.permissions import require_finance
from salestarget.incentives.rules import component_rule
from salestarget.org.models import OrgNode, Person
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
    built = [component_build(plan, spec, i) for i, spec in enumerate(components)]
    codes = [c.code for c in built]
    if len(set(codes)) != len(codes):
        raise ValidationError({"components": _("提成项编码不能重复")})
    PlanComponent.objects.bulk_create(built)
    return plan


@transaction.atomic
def plan_version(*, plan: CommissionPlan, effective_from: dt.date, by: User) -> CommissionPlan:
    """A new version from ``effective_from`` with the same components and assignments; the
    old version ends the day before, so every sale is paid under the version of its date."""
    require_finance(scope_for(by))
    if effective_from <= plan.effective_from:
        raise ValidationError({"effective_from": _("新版本须晚于当前版本的生效日期")})
    specs = [
        {f: getattr(c, f) for f in COMPONENT_FIELDS - {"product_line", "customer_type"}}
        | {"product_line_id": c.product_line_id, "customer_type_id": c.customer_type_id}
        for c in plan.components.all()
    ]
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
    return PlanAssignment.objects.create(
        plan=plan, person=person, node=node, role=role, valid_from=valid_from, valid_to=valid_to
    )


@transaction.atomic
def credit_split_save(
    *,
    order_no: str,
    shares: dict[Person, Decimal],
    by: User,
    kind: str = CreditKind.SPLIT,
) -> list[CreditSplit]:
    """Replace the split (or overlay) credit of ``order_no``; split shares must add up to
    100%."""
    require_finance(scope_for(by))
    if kind == CreditKind.SPLIT:
        try:
            split_credit(Decimal(100), {str(p.pk): s for p, s in shares.items()})
        except CreditError as exc:
            raise ValidationError({"shares": str(exc)}) from exc
    CreditSplit.objects.filter(order_no=order_no, kind=kind).delete()
    return CreditSplit.objects.bulk_create(
        CreditSplit(order_no=order_no, person=p, share=s, kind=kind) for p, s in shares.items()
    )
