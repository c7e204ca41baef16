"""Targets over the API (/api/targets/): plans, the tree, decomposition preview and save,
drafts, workflow transitions, adjustments and history, through the same services and scoping
as the pages. A stale version answers 409 with what changed since. One module per area, like
``targets.views``; their routers are mounted here in the order their paths must be tried."""

from ninja import Router

from salestarget.targets.api import adjustments, decompose, drafts, plans, proposals

router = Router(tags=["targets"])
for area in (plans, proposals, decompose, drafts, adjustments):
    router.add_router("", area.router)
