"""Open opportunities weighted by their category, per person and per node subtree."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from salestarget.actuals.models import Opportunity
from salestarget.forecasting.models import Category, OpportunityCall
from salestarget.forecasting.weights import CATEGORY_WEIGHTS
from salestarget.org.models import OrgNode


def category_of() -> Coalesce:
    """An opportunity's category: the rep's call, else pipeline."""
    call = OpportunityCall.objects.filter(opportunity=OuterRef("pk")).values("category")[:1]
    return Coalesce(Subquery(call), Value(Category.PIPELINE.value))


def weighted_pipeline() -> tuple[dict[int, Decimal], dict[int, Decimal]]:
    """The weighted open pipeline by person and by node (each node's whole subtree): one
    grouped read of the open opportunities."""
    rows = (
        Opportunity.objects.filter(stage=Opportunity.Stage.OPEN)
        .annotate(category=category_of())
        .values_list("person_id", "node_id", "category")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    paths = dict(OrgNode.objects.values_list("pk", "path"))
    by_person: dict[int, Decimal] = defaultdict(Decimal)
    by_node: dict[int, Decimal] = defaultdict(Decimal)
    for person, node, category, total in rows:
        weighted = (total or Decimal(0)) * CATEGORY_WEIGHTS.get(category, Decimal(0))
        by_person[person] += weighted
        for ancestor in (int(p) for p in paths.get(node, "").strip("/").split("/") if p):
            by_node[ancestor] += weighted
    return by_person, by_node
