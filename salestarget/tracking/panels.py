"""The tracking panel of the role home pages (``ui.home``, slot "tracking"): a placeholder that
loads its figures through htmx, so the home page itself stays fast; and the progress of each
target on 我的目标 (``targets.progress``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from salestarget.core.tracking import TrackingResult
    from salestarget.targets.models import Target


def panels_register() -> None:
    from salestarget.targets.progress import target_progress_register
    from salestarget.ui.home import HomePanel, home_panel_register

    # Progress first in its slot: on a phone it is the first screen (the month, then the year).
    home_panel_register(HomePanel(slot="tracking", template="tracking/home_panel.html", order=10))
    target_progress_register(_targets_progress, _progress_day)


def _targets_progress(targets: Sequence[Target]) -> list[TrackingResult | None]:
    # Imported when a page asks, not at start (the reader pulls in the tracking queries).
    from salestarget.tracking.queries.owned import targets_progress

    return targets_progress(targets)


def _progress_day() -> dt.date:
    from salestarget.tracking.queries.context import as_of

    return as_of().day
