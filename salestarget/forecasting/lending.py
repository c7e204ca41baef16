"""Registering what forecasting lends the layers below (``providers``) without importing it:
``ready()`` runs at every command's start, and the providers' modules load numpy through the
statistics (``core.forecasting``). Each registered function imports its provider on its
first call, when a page asks for an outlook."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from salestarget.targets.achievability import Achievability, achievability_provider_register
from salestarget.tracking.outlooks import OutlookFigure, outlook_provider_register


def _stored_outlooks(targets: Sequence[Any], at: dt.date) -> list[OutlookFigure | None]:
    from salestarget.forecasting.providers import stored_outlooks

    return stored_outlooks(targets, at)


def _forecast_achievability(**kwargs: Any) -> Achievability | None:
    from salestarget.forecasting.providers import forecast_achievability

    return forecast_achievability(**kwargs)


def providers_register() -> None:
    outlook_provider_register(_stored_outlooks)
    achievability_provider_register(_forecast_achievability)
