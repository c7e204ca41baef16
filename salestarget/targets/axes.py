"""The axes a target can be split along, and the members of each for a given target.

An axis is an org level (``org``: the node's child nodes; ``people``: the node's members), a
dimension (product category / line / product, region, customer type, channel) or a finer
period kind (half, quarter, month, week, day). A child takes its parent's coordinates and
replaces the ones its member names; ``key`` identifies the member on that axis, so a
re-decomposition can match old children with new ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from salestarget.catalog.models import (
    Channel,
    CustomerType,
    Product,
    ProductCategory,
    ProductLine,
    Region,
)
from salestarget.core.periods import PeriodKind
from salestarget.org.models import Membership, OrgNode
from salestarget.targets.fiscal_periods import fiscal_calendar, period_parse
from salestarget.targets.models import Target
from salestarget.ui.choices import choice_refused

ORG = "org"
PEOPLE = "people"
PERIOD_AXES = ("half", "quarter", "month", "week", "day")
DIMENSION_AXES = (
    "product_category",
    "product_line",
    "product",
    "region",
    "customer_type",
    "channel",
)
# The foreign keys that name a target's cell, fetched with it wherever a label is shown.
TARGET_RELATED = ("node", "person", *DIMENSION_AXES)

AXIS_LABELS = {
    ORG: gettext_lazy("下级组织"),
    PEOPLE: pgettext_lazy("axis", "人员"),
    "product_category": gettext_lazy("产品大类"),
    "product_line": gettext_lazy("产品线"),
    "product": gettext_lazy("产品"),
    "region": gettext_lazy("区域"),
    "customer_type": gettext_lazy("客户类型"),
    "channel": gettext_lazy("渠道"),
    "half": gettext_lazy("半年"),
    "quarter": pgettext_lazy("axis", "季度"),
    "month": gettext_lazy("月"),
    "week": gettext_lazy("周"),
    "day": gettext_lazy("日"),
}
ALL_AXES = tuple(AXIS_LABELS)

# Fields a child inherits from its parent (its coordinates).
COORDINATES = (
    "metric",
    "period",
    "period_start",
    "period_end",
    "node",
    "person",
    "product_category",
    "product_line",
    "product",
    "region",
    "customer_type",
    "channel",
)


def axis_family(axis: str) -> str:
    if axis in PERIOD_AXES:
        return "period"
    if axis in (ORG, PEOPLE):
        return "org"
    if axis.startswith("product"):
        return "product"
    return axis


@dataclass(frozen=True)
class Member:
    key: str
    label: str
    coords: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


def members(target: Target, axis: str) -> list[Member]:
    """The children ``target`` would have along ``axis``; ValidationError when the axis does
    not apply (already split that fine, no child nodes, no members …)."""
    if axis not in AXIS_LABELS:
        raise choice_refused("axes", axis, AXIS_LABELS)
    found = _members(target, axis)
    if not found:
        raise ValidationError(
            {"axes": _("按“%(axis)s”分解时没有可用的下级。") % {"axis": AXIS_LABELS[axis]}}
        )
    return found


def _members(target: Target, axis: str) -> list[Member]:
    if axis == ORG:
        if target.person_id:
            raise ValidationError({"axes": _("个人目标不能再按组织分解。")})
        if target.node is None:
            raise ValidationError({"axes": _("该目标没有组织，不能按下级组织分解。")})
        children = OrgNode.objects.filter(parent=target.node, is_active=True).order_by(
            "sort_order", "code"
        )
        return [Member(f"node:{n.pk}", n.name, {"node": n}) for n in children]
    if axis == PEOPLE:
        if target.person_id:
            raise ValidationError({"axes": _("该目标已经是个人目标。")})
        if target.node is None:
            raise ValidationError({"axes": _("该目标没有组织，不能按人员分解。")})
        ms = (
            Membership.objects.filter(
                Q(valid_to__isnull=True) | Q(valid_to__gt=target.period_start),
                node=target.node,
                is_manager=False,
                valid_from__lte=target.period_end,
                person__is_active=True,
            )
            .select_related("person")
            .order_by("person__employee_no")
        )
        seen: dict[int, Member] = {}
        for m in ms:
            seen.setdefault(
                m.person_id, Member(f"person:{m.person_id}", m.person.name, {"person": m.person})
            )
        return list(seen.values())
    if axis == "product_category":
        _refuse_if(target.product_category_id or target.product_line_id or target.product_id, axis)
        return [
            Member(f"product_category:{c.pk}", c.name, {"product_category": c})
            for c in ProductCategory.objects.filter(is_active=True)
        ]
    if axis == "product_line":
        _refuse_if(target.product_line_id or target.product_id, axis)
        lines = ProductLine.objects.filter(is_active=True).select_related("category")
        if target.product_category_id:
            lines = lines.filter(category_id=target.product_category_id)
        return [
            Member(
                f"product_line:{x.pk}", x.name, {"product_line": x, "product_category": x.category}
            )
            for x in lines
        ]
    if axis == "product":
        _refuse_if(target.product_id, axis)
        products = Product.objects.filter(is_active=True).select_related("line__category")
        if target.product_line_id:
            products = products.filter(line_id=target.product_line_id)
        elif target.product_category_id:
            products = products.filter(line__category_id=target.product_category_id)
        return [
            Member(
                f"product:{p.pk}",
                p.name,
                {"product": p, "product_line": p.line, "product_category": p.line.category},
            )
            for p in products
        ]
    if axis == "region":
        regions = Region.objects.filter(is_active=True, parent_id=target.region_id)
        return [Member(f"region:{r.pk}", r.name, {"region": r}) for r in regions]
    if axis in ("customer_type", "channel"):
        _refuse_if(getattr(target, f"{axis}_id"), axis)
        model = CustomerType if axis == "customer_type" else Channel
        return [
            Member(f"{axis}:{x.pk}", x.name, {axis: x})
            for x in model.objects.filter(is_active=True)
        ]
    # a finer period
    period = period_parse(target.period)
    kind = PeriodKind(axis)
    if kind.rank <= period.kind.rank:
        raise ValidationError(
            {
                "axes": _("期间 %(period)s 不能再按“%(axis)s”分解。")
                % {"period": target.period, "axis": AXIS_LABELS[axis]}
            }
        )
    try:
        subs = fiscal_calendar().subperiods(period, kind)
    except ValueError as exc:
        raise ValidationError({"axes": str(exc)}) from exc
    return [Member(f"period:{p.label}", p.label, {"period": p}) for p in subs]


def _refuse_if(already: Any, axis: str) -> None:
    if already:
        raise ValidationError(
            {"axes": _("该目标已按“%(axis)s”或更细的层级分解过。") % {"axis": AXIS_LABELS[axis]}}
        )


def child_fields(parent: Target, *members_: Member) -> dict[str, Any]:
    """The coordinates of the child of ``parent`` at ``members_`` (one per axis)."""
    fields = {name: getattr(parent, name) for name in COORDINATES}
    for member in members_:
        for name, value in member.coords.items():
            if name == "period":
                fields.update(period=value.label, period_start=value.start, period_end=value.end)
            else:
                fields[name] = value
    return fields


def member_key(target: Target, axis: str) -> str:
    """The key ``target`` has as a child along ``axis`` (see ``Member.key``)."""
    if axis in PERIOD_AXES:
        return f"period:{target.period}"
    if axis == ORG:
        return f"node:{target.node_id}"
    if axis == PEOPLE:
        return f"person:{target.person_id}"
    return f"{axis}:{getattr(target, f'{axis}_id')}"
