"""Every page and API operation, and what three personas get from it.

One line per route, in the module of its area (``pages``, ``api_<area>``): ``route: (request, rep, east manager, finance)`` or, with a form or JSON
body, ``(request, rep, east manager, finance, body)``.

- route: a page's URL name (``"tracking:dashboard"``) or an API operation as the OpenAPI
  schema names it (``"GET /api/tracking/figures"``).
- request: ``"METHOD /path"``; ``{name}`` is the id of that thing of the world
  (``tests/scope/world.py``: ``{rep_target}``, ``{north}``, ``{customer_bj}``…). What the route
  is asked about belongs to 华北 / 王小明.
- answers: ``OWN``: a 2xx/3xx answer showing nothing outside the persona's scope (a rep sees
  nothing of 陈小红 / 上海, the east manager nothing of 华北; finance reads the whole company);
  ``PASSES``: let through the door to the service, which answered (2xx/3xx) or judged the
  input itself (a 422 of the service, not of the schema: an empty batch, a node with people);
  ``DENIED``: 403 or 404, nothing shown; ``REFUSED``: 403, 404 or a 422 that names an id in
  the body as "outside your scope" (the API treats such an id as unknown).

A new page or operation fails ``test_every_route_has_a_scope_case`` until it gets its line
here (or in ``UNSCOPED`` with the reason it needs no scope).
"""

from __future__ import annotations

from tests.scope.cases.answers import (
    ADMIN_NAMESPACE,
    ADMIN_SAMPLES,
    DENIED,
    KNOWN_BROKEN,
    OWN,
    PASSES,
    REFUSED,
    UNSCOPED,
    Case,
)
from tests.scope.cases.api_activities import ACTIVITIES_API
from tests.scope.cases.api_assessment import ASSESSMENT_API
from tests.scope.cases.api_forecasting import FORECASTING_API
from tests.scope.cases.api_incentives import INCENTIVES_API
from tests.scope.cases.api_integrations import INTEGRATIONS_API
from tests.scope.cases.api_org import ORG_API
from tests.scope.cases.api_targets import TARGETS_API
from tests.scope.cases.pages import PAGES

API: dict[str, Case] = {
    **ORG_API,
    **TARGETS_API,
    **ASSESSMENT_API,
    **INCENTIVES_API,
    **FORECASTING_API,
    **ACTIVITIES_API,
    **INTEGRATIONS_API,
}
CASES: dict[str, Case] = {**PAGES, **API}

__all__ = [
    "ADMIN_NAMESPACE",
    "ADMIN_SAMPLES",
    "API",
    "CASES",
    "DENIED",
    "KNOWN_BROKEN",
    "OWN",
    "PAGES",
    "PASSES",
    "REFUSED",
    "UNSCOPED",
    "Case",
]
