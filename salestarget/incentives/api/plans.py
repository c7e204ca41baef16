"""Commission plans over the API (finance only, as the plan editor): list, read, create with
components (and assignments), edit a plan nothing was paid under yet, new versions from a
date, activation, and assignments to a person, a subtree or a role.

Components are sent as the engine stores them: rates, thresholds and attainments as
fractions (0.03 is 3%, 1.2 is 120%), amounts in the company currency. They go through the
same services (``services.plans``) and checks (``rules``) as the plan editor, so the same
bad input gets the same error, as a 422 naming the field.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from pydantic import ConfigDict

from salestarget.incentives.api.access import finance_user
from salestarget.incentives.models import CommissionPlan, PlanAssignment
from salestarget.incentives.services.plans import (
    plan_activate,
    plan_assign,
    plan_create,
    plan_unassign,
    plan_update,
    plan_version,
)
from salestarget.org.models import OrgNode, Person
from salestarget.ui.params import Id, path_id

router = Router()
CommissionPlanId = Annotated[int, path_id("the commission plan")]
AssignmentId = Annotated[int, path_id("the plan assignment")]
NonNegative = Annotated[int, Field(ge=0, le=36_500)]


class GateIO(Schema):
    """A gate or modifier on a second measure: ``no_accelerator`` (tiers from ``limit``
    paid at the rate below it), ``multiply`` (× ``factor``) or ``block`` (nothing paid)
    while ``measure`` misses ``threshold`` in its direction (费用率 0.08: at most 8%)."""

    measure: str
    threshold: Decimal
    effect: str = "no_accelerator"
    factor: Decimal = Decimal(1)
    limit: Decimal = Decimal(1)

    model_config = ConfigDict(extra="forbid")


class ComponentIO(Schema):
    """One component. ``kind``: rate_table, per_unit, per_deal or spif. ``tiers``:
    ``[[lower, rate], …]`` (lower as attainment or, with ``basis`` amount, an amount);
    ``points``: a pay curve ``[[attainment, share of target_incentive], …]`` when ``mode``
    is curve."""

    code: str
    name: str
    kind: str = "rate_table"
    measure: str = "revenue"
    period: str = "month"
    cumulative: bool = False
    quota_source: str = "target"
    quota: Decimal | None = None
    mode: str = "marginal"
    basis: str = "attainment"
    tiers: list[list[Decimal]] = []
    points: list[list[Decimal]] = []
    threshold: Decimal = Decimal(0)
    target_incentive: Decimal = Decimal(0)
    amount: Decimal = Decimal(0)
    rate: Decimal = Decimal(0)
    min_deal: Decimal = Decimal(0)
    product_line_id: Id | None = None
    customer_type_id: Id | None = None
    starts: dt.date | None = None
    ends: dt.date | None = None
    gates: list[GateIO] = []
    cap: Decimal | None = None

    model_config = ConfigDict(extra="forbid")


class AssignmentIn(Schema):
    """Exactly one of ``person_id``, ``node_id`` (everyone in that subtree) or ``role``."""

    person_id: Id | None = None
    node_id: Id | None = None
    role: str = ""
    valid_from: dt.date
    valid_to: dt.date | None = None

    model_config = ConfigDict(extra="forbid")


class AssignmentOut(Schema):
    id: int
    person_id: int | None
    node_id: int | None
    role: str
    valid_from: dt.date
    valid_to: dt.date | None


class PlanFields(Schema):
    name: str
    effective_from: dt.date
    effective_to: dt.date | None = None
    cap: Decimal | None = None
    clawback_days: NonNegative = 0
    prorate_quota: bool = True
    description: str = ""
    components: list[ComponentIO]

    model_config = ConfigDict(extra="forbid")


class CommissionPlanIn(PlanFields):
    code: str
    activate: bool = False
    assignments: list[AssignmentIn] = []


class VersionIn(Schema):
    effective_from: dt.date


class CommissionPlanOut(Schema):
    id: int
    code: str
    version: int
    name: str
    status: str
    effective_from: dt.date
    effective_to: dt.date | None
    clawback_days: int


class PlanDetailOut(CommissionPlanOut):
    description: str
    cap: Decimal | None
    prorate_quota: bool
    components: list[ComponentIO]
    assignments: list[AssignmentOut]

    @staticmethod
    def resolve_components(obj: Any) -> list[dict[str, Any]]:
        return [_component_out(c) for c in obj.components.order_by("sort_order", "pk")]

    @staticmethod
    def resolve_assignments(obj: Any) -> list[Any]:
        return list(obj.assignments.order_by("valid_from", "pk"))


def _component_out(component: Any) -> dict[str, Any]:
    fields = ComponentIO.model_fields
    out = {name: getattr(component, name) for name in fields if hasattr(component, name)}
    out["product_line_id"] = component.product_line_id
    out["customer_type_id"] = component.customer_type_id
    return out


def _spec(component: ComponentIO) -> dict[str, Any]:
    """The component as ``services.plans.component_build`` takes it (the JSON tables as
    text, as the plan editor stores them)."""
    spec = component.model_dump(exclude={"tiers", "points", "gates"})
    spec["tiers"] = [[str(v) for v in row] for row in component.tiers]
    spec["points"] = [[str(v) for v in row] for row in component.points]
    spec["gates"] = [{k: str(v) for k, v in g.model_dump().items()} for g in component.gates]
    return spec


def _assign(plan: CommissionPlan, request: HttpRequest, payload: AssignmentIn) -> PlanAssignment:
    person = node = None
    if payload.person_id is not None:
        person = Person.objects.filter(pk=payload.person_id).first()
        if person is None:
            raise ValidationError(
                {"person_id": _("没有这个人员：%(id)s") % {"id": payload.person_id}}
            )
    if payload.node_id is not None:
        node = OrgNode.objects.filter(pk=payload.node_id).first()
        if node is None:
            raise ValidationError({"node_id": _("没有这个组织：%(id)s") % {"id": payload.node_id}})
    return plan_assign(
        plan=plan,
        by=finance_user(request),
        valid_from=payload.valid_from,
        valid_to=payload.valid_to,
        person=person,
        node=node,
        role=payload.role,
    )


@router.get("/plans", response=list[CommissionPlanOut])
def plan_list(request: HttpRequest) -> Any:
    finance_user(request)
    return CommissionPlan.objects.all()


@router.post("/plans", response={201: PlanDetailOut})
def plan_new(request: HttpRequest, payload: CommissionPlanIn) -> Any:
    """Create a plan (version 1, or the next version of an existing code) with its
    components and, optionally, its assignments; nothing is saved unless all of it passes."""
    user = finance_user(request)
    with transaction.atomic():
        plan = plan_create(
            by=user,
            code=payload.code,
            name=payload.name,
            effective_from=payload.effective_from,
            effective_to=payload.effective_to,
            cap=payload.cap,
            clawback_days=payload.clawback_days,
            prorate_quota=payload.prorate_quota,
            description=payload.description,
            activate=payload.activate,
            components=[_spec(c) for c in payload.components],
        )
        for assignment in payload.assignments:
            _assign(plan, request, assignment)
    return Status(201, plan)


@router.get("/plans/{plan_id}", response=PlanDetailOut)
def plan_get(request: HttpRequest, plan_id: CommissionPlanId) -> Any:
    finance_user(request)
    return get_object_or_404(CommissionPlan, pk=plan_id)


@router.put("/plans/{plan_id}", response=PlanDetailOut)
def plan_edit(request: HttpRequest, plan_id: CommissionPlanId, payload: PlanFields) -> Any:
    """Replace a plan's fields and components while nothing has been calculated under it; a
    plan statements were calculated under changes by a new version (``/versions``)."""
    user = finance_user(request)
    plan = get_object_or_404(CommissionPlan, pk=plan_id)
    return plan_update(
        plan=plan,
        by=user,
        name=payload.name,
        effective_from=payload.effective_from,
        effective_to=payload.effective_to,
        cap=payload.cap,
        clawback_days=payload.clawback_days,
        prorate_quota=payload.prorate_quota,
        description=payload.description,
        components=[_spec(c) for c in payload.components],
    )


@router.post("/plans/{plan_id}/versions", response={201: PlanDetailOut})
def plan_new_version(request: HttpRequest, plan_id: CommissionPlanId, payload: VersionIn) -> Any:
    """A new version from ``effective_from`` with the same components and assignments (then
    editable); the old version ends the day before."""
    user = finance_user(request)
    plan = get_object_or_404(CommissionPlan, pk=plan_id)
    return Status(201, plan_version(plan=plan, effective_from=payload.effective_from, by=user))


@router.post("/plans/{plan_id}/activate", response=PlanDetailOut)
def plan_activation(request: HttpRequest, plan_id: CommissionPlanId) -> Any:
    user = finance_user(request)
    return plan_activate(plan=get_object_or_404(CommissionPlan, pk=plan_id), by=user)


@router.post("/plans/{plan_id}/assignments", response={201: AssignmentOut})
def assignment_new(request: HttpRequest, plan_id: CommissionPlanId, payload: AssignmentIn) -> Any:
    finance_user(request)
    plan = get_object_or_404(CommissionPlan, pk=plan_id)
    return Status(201, _assign(plan, request, payload))


@router.delete("/plans/{plan_id}/assignments/{assignment_id}", response={204: None})
def assignment_delete(
    request: HttpRequest, plan_id: CommissionPlanId, assignment_id: AssignmentId
) -> Any:
    user = finance_user(request)
    assignment = get_object_or_404(PlanAssignment, pk=assignment_id, plan_id=plan_id)
    plan_unassign(assignment=assignment, by=user)
    return Status(204, None)
