"""The statistical outlook shown beside tracking's run rate (the tree, the dashboard's figures,
the home panel), from whichever app provides it.

Tracking sits below forecasting and must not import it, so forecasting registers a provider
from its ``AppConfig.ready``:

    outlook_provider_register(stored_outlooks)

A provider reads stored forecasts (never computes one on the request) and answers, for each
target (a ``Target`` or a ``TargetRow``, in order) seen as of a day, its figure or None where
it has none (a metric or a dimension not forecast, a period already over, a day before the
latest data: an outlook is of now, not of a past day). Without a provider the pages
show no outlook columns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class OutlookFigure:
    """A target's expected total for its period and the chance of reaching its value."""

    p50: Decimal
    probability: float | None  # float ok: a probability, not money


OutlookProvider = Callable[[Sequence[Any], dt.date], Sequence[OutlookFigure | None]]

_PROVIDERS: list[OutlookProvider] = []


def outlook_provider_register(provider: OutlookProvider) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def outlooks_provided() -> bool:
    return bool(_PROVIDERS)


def outlook_figures(targets: Sequence[Any], at: dt.date) -> list[OutlookFigure | None]:
    """Each target's outlook from the first provider that has one for it."""
    found: list[OutlookFigure | None] = [None] * len(targets)
    for provider in _PROVIDERS:
        missing = [i for i, f in enumerate(found) if f is None]
        if not missing:
            break
        answers = provider([targets[i] for i in missing], at)
        for i, answer in zip(missing, answers, strict=True):
            found[i] = answer
    return found
