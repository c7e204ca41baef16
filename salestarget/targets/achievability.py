"""What the plan form's 可实现 check and proposal list learn from a statistical forecast, from
whichever app provides one (targets sits below forecasting and must not import it).

Forecasting registers from its ``AppConfig.ready``:

    achievability_provider_register(forecast_achievability)

A provider answers for a metric, a node's subtree and a period (and the value typed, if
any): the probability of reaching that value and the forecast-based proposals, each with
its error on past years; None when it has nothing to say (another metric, no forecast of
that period). It reads stored forecasts; nothing is forecast on the request.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from salestarget.core.periods import Period
from salestarget.org.models import OrgNode


@dataclass(frozen=True)
class ForecastProposal:
    """A proposed figure for the period with its backtested error and its chance."""

    method: str
    label: str
    value: Decimal  # rounded to the metric's decimals
    error: float | None  # float ok: mean absolute error on past years, as a fraction
    years: int  # how many past periods the error is measured on
    probability: float | None  # float ok: the chance of reaching ``value``


@dataclass(frozen=True)
class Achievability:
    probability: float | None  # float ok: the chance of reaching the value typed
    note: str  # how the forecast was made and how well it did on backtest
    proposals: list[ForecastProposal] = field(default_factory=list)
    # The year before the proposed one finished by the forecast (its facts so far and the
    # forecast of the rest): what the proposals' growth is read against while that year has
    # not ended. None when the provider has no such figure.
    year_before: Decimal | None = None

    @property
    def likely_enough(self) -> bool:
        """Below one chance in ten a figure is a wish, not a target (SMART's 可实现)."""
        return self.probability is None or self.probability >= 0.1


AchievabilityProvider = Callable[..., Achievability | None]

_PROVIDERS: list[AchievabilityProvider] = []


def achievability_provider_register(provider: AchievabilityProvider) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def achievability(
    *, metric: str, node: OrgNode, period: Period, value: Decimal | None, decimals: int
) -> Achievability | None:
    """The first provider's answer for the plan being typed; None when none has one."""
    for provider in _PROVIDERS:
        found = provider(metric=metric, node=node, period=period, value=value, decimals=decimals)
        if found is not None:
            return found
    return None
