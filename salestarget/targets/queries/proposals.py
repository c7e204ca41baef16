"""The figures the plan form proposes (目标设定方法): last year's same period grown by a rate,
the trend of recent years, a share of the market, a ratio to a competitor — one query for the
form's panel and the API."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from salestarget.core.money import quantize
from salestarget.targets.proposals import (
    implied_growth,
    propose_from_competitor,
    propose_from_history,
    propose_from_market,
)
from salestarget.targets.queries.context import PlanContext


@dataclass(frozen=True)
class ProposalInputs:
    """What the planner typed for the methods that need it (percentages as 20 for 20%)."""

    growth_pct: Decimal | None = None
    capacity: Decimal | None = None
    share_pct: Decimal | None = None
    competitor_value: Decimal | None = None
    ratio_pct: Decimal | None = None


@dataclass(frozen=True)
class Proposal:
    method: str  # a key of PROPOSAL_METHODS
    label: str
    value: Decimal
    growth: Decimal | None  # against the same period last year, as a fraction


def plan_proposals(
    *, history: PlanContext, decimals: int, inputs: ProposalInputs
) -> list[Proposal]:
    """Every proposal the inputs allow, each with its growth on last year's same period (on
    last year finished at the year before's pace, when it is incomplete and can be)."""
    last = history.same_period_last_year.value if history.same_period_last_year else None
    paced = history.last_year_paced  # set only when last year is incomplete
    if paced is not None:
        last = paced
    found: list[tuple[str, str, Decimal]] = []
    if last is not None and inputs.growth_pct is not None:
        label = _("去年同期 × (1 + %(g)s%%)") % {"g": inputs.growth_pct}
        through = history.last_year_through
        if through is not None and paced is not None:
            # A year so far would come out too low: it is finished at the year before's pace.
            label = _("去年全年（截至 %(day)s 的实绩按前年同期进度推算）× (1 + %(g)s%%)") % {
                "day": through.isoformat(),
                "g": inputs.growth_pct,
            }
        elif through is not None:  # nothing to finish it with: said, since it is too low
            label = _("去年同期（截至 %(day)s，不完整）× (1 + %(g)s%%)") % {
                "day": through.isoformat(),
                "g": inputs.growth_pct,
            }
        found.append(
            (
                "history",
                label,
                propose_from_history(
                    last_actual=last, growth_pct=inputs.growth_pct, decimals=decimals
                ),
            )
        )
    if history.trend_next is not None:
        found.append(("trend", _("按近年趋势外推"), quantize(history.trend_next, decimals)))
    if inputs.capacity is not None and inputs.share_pct is not None:
        found.append(
            (
                "market",
                _("市场容量 × %(s)s%%") % {"s": inputs.share_pct},
                propose_from_market(
                    capacity=inputs.capacity, share_pct=inputs.share_pct, decimals=decimals
                ),
            )
        )
    if inputs.competitor_value is not None and inputs.ratio_pct is not None:
        found.append(
            (
                "competitor",
                _("竞争对手 × %(r)s%%") % {"r": inputs.ratio_pct},
                propose_from_competitor(
                    competitor_value=inputs.competitor_value,
                    ratio_pct=inputs.ratio_pct,
                    decimals=decimals,
                ),
            )
        )
    return [Proposal(m, label, v, implied_growth(v, last)) for m, label, v in found]
