"""What a route may answer each persona, and the shared bodies the cases send."""

from __future__ import annotations

from typing import Any

OWN = "own"
PASSES = "passes"
DENIED = "denied"
REFUSED = "refused"
O, P, X = OWN, PASSES, DENIED  # noqa: E741  (short, so that a route stays one line)
# A batch of master data or facts with nothing in it: enough to pass the door.
BATCH: dict[str, Any] = {"mode": "good", "records": []}
# A rate-table sheet as CSV, base64-encoded: 提成项编码,下限,比例 / revenue,0,3%
RATES_CSV = "5o+Q5oiQ6aG557yW56CBLOS4i+mZkCzmr5TkvosKcmV2ZW51ZSwwLDMlCg=="
# A scorecard template with nothing in it: the service refuses it (a 422 of the service).
TEMPLATE: dict[str, Any] = {"name": "x", "role": "rep", "items": []}

MONTH = "2026-06-01"

Case = tuple[str, str, str, str] | tuple[str, str, str, str, dict[str, Any]]

# Routes that serve nobody's data, with why.
UNSCOPED: dict[str, str] = {
    "health": "liveness probe for the load balancer; answers 'ok' and no data",
    "login": "the sign-in form itself; anonymous by design",
    "logout": "ends one's own session; touches no one else's data",
    # Single sign-on (integrations.sso): anonymous by design, like the login form; each signs
    # in only the person the directory vouched for, whose own scope then applies.
    "oidc_authentication_init": "off to the company's OpenID provider; no data",
    "oidc_authentication_callback": "back from the OpenID provider: signs in whom it vouched for",
    "sso_wecom": "off to WeCom's login page; no data",
    "sso_wecom_callback": "back from WeCom: signs in the member its one-time code names",
    "sso_dingtalk": "off to DingTalk's login page; no data",
    "sso_dingtalk_callback": "back from DingTalk: signs in the member its one-time code names",
    "set_language": "stores the chosen language in one's own session",
    "api:openapi-json": "the API's schema: describes operations, holds no data",
    "api:openapi-view": "the API's documentation page (reads the schema only)",
    "catalog:import_template": "an empty template workbook (headers and examples only)",
    "integrations:calendar_feed": "a calendar feed, read by a calendar application with the "
    "secret in its address instead of a login; it holds only its owner's dates, and any "
    "other secret is a 404",
    "assessment:customer_review": "a customer's review form, opened by its link's secret token "
    "without a login; any other token is a 404",
}

# Cases that fail for a known reason being fixed elsewhere: the reason, shown as an xfail.
KNOWN_BROKEN: dict[str, str] = {}

# Every URL of the Django admin (admin:*) sits behind its staff gate; only the admin role is
# staff. The "admin:index" case holds the gate for the personas, ``ADMIN_SAMPLES`` a few
# model pages behind it.
ADMIN_NAMESPACE = "admin"
ADMIN_SAMPLES = ("/admin/", "/admin/org/person/", "/admin/auth/user/", "/admin/actuals/salesline/")
