"""The API of targets, facts and tracking."""

from __future__ import annotations

from tests.scope.cases.answers import BATCH, REFUSED, Case, O, P, X

TARGETS_API: dict[str, Case] = {
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
    # activities are recorded by those who do them: reps their own, managers their subtree's
    "GET /api/actuals/activities": ("GET /api/actuals/activities", O, O, O),
    "POST /api/actuals/activities": ("POST /api/actuals/activities", P, P, P, BATCH),
    # work reports: one's own, a manager's subtree's
    "GET /api/activities/reports": ("GET /api/activities/reports?day=2026-06-01", O, O, O),
    "POST /api/activities/reports": (
        "POST /api/activities/reports",
        P,
        P,
        P,
        {"day": "2026-06-01", "summary": "拜访"},
    ),
    "POST /api/activities/reports/{report_id}/comments": (
        "POST /api/activities/reports/{rep_report}/comments",
        O,
        X,
        O,
        {"text": "很好"},
    ),
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
}
