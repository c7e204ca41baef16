"""Conversion by stage: of the deals a unit's subtree closed in the last ``MONTHS`` months,
for each forecast category they ever reached (their stage history,
``actuals.OpportunityStage``: commit, best case, pipeline, left out), how many were won,
how many closed and the amount won; and the deals never categorised. A deal that moved from
pipeline to commit counts in both rows (stage-to-won conversion), not only in its last call.
One query over the closed opportunities with an ``EXISTS`` on the history per stage.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, Sum

from salestarget.actuals.models import Opportunity, OpportunityStage
from salestarget.core.money import DECIMAL_CONTEXT, quantize
from salestarget.forecasting.models import Category
from salestarget.forecasting.series import month_add
from salestarget.org.models import OrgNode

MONTHS = 12
NEVER = ""  # the row of deals never put in a category


@dataclass(frozen=True)
class StageConversion:
    """The deals closed in the window that reached ``category`` ("": never categorised)."""

    category: str
    won: int
    closed: int
    won_amount: Decimal

    @property
    def conversion(self) -> Decimal | None:
        if not self.closed:
            return None
        return quantize(DECIMAL_CONTEXT.divide(Decimal(self.won), Decimal(self.closed)), 4)


def conversion_by_stage(node: OrgNode, end: dt.date) -> list[StageConversion]:
    """Each stage's conversion, in the order of the categories, the never categorised last;
    stages no closed deal reached are left out."""
    first = month_add(end.replace(day=1), -(MONTHS - 1))
    won = Q(stage=Opportunity.Stage.WON)

    def reached(stages: list[str]) -> Exists:
        return Exists(OpportunityStage.objects.filter(opportunity=OuterRef("pk"), stage__in=stages))

    reaches: dict[str, Any] = {code: reached([code]) for code in Category.values}
    reaches[NEVER] = ~reached(list(Category.values))
    sums: dict[str, Any] = {}
    for i, condition in enumerate(reaches.values()):
        sums[f"closed_{i}"] = Count("pk", filter=Q(condition))
        sums[f"won_{i}"] = Count("pk", filter=Q(condition) & won)
        sums[f"amount_{i}"] = Sum("amount", filter=Q(condition) & won)
    row = Opportunity.objects.filter(
        node__path__startswith=node.path,
        closed_on__gte=first,
        closed_on__lte=end,
        stage__in=(Opportunity.Stage.WON, Opportunity.Stage.LOST),
    ).aggregate(**sums)
    return [
        StageConversion(code, row[f"won_{i}"], row[f"closed_{i}"], Decimal(row[f"amount_{i}"] or 0))
        for i, code in enumerate(reaches)
        if row[f"closed_{i}"]
    ]
