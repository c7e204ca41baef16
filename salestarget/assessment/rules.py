"""A template item's scoring rule as the core's rule object (read by the scoring queries and
checked by the template services)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from salestarget.assessment.models import RuleKind, TemplateItem
from salestarget.core.scoring.items import LinearRule, ScoreRule, tiers


def item_rule(item: TemplateItem) -> ScoreRule:
    """The core scoring rule of a quantitative item."""
    params: dict[str, Any] = item.rule_params or {}
    if item.rule == RuleKind.TIERS:
        return tiers([(str(a), str(s)) for a, s in params.get("tiers", [])])
    return LinearRule(
        floor=Decimal(str(params.get("floor", 0))),
        cap=Decimal(str(params.get("cap", 120))),
        threshold=Decimal(str(params.get("threshold", 0))),
    )
