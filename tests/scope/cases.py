"""Every page and API operation, and what three personas get from it.

One line per route: ``route: (request, rep, east manager, finance)`` or, with a form or JSON
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

Case = tuple[str, str, str, str] | tuple[str, str, str, str, dict[str, Any]]

# Routes that serve nobody's data, with why.
UNSCOPED: dict[str, str] = {
    "health": "liveness probe for the load balancer; answers 'ok' and no data",
    "login": "the sign-in form itself; anonymous by design",
    "logout": "ends one's own session; touches no one else's data",
    "set_language": "stores the chosen language in one's own session",
    "api:openapi-json": "the API's schema: describes operations, holds no data",
    "api:openapi-view": "the API's documentation page (reads the schema only)",
    "catalog:import_template": "an empty template workbook (headers and examples only)",
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

PAGES: dict[str, Case] = {
    "home": ("GET /", O, O, O),
    # org
    "org:node_list": ("GET /org/nodes/", O, O, O),
    "org:node_create": ("POST /org/nodes/new/", X, X, O, {}),
    "org:node_detail": ("GET /org/nodes/{team_bj}/", X, X, O),
    "org:node_edit": ("POST /org/nodes/{team_bj}/edit/", X, X, O, {}),
    "org:node_deactivate": ("POST /org/nodes/{team_bj}/deactivate/", X, X, O),
    "org:node_activate": ("POST /org/nodes/{team_bj}/activate/", X, X, O),
    "org:person_list": ("GET /org/people/", O, O, O),
    "org:person_create": ("POST /org/people/new/", X, X, O, {}),
    "org:person_detail": ("GET /org/people/{rep}/", O, X, O),
    "org:person_edit": ("POST /org/people/{rep}/edit/", X, X, O, {}),
    "org:person_account": ("POST /org/people/{rep}/account/", X, X, X, {}),
    "org:person_move": ("POST /org/people/{rep}/move/", X, X, O, {}),
    "org:person_deactivate": ("POST /org/people/{rep}/deactivate/", X, X, O),
    "org:person_activate": ("POST /org/people/{rep}/activate/", X, X, O),
    "org:membership_create": ("POST /org/people/{rep}/memberships/new/", X, X, O, {}),
    "org:membership_edit": (
        "POST /org/people/{rep}/memberships/{rep_membership}/edit/",
        X,
        X,
        O,
        {},
    ),
    "org:membership_delete": (
        "POST /org/people/{rep}/memberships/{rep_membership}/delete/",
        X,
        X,
        O,
    ),
    "org:company_settings": ("POST /org/settings/", X, X, X, {}),
    "org:token_list": ("GET /org/tokens/", O, O, O),
    "org:token_revoke": ("POST /org/tokens/{rep_token}/revoke/", O, X, X),
    # catalog: everyone reads the master data; admin and finance keep it
    "catalog:product_list": ("GET /catalog/products/", O, O, O),
    "catalog:category_create": ("POST /catalog/products/categories/new/", X, X, O, {}),
    "catalog:category_edit": ("POST /catalog/products/categories/{category}/edit/", X, X, O, {}),
    "catalog:category_deactivate": (
        "POST /catalog/products/categories/{category}/deactivate/",
        X,
        X,
        O,
    ),
    "catalog:category_activate": (
        "POST /catalog/products/categories/{category}/activate/",
        X,
        X,
        O,
    ),
    "catalog:line_create": ("POST /catalog/products/lines/new/", X, X, O, {}),
    "catalog:line_edit": ("POST /catalog/products/lines/{line}/edit/", X, X, O, {}),
    "catalog:line_deactivate": ("POST /catalog/products/lines/{line}/deactivate/", X, X, O),
    "catalog:line_activate": ("POST /catalog/products/lines/{line}/activate/", X, X, O),
    "catalog:product_create": ("POST /catalog/products/new/", X, X, O, {}),
    "catalog:product_edit": ("POST /catalog/products/{product_a}/edit/", X, X, O, {}),
    "catalog:product_deactivate": ("POST /catalog/products/{product_a}/deactivate/", X, X, O),
    "catalog:product_activate": ("POST /catalog/products/{product_a}/activate/", X, X, O),
    "catalog:region_list": ("GET /catalog/regions/", O, O, O),
    "catalog:region_create": ("POST /catalog/regions/new/", X, X, O, {}),
    "catalog:region_edit": ("POST /catalog/regions/{region_north}/edit/", X, X, O, {}),
    "catalog:region_deactivate": ("POST /catalog/regions/{region_north}/deactivate/", X, X, O),
    "catalog:region_activate": ("POST /catalog/regions/{region_north}/activate/", X, X, O),
    "catalog:customertype_list": ("GET /catalog/customer-types/", O, O, O),
    "catalog:customertype_create": ("POST /catalog/customer-types/new/", X, X, O, {}),
    "catalog:customertype_edit": (
        "POST /catalog/customer-types/{customer_type}/edit/",
        X,
        X,
        O,
        {},
    ),
    "catalog:customertype_deactivate": (
        "POST /catalog/customer-types/{customer_type}/deactivate/",
        X,
        X,
        O,
    ),
    "catalog:customertype_activate": (
        "POST /catalog/customer-types/{customer_type}/activate/",
        X,
        X,
        O,
    ),
    "catalog:channel_list": ("GET /catalog/channels/", O, O, O),
    "catalog:channel_create": ("POST /catalog/channels/new/", X, X, O, {}),
    "catalog:channel_edit": ("POST /catalog/channels/{channel}/edit/", X, X, O, {}),
    "catalog:channel_deactivate": ("POST /catalog/channels/{channel}/deactivate/", X, X, O),
    "catalog:channel_activate": ("POST /catalog/channels/{channel}/activate/", X, X, O),
    "catalog:customer_list": ("GET /catalog/customers/", O, O, O),
    "catalog:customer_detail": ("GET /catalog/customers/{customer_bj}/", O, X, O),
    "catalog:customer_create": ("POST /catalog/customers/new/", X, X, O, {}),
    "catalog:customer_edit": ("POST /catalog/customers/{customer_bj}/edit/", X, X, O, {}),
    "catalog:customer_deactivate": ("POST /catalog/customers/{customer_bj}/deactivate/", X, X, O),
    "catalog:customer_activate": ("POST /catalog/customers/{customer_bj}/activate/", X, X, O),
    "catalog:calendar": ("GET /catalog/calendar/", O, O, O),
    "catalog:calendar_day_add": ("POST /catalog/calendar/days/", X, X, O, {}),
    "catalog:calendar_day_delete": ("POST /catalog/calendar/days/{holiday}/delete/", X, X, O),
    "catalog:calendar_load": ("POST /catalog/calendar/load-china/", X, X, O, {}),
    "catalog:import": ("GET /catalog/import/", X, X, O),
    # targets
    "targets:plan_list": ("GET /targets/", O, O, O),
    "targets:plan_create": ("POST /targets/plans/new/", X, O, X, {}),
    "targets:plan_context": (
        "POST /targets/plans/context/",
        X,
        O,
        X,
        {
            "scope_node": "{north}",
            "owner": "{manager_north}",
            "metric": "revenue",
            "period": "2027-06",
        },
    ),
    "targets:plan_detail": ("GET /targets/plans/{draft_plan}/", X, X, O),
    "targets:plan_history": ("GET /targets/plans/{draft_plan}/history/", X, X, O),
    "targets:plan_action": ("POST /targets/plans/{draft_plan}/submit/", X, X, X),
    "targets:cycle_new": ("POST /targets/plans/{plan}/cycles/new/", X, X, X, {}),
    "targets:letter": ("GET /targets/plans/{plan}/letter/{rep}.xlsx", O, X, O),
    "targets:target_edit": ("POST /targets/t/{draft_team_target}/edit/", X, X, X, {}),
    "targets:target_history": ("GET /targets/t/{team_target}/history/", X, X, O),
    "targets:decompose": ("POST /targets/t/{draft_team_target}/decompose/", X, X, X, {}),
    "targets:split_action": ("POST /targets/t/{draft_team_target}/split/submit/", X, X, X),
    "targets:round_new": ("POST /targets/t/{draft_team_target}/rounds/new/", X, X, X, {}),
    "targets:adjustment_new": ("POST /targets/t/{rep_target}/adjust/", X, X, X, {}),
    "targets:card": ("GET /targets/t/{rep_target}/card.xlsx", O, X, O),
    "targets:export": ("GET /targets/t/{team_target}/export.xlsx", X, X, O),
    "targets:import": ("POST /targets/t/{draft_team_target}/import/", X, X, X, {}),
    "targets:round_detail": ("GET /targets/rounds/{round}/", O, X, X),
    "targets:round_close": ("POST /targets/rounds/{round}/close/", X, X, X),
    "targets:draft_review": ("POST /targets/drafts/{rep_draft}/review/", X, X, X, {}),
    "targets:my_targets": ("GET /targets/mine/", O, O, O),
    "targets:home_panel": ("GET /targets/panel/", O, O, O),
    "targets:approvals": ("GET /targets/approvals/", O, O, O),
    "targets:adjustment_list": ("GET /targets/adjustments/", O, O, O),
    "targets:adjustment_detail": ("GET /targets/adjustments/{adjustment}/", O, X, O),
    "targets:cycle_detail": ("GET /targets/cycles/{cycle}/", X, O, O),
    "targets:steps": ("GET /targets/steps/", O, O, O),
    "targets:step_done": ("POST /targets/steps/{north_step}/done/", X, X, X),
    # actuals
    "actuals:fact_list": ("GET /actuals/", O, O, O),
    "actuals:import_upload": ("GET /actuals/import/", X, X, O),
    "actuals:import_detail": ("GET /actuals/import/{batch}/", X, X, O),
    "actuals:import_mapping": ("GET /actuals/import/{batch}/mapping/", X, X, O),
    "actuals:import_run": ("POST /actuals/import/{batch}/run/", X, X, O),
    "actuals:import_errors": ("GET /actuals/import/{batch}/errors.csv", X, X, O),
    "actuals:sales_create": ("POST /actuals/sales/new/", X, X, O, {}),
    "actuals:sales_edit": ("POST /actuals/sales/{sales_line}/edit/", X, X, O, {}),
    "actuals:sales_delete": ("POST /actuals/sales/{sales_line}/delete/", X, X, O),
    # audit trail: the admin only
    "audit:entry_list": ("GET /audit/", X, X, X),
    "audit:entry_export": ("GET /audit/entries.csv", X, X, X),
    "audit:company_export": ("POST /audit/company-export/", X, X, X),
    # notifications: one's own only
    "notifications:list": ("GET /notifications/", O, O, O),
    "notifications:read": ("POST /notifications/read/", O, O, O, {"id": "{notification}"}),
    "notifications:badge": ("GET /notifications/badge/", O, O, O),
    # tracking: every figure through the scope
    "tracking:dashboard": ("GET /tracking/?plan={plan}", O, O, O),
    "tracking:data": ("GET /tracking/data/cumulative.json?plan={plan}", O, O, O),
    "tracking:home_panel": ("GET /tracking/panel/", O, O, O),
    "tracking:tree": ("GET /tracking/tree/?plan={plan}&node={north}", O, O, O),
    "tracking:leaderboard": ("GET /tracking/leaderboard/?plan={plan}", O, O, O),
    "tracking:battle": ("GET /tracking/battle/?plan={plan}", X, O, O),
    "tracking:battle_export": ("GET /tracking/battle.xlsx?plan={plan}", X, O, O),
    "tracking:report": ("GET /tracking/report/?plan={plan}", X, O, O),
    "tracking:report_export": ("GET /tracking/report.xlsx?plan={plan}", X, O, O),
    "tracking:news": ("GET /tracking/news/", O, O, O),
    "tracking:gap": ("GET /tracking/gap/?plan={plan}", O, O, O),
    "tracking:gap_export": ("GET /tracking/gap.xlsx?plan={plan}", O, O, O),
    # assessment: a rep their own scorecard, managers their subtree, runners the cycle
    "assessment:mine": ("GET /assessment/", O, O, O),
    "assessment:team": ("GET /assessment/team/", O, O, O),
    "assessment:card": ("GET /assessment/card/{rep_card}/", O, X, O),
    "assessment:card_pdf": ("GET /assessment/card/{rep_card}/scorecard-zh.pdf", O, X, O),
    "assessment:card_action": ("POST /assessment/card/{rep_card}/propose/", X, X, P, {}),
    "assessment:review": ("GET /assessment/review/{rep_self_review}/", O, X, X),
    "assessment:nomination": ("POST /assessment/nomination/{rep_nomination}/", X, X, P, {}),
    "assessment:cycles": ("GET /assessment/cycles/", O, O, O),
    "assessment:cycle_new": ("POST /assessment/cycles/new/", X, X, O, {}),
    "assessment:cycle": ("GET /assessment/cycles/{assess_cycle}/", X, X, O),
    "assessment:cycle_action": ("POST /assessment/cycles/{assess_cycle}/do/compute/", X, X, P),
    "assessment:results": ("GET /assessment/cycles/{assess_cycle}/results/", X, X, O),
    "assessment:results_export": ("GET /assessment/cycles/{assess_cycle}/results.xlsx", X, X, O),
    "assessment:history": ("GET /assessment/people/{rep}/history/", O, X, O),
    "assessment:history_chart": ("GET /assessment/people/{rep}/history.json", O, X, O),
    "assessment:templates": ("GET /assessment/templates/", X, X, O),
    "assessment:template_new": ("POST /assessment/templates/new/", X, X, O, {}),
    "assessment:template": ("GET /assessment/templates/{assess_template}/", X, X, O),
    "assessment:template_copy": ("POST /assessment/templates/{assess_template}/copy/", X, X, O),
    "assessment:session": ("GET /assessment/sessions/{assess_session}/", X, X, O),
    "assessment:session_chart": ("GET /assessment/sessions/{assess_session}/chart.json", X, X, O),
    "assessment:session_action": ("POST /assessment/sessions/{assess_session}/do/lock/", X, X, P),
    # forecasting
    "forecasting:outlook": ("GET /forecasting/?plan={plan}", O, O, O),
    "forecasting:chart": ("GET /forecasting/chart/{rep_target}.json", O, X, O),
    "forecasting:home_panel": ("GET /forecasting/panel/", O, O, O),
    "forecasting:submit": ("GET /forecasting/submit/", O, O, O),
    "forecasting:categorise": (
        "POST /forecasting/submit/category/",
        O,
        X,
        X,
        {"opportunity": "{opportunity}", "category": "commit"},
    ),
    "forecasting:team": ("GET /forecasting/team/?node={north}", X, X, X),
    "forecasting:proposals": ("GET /forecasting/proposals/?node={north}", X, X, O),
    "forecasting:customers": ("GET /forecasting/customers/?node={north}", X, X, O),
    "forecasting:customers_chart": (
        "GET /forecasting/customers/chart.json?node={north}",
        X,
        X,
        O,
    ),
    # quota scenarios: planners only, on units they manage (finance does not plan)
    "forecasting:scenarios": ("GET /forecasting/scenarios/?target={north_target}", X, X, X),
    "forecasting:scenario_adopt": (
        "POST /forecasting/scenarios/adopt/",
        X,
        X,
        X,
        {"target": "{north_target}", "axis": "org", "scenario": "1000:equal"},
    ),
    # incentives: a rep their own statements, a manager their subtree's, finance everything
    "incentives:statements": ("GET /incentives/", O, O, O),
    "incentives:statement": ("GET /incentives/statements/{rep_statement}/", O, X, O),
    "incentives:what_if": (
        "GET /incentives/statements/{rep_statement}/what-if/?extra=1000",
        O,
        X,
        O,
    ),
    "incentives:statement_action": (
        "POST /incentives/statements/{rep_statement}/approve/",
        X,
        X,
        O,
    ),
    "incentives:line_sales": ("GET /incentives/lines/{rep_line}/sales/", O, X, O),
    "incentives:line_sales_csv": ("GET /incentives/lines/{rep_line}/sales.csv", O, X, O),
    "incentives:dispute_create": (
        "POST /incentives/lines/{rep_line}/dispute/",
        O,
        X,
        X,
        {"note": "x"},
    ),
    "incentives:disputes": ("GET /incentives/disputes/", O, O, O),
    "incentives:dispute_resolve": (
        "POST /incentives/disputes/{rep_dispute}/resolve/",
        X,
        X,
        O,
        {"resolution": "按方案计算无误"},
    ),
    "incentives:period_run": (
        "POST /incentives/periods/calculate/",
        X,
        X,
        O,
        {"period": "2026-06"},
    ),
    "incentives:payroll_csv": ("GET /incentives/payroll/2026-06.csv", X, X, O),
    "incentives:payroll_xlsx": ("GET /incentives/payroll/2026-06.xlsx", X, X, O),
    "incentives:home_panel": ("GET /incentives/home-panel/", O, O, O),
    "incentives:plans": ("GET /incentives/plans/", X, X, O),
    "incentives:plan_new": ("GET /incentives/plans/new/", X, X, O),
    "incentives:plan_chart": ("GET /incentives/plans/chart/?tiers=0%203", X, X, O),
    "incentives:plan": ("GET /incentives/plans/{commission_plan}/", X, X, O),
    "incentives:rates_xlsx": ("GET /incentives/plans/{commission_plan}/rates.xlsx", X, X, O),
    "incentives:rates_upload": ("POST /incentives/plans/{commission_plan}/rates/", X, X, O),
    # competitions: a rep their own standing, a manager their subtree's rows, finance all
    "incentives:competitions": ("GET /incentives/competitions/", O, O, O),
    "incentives:competition": ("GET /incentives/competitions/{competition}/", O, O, O),
    "incentives:competition_new": (
        "POST /incentives/competitions/new/",
        X,
        X,
        O,
        {"name": "七月赛", "metric": "revenue", "starts": "2026-07-01", "ends": "2026-07-31"}
        | {"node": "{north}", "prizes": "1000"},
    ),
    "incentives:competition_results": (
        "POST /incentives/competitions/{competition}/results/",
        X,
        X,
        O,
    ),
    # split credit: everyone reads the orders of their scope, finance sets and removes
    "incentives:credits": ("GET /incentives/credit/", O, O, O),
    "incentives:credit_save": (
        "POST /incentives/credit/save/",
        X,
        X,
        O,
        {"order_no": "SO-SCOPE", "kind": "split", "shares": "REP 100%"},
    ),
    "incentives:credit_remove": (
        "POST /incentives/credit/remove/",
        X,
        X,
        O,
        {"order_no": "SO-SCOPE", "kind": "split"},
    ),
    "incentives:bonus_table": (
        "POST /incentives/plans/{commission_plan}/bonus-table/",
        X,
        X,
        O,
        {"period": "quarter", "target_bonus": "10000", "multipliers": "A 1.2"},
    ),
    "incentives:typed_grades": (
        "POST /incentives/plans/{commission_plan}/grades/",
        X,
        X,
        O,
        {"period": "FY2026-Q2", "grades": "REP A"},
    ),
}

API: dict[str, Case] = {
    # org
    "GET /api/org/me": ("GET /api/org/me", O, O, O),
    # the company's settings: everyone reads them, the admin alone changes them
    "GET /api/org/settings": ("GET /api/org/settings", O, O, O),
    "PATCH /api/org/settings": ("PATCH /api/org/settings", X, X, X, {"name": "x"}),
    "GET /api/org/nodes": ("GET /api/org/nodes", O, O, O),
    "POST /api/org/nodes": (
        "POST /api/org/nodes",
        X,
        X,
        O,
        {"parent_id": "{north}", "code": "N9", "name": "新组", "kind": "team"},
    ),
    "POST /api/org/nodes/batch": ("POST /api/org/nodes/batch", X, X, P, BATCH),
    "GET /api/org/nodes/{node_id}": ("GET /api/org/nodes/{team_bj}", X, X, O),
    "PATCH /api/org/nodes/{node_id}": ("PATCH /api/org/nodes/{team_bj}", X, X, O, {}),
    "POST /api/org/nodes/{node_id}/deactivate": (
        "POST /api/org/nodes/{team_bj}/deactivate",
        X,
        X,
        P,
        {},
    ),
    "POST /api/org/nodes/{node_id}/activate": (
        "POST /api/org/nodes/{team_bj}/activate",
        X,
        X,
        O,
    ),
    "GET /api/org/people": ("GET /api/org/people", O, O, O),
    "POST /api/org/people": (
        "POST /api/org/people",
        X,
        X,
        O,
        {"employee_no": "N9", "name": "新人", "node_id": "{team_bj}", "valid_from": "2026-01-01"},
    ),
    "POST /api/org/people/batch": ("POST /api/org/people/batch", X, X, P, BATCH),
    "GET /api/org/people/{person_id}": ("GET /api/org/people/{rep}", O, X, O),
    "PATCH /api/org/people/{person_id}": ("PATCH /api/org/people/{rep}", X, X, O, {}),
    "GET /api/org/people/{person_id}/memberships": (
        "GET /api/org/people/{rep}/memberships",
        O,
        X,
        O,
    ),
    "POST /api/org/people/{person_id}/move": (
        "POST /api/org/people/{rep}/move",
        X,
        X,
        P,
        {"to_node_id": "{team_bj}", "on": "2026-07-01"},
    ),
    "POST /api/org/people/{person_id}/deactivate": (
        "POST /api/org/people/{rep}/deactivate",
        X,
        X,
        P,
        {},
    ),
    "POST /api/org/people/{person_id}/activate": (
        "POST /api/org/people/{rep}/activate",
        X,
        X,
        O,
    ),
    "PUT /api/org/people/{person_id}/account": (
        "PUT /api/org/people/{rep}/account",
        X,
        X,
        X,
        {"role": "rep"},
    ),
    # catalog
    "GET /api/catalog/product-categories": ("GET /api/catalog/product-categories", O, O, O),
    "GET /api/catalog/product-lines": ("GET /api/catalog/product-lines", O, O, O),
    "GET /api/catalog/products": ("GET /api/catalog/products", O, O, O),
    "GET /api/catalog/regions": ("GET /api/catalog/regions", O, O, O),
    "GET /api/catalog/customer-types": ("GET /api/catalog/customer-types", O, O, O),
    "GET /api/catalog/channels": ("GET /api/catalog/channels", O, O, O),
    "GET /api/catalog/customers": ("GET /api/catalog/customers", O, O, O),
    "GET /api/catalog/customers/{item_id}": ("GET /api/catalog/customers/{customer_bj}", O, X, O),
    "GET /api/catalog/calendar-days": ("GET /api/catalog/calendar-days?year=2026", O, O, O),
    "POST /api/catalog/calendar-days": (
        "POST /api/catalog/calendar-days",
        X,
        X,
        O,
        {"date": "2026-10-09", "kind": "holiday", "name": "调休"},
    ),
    "DELETE /api/catalog/calendar-days/{day_id}": (
        "DELETE /api/catalog/calendar-days/{holiday}",
        X,
        X,
        O,
    ),
}


def _catalog_writes() -> dict[str, Case]:
    """The master-data kinds share one set of write operations: admin and finance only."""
    kinds = {
        "product-categories": ("category", {"code": "C9", "name": "耗材"}),
        "product-lines": ("line", {"code": "L9", "name": "墨盒", "category_id": "{category}"}),
        "products": ("product_a", {"code": "P9", "name": "产品九", "line_id": "{line}"}),
        "regions": ("region_north", {"code": "R9", "name": "华西", "level": "area"}),
        "customer-types": ("customer_type", {"code": "T9", "name": "渠道商"}),
        "channels": ("channel", {"code": "H9", "name": "电商"}),
        "customers": (
            "customer_bj",
            {
                "code": "CU9",
                "name": "天津客户",
                "customer_type_id": "{customer_type}",
                "region_id": "{region_north}",
                "channel_id": "{channel}",
            },
        ),
    }
    cases: dict[str, Case] = {}
    for path, (item, body) in kinds.items():
        base = f"/api/catalog/{path}"
        cases[f"POST {base}"] = (f"POST {base}", X, X, O, body)
        cases[f"PATCH {base}/{{item_id}}"] = (f"PATCH {base}/{{{item}}}", X, X, O, {})
        for action in ("deactivate", "activate"):
            op = f"POST {base}/{{item_id}}/{action}"
            cases[op] = (f"POST {base}/{{{item}}}/{action}", X, X, P)
        if path not in {"product-categories", "product-lines"}:
            cases[f"POST {base}/batch"] = (f"POST {base}/batch", X, X, P, BATCH)
    return cases


API.update(_catalog_writes())
MONTH = "2026-06-01"
API.update(
    {
        "GET /api/forecasting/run": ("GET /api/forecasting/run", O, O, O),
        "GET /api/forecasting/outlook": ("GET /api/forecasting/outlook?plan={plan}", O, O, O),
        "GET /api/forecasting/series": ("GET /api/forecasting/series?person={rep}", O, X, O),
        "GET /api/forecasting/submissions": ("GET /api/forecasting/submissions", O, O, O),
        "GET /api/forecasting/proposals": ("GET /api/forecasting/proposals?node={north}", X, X, X),
        "POST /api/forecasting/submissions": (
            "POST /api/forecasting/submissions",
            P,
            P,
            P,
            {"month": MONTH, "commit": "100", "best_case": "120"},
        ),
        "GET /api/forecasting/rollups/{node_id}": (
            f"GET /api/forecasting/rollups/{{north}}?month={MONTH}",
            X,
            X,
            O,
        ),
        "POST /api/forecasting/rollups": (
            "POST /api/forecasting/rollups",
            REFUSED,
            REFUSED,
            X,
            {"node_id": "{north}", "month": MONTH, "commit": "1", "best_case": "1", "note": "x"},
        ),
        "GET /api/forecasting/customers": ("GET /api/forecasting/customers?node={north}", X, X, O),
        "GET /api/forecasting/scenarios": (
            "GET /api/forecasting/scenarios?target={north_target}&axis=org&s=1000:equal",
            X,
            X,
            X,
        ),
        "POST /api/forecasting/scenarios/adopt": (
            "POST /api/forecasting/scenarios/adopt",
            X,
            X,
            X,
            {"target": "{north_target}", "axis": "org", "scenario": "1000:equal"},
        ),
    }
)
API.update(
    {
        "GET /api/incentives/statements": ("GET /api/incentives/statements", O, O, O),
        "GET /api/incentives/statements/{statement_id}": (
            "GET /api/incentives/statements/{rep_statement}",
            O,
            X,
            O,
        ),
        "GET /api/incentives/statements/{statement_id}/what-if": (
            "GET /api/incentives/statements/{rep_statement}/what-if?extra=1000",
            O,
            X,
            O,
        ),
        # The rep's line already has an open dispute: the service says so (422).
        "POST /api/incentives/lines/{line_id}/disputes": (
            "POST /api/incentives/lines/{rep_line}/disputes",
            P,
            X,
            X,
            {"note": "还有一单"},
        ),
        "GET /api/incentives/disputes": ("GET /api/incentives/disputes", O, O, O),
        "POST /api/incentives/disputes/{dispute_id}/resolve": (
            "POST /api/incentives/disputes/{rep_dispute}/resolve",
            X,
            X,
            O,
            {"resolution": "驳回"},
        ),
        "GET /api/incentives/plans": ("GET /api/incentives/plans", X, X, O),
        "POST /api/incentives/plans": (
            "POST /api/incentives/plans",
            X,
            X,
            O,
            {"code": "scope-2", "name": "新方案", "effective_from": "2026-08-01"}
            | {"components": [{"code": "revenue", "name": "销售额", "tiers": [["0", "0.03"]]}]},
        ),
        "GET /api/incentives/plans/{plan_id}": (
            "GET /api/incentives/plans/{commission_plan}",
            X,
            X,
            O,
        ),
        # June was calculated under the plan: the service refuses the edit (a new version).
        "PUT /api/incentives/plans/{plan_id}": (
            "PUT /api/incentives/plans/{commission_plan}",
            X,
            X,
            P,
            {"name": "改", "effective_from": "2026-01-01"}
            | {"components": [{"code": "revenue", "name": "销售额", "tiers": [["0", "0.03"]]}]},
        ),
        "POST /api/incentives/plans/{plan_id}/versions": (
            "POST /api/incentives/plans/{commission_plan}/versions",
            X,
            X,
            O,
            {"effective_from": "2026-08-01"},
        ),
        "POST /api/incentives/plans/{plan_id}/activate": (
            "POST /api/incentives/plans/{commission_plan}/activate",
            X,
            X,
            O,
        ),
        "POST /api/incentives/plans/{plan_id}/assignments": (
            "POST /api/incentives/plans/{commission_plan}/assignments",
            X,
            X,
            O,
            {"person_id": "{rep}", "valid_from": "2026-01-01"},
        ),
        "DELETE /api/incentives/plans/{plan_id}/assignments/{assignment_id}": (
            "DELETE /api/incentives/plans/{commission_plan}/assignments/{plan_assignment}",
            X,
            X,
            O,
        ),
        # review is the manager's of the subtree (the east manager's is another subtree)
        "POST /api/incentives/statements/{statement_id}/review": (
            "POST /api/incentives/statements/{rep_statement}/review",
            X,
            X,
            X,
        ),
        "POST /api/incentives/statements/{statement_id}/approve": (
            "POST /api/incentives/statements/{rep_statement}/approve",
            X,
            X,
            O,
        ),
        # not approved yet: the service says so (422)
        "POST /api/incentives/statements/{statement_id}/pay": (
            "POST /api/incentives/statements/{rep_statement}/pay",
            X,
            X,
            P,
        ),
        "POST /api/incentives/periods/{period}/calculate": (
            "POST /api/incentives/periods/2026-06/calculate",
            X,
            X,
            O,
        ),
        "POST /api/incentives/periods/{period}/estimate": (
            "POST /api/incentives/periods/2026-06/estimate",
            X,
            X,
            O,
        ),
        "POST /api/incentives/periods/{period}/close": (
            "POST /api/incentives/periods/2026-06/close",
            X,
            X,
            O,
        ),
        "POST /api/incentives/periods/{period}/deltas": (
            "POST /api/incentives/periods/2026-06/deltas",
            X,
            X,
            P,
            {"reason": "退货"},
        ),
        "GET /api/incentives/credit-splits": ("GET /api/incentives/credit-splits", O, O, O),
        "PUT /api/incentives/credit-splits": (
            "PUT /api/incentives/credit-splits",
            X,
            X,
            O,
            {"order_no": "SO-SCOPE", "shares": {"REP": "1"}},
        ),
        "DELETE /api/incentives/credit-splits": (
            "DELETE /api/incentives/credit-splits?order_no=SO-SCOPE",
            X,
            X,
            O,
        ),
        "GET /api/incentives/plans/{plan_id}/bonus-table": (
            "GET /api/incentives/plans/{commission_plan}/bonus-table",
            X,
            X,
            O,
        ),
        "PUT /api/incentives/plans/{plan_id}/bonus-table": (
            "PUT /api/incentives/plans/{commission_plan}/bonus-table",
            X,
            X,
            O,
            {"period": "quarter", "target_bonus": "10000", "multipliers": {"A": "1.2"}},
        ),
        "GET /api/incentives/plans/{plan_id}/rates": (
            "GET /api/incentives/plans/{commission_plan}/rates",
            X,
            X,
            O,
        ),
        "POST /api/incentives/plans/{plan_id}/rates": (
            "POST /api/incentives/plans/{commission_plan}/rates",
            X,
            X,
            O,
            {"content": RATES_CSV},
        ),
        "GET /api/incentives/competitions": ("GET /api/incentives/competitions", O, O, O),
        "POST /api/incentives/competitions": (
            "POST /api/incentives/competitions",
            X,
            X,
            O,
            {"name": "七月赛", "starts": "2026-07-01", "ends": "2026-07-31"}
            | {"node_id": "{north}", "prizes": ["1000"]},
        ),
        "GET /api/incentives/competitions/{competition_id}/standings": (
            "GET /api/incentives/competitions/{competition}/standings",
            O,
            O,
            O,
        ),
        "POST /api/incentives/competitions/{competition_id}/results": (
            "POST /api/incentives/competitions/{competition}/results",
            X,
            X,
            O,
        ),
        "PUT /api/incentives/typed-grades": (
            "PUT /api/incentives/typed-grades",
            X,
            X,
            O,
            {"period": "FY2026-Q2", "grades": {}},
        ),
    }
)
API.update(
    {
        # targets
        "GET /api/targets/plans": ("GET /api/targets/plans", O, O, O),
        "GET /api/targets/proposals": (
            "GET /api/targets/proposals?metric=revenue&period=2027-06&scope_node_id={north}",
            X,
            X,
            X,
        ),
        "POST /api/targets/plans": (
            "POST /api/targets/plans",
            REFUSED,
            REFUSED,
            X,
            {
                "name": "2026-08 华北",
                "metric": "revenue",
                "period": "2026-08",
                "scope_node_id": "{north}",
                "owner_id": "{manager_north}",
                "value": "1000",
            },
        ),
        "GET /api/targets/plans/{plan_id}": ("GET /api/targets/plans/{draft_plan}", X, X, O),
        "PATCH /api/targets/plans/{plan_id}": (
            "PATCH /api/targets/plans/{draft_plan}",
            X,
            X,
            X,
            {"name": "改名"},
        ),
        "DELETE /api/targets/plans/{plan_id}": ("DELETE /api/targets/plans/{draft_plan}", X, X, X),
        "GET /api/targets/plans/{plan_id}/targets": (
            "GET /api/targets/plans/{draft_plan}/targets",
            X,
            X,
            O,
        ),
        "POST /api/targets/plans/{plan_id}/{action}": (
            "POST /api/targets/plans/{draft_plan}/submit",
            X,
            X,
            X,
        ),
        "GET /api/targets/plans/{plan_id}/history": (
            "GET /api/targets/plans/{draft_plan}/history",
            X,
            X,
            O,
        ),
        "GET /api/targets/targets/{target_id}": ("GET /api/targets/targets/{rep_target}", O, X, O),
        "PATCH /api/targets/targets/{target_id}": (
            "PATCH /api/targets/targets/{draft_team_target}",
            X,
            X,
            X,
            {"version": "{draft_team_target_version}", "value": "1"},
        ),
        "GET /api/targets/targets/{target_id}/history": (
            "GET /api/targets/targets/{rep_target}/history",
            O,
            X,
            O,
        ),
        "POST /api/targets/targets/{target_id}/decompose/preview": (
            "POST /api/targets/targets/{draft_team_target}/decompose/preview",
            X,
            X,
            X,
            {"axes": ["people"]},
        ),
        "POST /api/targets/targets/{target_id}/decompose": (
            "POST /api/targets/targets/{draft_team_target}/decompose",
            X,
            X,
            X,
            {"axes": ["people"], "version": "{draft_team_target_version}"},
        ),
        "POST /api/targets/targets/{target_id}/split/{action}": (
            "POST /api/targets/targets/{draft_team_target}/split/submit",
            X,
            X,
            X,
        ),
        "POST /api/targets/targets/{target_id}/rounds": (
            "POST /api/targets/targets/{draft_team_target}/rounds",
            X,
            X,
            X,
            {},
        ),
        "GET /api/targets/rounds/{round_id}": ("GET /api/targets/rounds/{round}", O, X, X),
        "PUT /api/targets/rounds/{round_id}/my-draft": (
            "PUT /api/targets/rounds/{round}/my-draft",
            O,
            X,
            X,
            {"base_value": "40000", "challenge_value": "60000"},
        ),
        "POST /api/targets/drafts/{draft_id}/review": (
            "POST /api/targets/drafts/{rep_draft}/review",
            X,
            X,
            X,
            {"action": "accept"},
        ),
        "GET /api/targets/adjustments": ("GET /api/targets/adjustments", O, O, O),
        "POST /api/targets/targets/{target_id}/adjustments": (
            "POST /api/targets/targets/{rep_target}/adjustments",
            X,
            X,
            X,
            {"new_value": "1", "reason_category": "market", "reason": "x"},
        ),
        "POST /api/targets/adjustments/{adjustment_id}/decision": (
            "POST /api/targets/adjustments/{adjustment}/decision",
            X,
            X,
            X,
            {"approve": True},
        ),
        # actuals: reads through the scope; writes by admin and finance
        **{
            f"{method} /api/actuals/{kind}": (
                f"{method} /api/actuals/{kind}",
                *((O, O, O) if method == "GET" else (X, X, P)),
                *(() if method == "GET" else (BATCH,)),
            )
            for kind in (
                "sales-lines",
                "expenses",
                "payments",
                "opportunities",
                "surveys",
                "market-sizes",
            )
            for method in ("GET", "POST")
        },
        "GET /api/actuals/batches/{batch_id}": ("GET /api/actuals/batches/{batch}", X, X, O),
        # tracking
        "GET /api/tracking/plans/{plan_id}/tree": (
            "GET /api/tracking/plans/{plan}/tree?node={north}",
            O,
            O,
            O,
        ),
        "GET /api/tracking/figures": ("GET /api/tracking/figures?plan={plan}", O, O, O),
        "GET /api/tracking/breakdown": (
            "GET /api/tracking/breakdown?plan={plan}&dim=region",
            O,
            O,
            O,
        ),
        "GET /api/tracking/series": ("GET /api/tracking/series?plan={plan}", O, O, O),
        "GET /api/tracking/leaderboard": ("GET /api/tracking/leaderboard?plan={plan}", O, O, O),
        "GET /api/tracking/gap": (
            "GET /api/tracking/gap?plan={plan}&gdim=product_category",
            O,
            O,
            O,
        ),
        "GET /api/tracking/news": ("GET /api/tracking/news", O, O, O),
        "GET /api/tracking/battle": ("GET /api/tracking/battle?node={north}", X, X, O),
        "GET /api/tracking/report": ("GET /api/tracking/report?node={north}", X, X, O),
        # assessment
        "GET /api/assessment/cycles": ("GET /api/assessment/cycles", O, O, O),
        "POST /api/assessment/cycles": (
            "POST /api/assessment/cycles",
            REFUSED,
            REFUSED,
            P,
            {
                "period": "FY2026-Q3",
                "root": "{north}",
                "roles": ["rep"],
                "self_review_by": "2026-10-01T09:00:00+08:00",
                "reviews_by": "2026-10-08T09:00:00+08:00",
                "proposal_by": "2026-10-15T09:00:00+08:00",
                "calibration_by": "2026-10-22T09:00:00+08:00",
                "feedback_by": "2026-10-29T09:00:00+08:00",
            },
        ),
        "GET /api/assessment/scorecards": ("GET /api/assessment/scorecards", O, O, O),
        "GET /api/assessment/scorecards/{pk}": (
            "GET /api/assessment/scorecards/{rep_card}",
            O,
            X,
            O,
        ),
        "POST /api/assessment/scorecards/{pk}/grade": (
            "POST /api/assessment/scorecards/{rep_card}/grade",
            X,
            X,
            P,
            {"grade": "A", "reason": "x"},
        ),
        "GET /api/assessment/scorecards/{pk}/invitations": (
            "GET /api/assessment/scorecards/{rep_card}/invitations",
            O,
            X,
            O,
        ),
        "POST /api/assessment/scorecards/{pk}/invitations": (
            "POST /api/assessment/scorecards/{rep_card}/invitations",
            P,
            X,
            P,
            {"customer": "{customer_bj}"},
        ),
        "POST /api/assessment/invitations/{pk}/revoke": (
            "POST /api/assessment/invitations/{rep_invitation}/revoke",
            P,
            X,
            P,
        ),
        "POST /api/assessment/invitations/{pk}/resend": (
            "POST /api/assessment/invitations/{rep_invitation}/resend",
            P,
            X,
            P,
            {},
        ),
        "GET /api/assessment/reviews/mine": ("GET /api/assessment/reviews/mine", O, O, O),
        "POST /api/assessment/reviews/{pk}/submit": (
            "POST /api/assessment/reviews/{rep_self_review}/submit",
            P,
            X,
            X,
            {"ratings": {}},
        ),
        "GET /api/assessment/grades": (
            "GET /api/assessment/grades?start=2026-04-01&end=2026-06-30",
            O,
            O,
            O,
        ),
        "GET /api/assessment/templates": ("GET /api/assessment/templates", X, X, O),
        "GET /api/assessment/templates/{pk}": (
            "GET /api/assessment/templates/{assess_template}",
            X,
            X,
            O,
        ),
        "POST /api/assessment/templates": ("POST /api/assessment/templates", X, X, P, TEMPLATE),
        "PUT /api/assessment/templates/{pk}": (
            "PUT /api/assessment/templates/{assess_template}",
            X,
            X,
            P,
            TEMPLATE,
        ),
        "POST /api/assessment/templates/{pk}/copy": (
            "POST /api/assessment/templates/{assess_template}/copy",
            X,
            X,
            O,
        ),
        "GET /api/assessment/people/{pk}/history": (
            "GET /api/assessment/people/{rep}/history",
            O,
            X,
            O,
        ),
    }
)

CASES: dict[str, Case] = {**PAGES, **API}
