"""Assessment over the API (/api/assessment/): cycles (``cycles``), scorecards, reviews and
grades (``cards``), customer invitations (``invitations``) and scorecard templates (``templates``), through the same services, scoping and
anonymity as the pages. One module per area; their routers are mounted here."""

from ninja import Router

from salestarget.assessment.api import cards, cycles, invitations, templates

router = Router(tags=["assessment"])
router.add_router("", cycles.router)
router.add_router("", cards.router)
router.add_router("", invitations.router)
router.add_router("/templates", templates.router)
