"""A stored component as a core rule: the JSON rate table read, checked and turned into
``core.commission`` objects. Bad tables raise ValidationError naming the field and the
reason, so a form or an API call can say what is wrong."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from salestarget.core.commission.components import ComponentKind, ComponentRule
from salestarget.core.commission.gates import Gate, GateEffect
from salestarget.core.commission.rates import (
    CurvePoint,
    RateTable,
    RateTableError,
    Tier,
    TierBasis,
    TierMode,
)
from salestarget.core.metrics import Direction
from salestarget.incentives.models import PlanComponent
from salestarget.targets.company_metrics import metric_definition


def _number(value: Any, field: str) -> Decimal:
    try:
        number = Decimal(str(value).strip().rstrip("%"))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({field: _("“%(value)s” 不是数字") % {"value": value}}) from exc
    if not number.is_finite():
        raise ValidationError({field: _("“%(value)s” 不是数字") % {"value": value}})
    return number


def _pairs(rows: Any, field: str) -> list[tuple[Decimal, Decimal]]:
    if not isinstance(rows, list) or not all(
        isinstance(r, list | tuple) and len(r) == 2 for r in rows
    ):
        raise ValidationError({field: _("每一行需要两个数：下限和比例")})
    return [(_number(a, field), _number(b, field)) for a, b in rows]


def rate_table(component: PlanComponent) -> RateTable:
    try:
        if component.mode == TierMode.CURVE:
            points = tuple(CurvePoint(x, y) for x, y in _pairs(component.points, "points"))
            return RateTable(
                basis=TierBasis.ATTAINMENT,
                mode=TierMode.CURVE,
                points=points,
                threshold=component.threshold,
                target_incentive=component.target_incentive,
            )
        tiers = tuple(Tier(lo, rate) for lo, rate in _pairs(component.tiers, "tiers"))
        return RateTable(
            basis=TierBasis(component.basis),
            mode=TierMode(component.mode),
            tiers=tiers,
            threshold=component.threshold,
        )
    except RateTableError as exc:
        field = "points" if component.mode == TierMode.CURVE else "tiers"
        raise ValidationError({field: str(exc)}) from exc
    except ValueError as exc:
        raise ValidationError({"mode": str(exc)}) from exc


def gates(component: PlanComponent) -> tuple[Gate, ...]:
    if not isinstance(component.gates, list):
        raise ValidationError({"gates": _("门槛需要是列表")})
    out = []
    for row in component.gates:
        if not isinstance(row, dict) or "measure" not in row or "threshold" not in row:
            raise ValidationError({"gates": _("每个门槛需要指标和阈值")})
        metric = metric_definition(str(row["measure"]))
        try:
            effect = GateEffect(row.get("effect", GateEffect.NO_ACCELERATOR))
        except ValueError as exc:
            raise ValidationError(
                {"gates": _("未知的门槛效果：%(effect)s") % {"effect": row.get("effect")}}
            ) from exc
        out.append(
            Gate(
                measure=metric.code,
                threshold=_number(row["threshold"], "gates"),
                direction=Direction(metric.direction),
                effect=effect,
                factor=_number(row.get("factor", 1), "gates"),
                limit=_number(row.get("limit", 1), "gates"),
            )
        )
    return tuple(out)


def component_rule(component: PlanComponent) -> ComponentRule:
    """The core rule of ``component``; ValidationError when its table cannot pay."""
    kind = ComponentKind(component.kind)
    metric_definition(component.measure)  # refuses an unknown measure by name
    try:
        return ComponentRule(
            code=component.code,
            kind=kind,
            table=rate_table(component) if kind is ComponentKind.RATE_TABLE else None,
            amount=component.amount,
            rate=component.rate,
            starts=component.starts,
            ends=component.ends,
            gates=gates(component),
            cap=component.cap,
        )
    except ValueError as exc:
        raise ValidationError({"kind": str(exc)}) from exc
