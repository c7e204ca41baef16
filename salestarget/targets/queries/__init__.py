"""Reads of targets, always through the caller's scope: plans and the tree (``plans``), the
history context of a figure (``context``), work lists (``work``), draft review (``drafts``),
the decomposition preview (``decomposition``), the figures of the documents (``documents``)
and the managers of a unit (``managers``)."""

from salestarget.targets.queries.context import HistoryPoint, PlanContext, plan_context
from salestarget.targets.queries.drafts import DraftLine, RoundReview, round_review
from salestarget.targets.queries.plans import (
    TreeRow,
    plan_history,
    plan_targets,
    plan_tree,
    plans_visible,
    subtree_visible,
    target_history,
    targets_visible,
    tree_order,
)
from salestarget.targets.queries.work import (
    HOME_ROWS,
    HomeWork,
    adjustments_awaiting,
    adjustments_visible,
    decompositions_awaiting,
    drafts_of,
    home_work,
    plans_awaiting,
    rounds_visible,
    steps_visible,
)

__all__ = [
    "HOME_ROWS",
    "DraftLine",
    "HistoryPoint",
    "HomeWork",
    "PlanContext",
    "RoundReview",
    "TreeRow",
    "adjustments_awaiting",
    "adjustments_visible",
    "decompositions_awaiting",
    "drafts_of",
    "home_work",
    "plan_context",
    "plan_history",
    "plan_targets",
    "plan_tree",
    "plans_awaiting",
    "plans_visible",
    "round_review",
    "rounds_visible",
    "steps_visible",
    "subtree_visible",
    "target_history",
    "targets_visible",
    "tree_order",
]
