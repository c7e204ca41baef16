"""The targets a caller may model quota scenarios on: revenue targets of a unit (no person,
no product or other slice) in plans they see, whose unit they manage."""

from __future__ import annotations

from django.db.models import QuerySet

from salestarget.forecasting.queries.outlook import FORECAST_METRIC
from salestarget.org.scoping import Scope
from salestarget.targets.models import Target
from salestarget.targets.permissions import target_q

LISTED = 200


def scenario_targets(scope: Scope) -> QuerySet[Target]:
    if not scope.can_plan:
        return Target.objects.none()
    return (
        Target.objects.filter(
            target_q(scope),
            metric=FORECAST_METRIC,
            person__isnull=True,
            node__in=scope.nodes(),
            product_category__isnull=True,
            product_line__isnull=True,
            product__isnull=True,
            region__isnull=True,
            customer_type__isnull=True,
            channel__isnull=True,
        )
        .select_related("plan", "node")
        .order_by("-period_end", "plan_id", "depth", "path")
    )
