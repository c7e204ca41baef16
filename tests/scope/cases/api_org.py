"""The API of the organisation and the master data."""

from __future__ import annotations

from tests.scope.cases.answers import BATCH, Case, O, P, X

ORG_API: dict[str, Case] = {
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


ORG_API.update(_catalog_writes())
