"""Tracking over the API (/api/tracking/): the tracking tree of a plan, a subject's figures
with its children and by any dimension, the charts' series, leaderboards, gap analysis and
the good-news feed, the battle report and the weekly or monthly report — the same reads and the same scoping as the pages. Parameters are those
of the pages (``plan``, ``metric``, ``period``, ``subject``, ``at`` …); amounts are exact
decimals (strings in JSON). One module per area, like ``targets.api``."""

from ninja import Router

from salestarget.tracking.api import boards, figures, reports

router = Router(tags=["tracking"])
for area in (figures, boards, reports):
    router.add_router("", area.router)
