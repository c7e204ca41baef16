"""The incentives API."""

from __future__ import annotations

from tests.scope.cases.answers import RATES_CSV, Case, O, P, X

INCENTIVES_API: dict[str, Case] = {
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
    "GET /api/incentives/lines/{line_id}/facts": (
        "GET /api/incentives/lines/{rep_line}/facts",
        O,
        X,
        O,
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
