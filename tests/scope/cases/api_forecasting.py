"""The forecasting API."""

from __future__ import annotations

from tests.scope.cases.answers import MONTH, REFUSED, Case, O, P, X

FORECASTING_API: dict[str, Case] = {
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
    "POST /api/forecasting/opportunities/{opportunity_id}/category": (
        "POST /api/forecasting/opportunities/{opportunity}/category",
        O,
        X,
        X,
        {"category": "commit"},
    ),
    "GET /api/forecasting/customers": ("GET /api/forecasting/customers?node={north}", X, X, O),
    "GET /api/forecasting/customers/value": (
        "GET /api/forecasting/customers/value?node={north}",
        X,
        X,
        O,
    ),
    "GET /api/forecasting/customers/conversion": (
        "GET /api/forecasting/customers/conversion?node={north}&stage=commit",
        X,
        X,
        O,
    ),
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
