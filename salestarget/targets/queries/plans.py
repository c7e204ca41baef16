"""Plans and targets as the caller may see them: lists, the tree in split order, history."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User
from django.db.models import Count, Q, QuerySet, Sum

from salestarget.org.scoping import Scope, scope_for
from salestarget.targets.axes import TARGET_RELATED
from salestarget.targets.company_metrics import metric_definition
from salestarget.targets.models import (
    Status,
    Target,
    TargetChange,
    TargetPlan,
)
from salestarget.targets.permissions import target_q
from salestarget.targets.queries.decomposition import expected_children_total
from salestarget.targets.queries.tree_parts import Pick


def targets_visible(scope: Scope) -> QuerySet[Target]:
    return Target.objects.filter(target_q(scope)).select_related(*TARGET_RELATED)


def plans_visible(scope: Scope) -> QuerySet[TargetPlan]:
    """Plans with at least one target the caller may see."""
    ids = Target.objects.filter(target_q(scope)).values("plan_id")
    return (
        TargetPlan.objects.filter(pk__in=ids)
        .select_related("scope_node", "owner")
        .order_by("-created_at")
    )


def plan_targets(plan: TargetPlan, scope: Scope) -> list[Target]:
    """The plan's targets the caller may see, depth first, siblings in their split order."""
    return tree_order(list(targets_visible(scope).filter(plan=plan)))


def tree_order(targets: list[Target]) -> list[Target]:
    """``targets`` depth first (a parent right before its children, siblings by sort order);
    a target whose parent is not in the list starts a tree of its own."""
    present = {t.pk for t in targets}
    children: dict[int | None, list[Target]] = {}
    for t in targets:
        children.setdefault(t.parent_id if t.parent_id in present else None, []).append(t)
    for group in children.values():
        group.sort(key=lambda t: (t.sort_order, t.pk))
    ordered: list[Target] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        t = stack.pop()
        ordered.append(t)
        stack.extend(reversed(children.get(t.pk, [])))
    return ordered


@dataclass
class TreeRow:
    target: Target
    level: int
    children_sum: Decimal | None = None
    expected_children_sum: Decimal | None = None
    has_children: bool = False
    draft_children: int = 0

    @property
    def mismatch(self) -> Decimal | None:
        """How far the children are from what the split should carry (0 when exact)."""
        if self.children_sum is None or self.expected_children_sum is None:
            return None
        return self.children_sum - self.expected_children_sum


def plan_tree(plan: TargetPlan, scope: Scope, *, pick: Pick | None = None) -> list[TreeRow]:
    """Visible targets with their display level and the check that children add up; with
    ``pick`` (``tree_parts``) only the targets it chooses, levels still those of the whole tree."""
    targets = plan_targets(plan, scope)
    visible = {t.pk for t in targets}
    levels: dict[int, int] = {}
    for t in targets:
        levels[t.pk] = levels[t.parent_id] + 1 if t.parent_id in visible else 0
    if pick is not None:
        chosen = pick(targets, levels)
        targets = [t for t in targets if t.pk in chosen]
    below = Target.objects.filter(plan=plan, parent__isnull=False)
    if pick is not None:
        below = below.filter(parent__in=[t.pk for t in targets])
    sums = {
        row["parent_id"]: (row["s"], row["n"], row["d"])
        for row in below.values("parent_id")
        .annotate(s=Sum("value"), n=Count("pk"), d=Count("pk", filter=Q(status=Status.DRAFT)))
        .order_by()
    }
    metric = metric_definition(plan.metric)
    rows = []
    for t in targets:
        row = TreeRow(t, levels[t.pk])
        if t.pk in sums:
            row.has_children = True
            row.draft_children = sums[t.pk][2]
            if metric.accumulates:
                row.children_sum = sums[t.pk][0]
                row.expected_children_sum = expected_children_total(t)
        rows.append(row)
    return rows


def target_history(target: Target) -> QuerySet[TargetChange]:
    return TargetChange.objects.filter(target=target).select_related("by", "adjustment")


def plan_history(plan: TargetPlan, scope: Scope) -> QuerySet[TargetChange]:
    visible = Target.objects.filter(target_q(scope), plan=plan).values("pk")
    qs = TargetChange.objects.filter(plan=plan).select_related("by", "adjustment")
    if scope.everything:
        return qs
    return qs.filter(target__in=visible)


def subtree_visible(*, target: Target, by: User) -> list[Target]:
    """``target`` and everything below it that ``by`` may see, depth first."""
    scope = scope_for(by)
    return tree_order(
        list(
            Target.objects.filter(target_q(scope), path__startswith=target.path).select_related(
                *TARGET_RELATED
            )
        )
    )
