"""The API of action plans: a rep's own plan, a manager's subtree's; finance reads them and
changes nothing; the weekly meeting's list is for leaders."""

from __future__ import annotations

from tests.scope.cases.answers import Case, O, P, X

ACTIVITIES_API: dict[str, Case] = {
    "GET /api/activities/plans": ("GET /api/activities/plans", O, O, O),
    "GET /api/activities/plans/meeting": ("GET /api/activities/plans/meeting", X, O, O),
    "GET /api/activities/plans/{target_id}": ("GET /api/activities/plans/{rep_target}", O, X, O),
    # the plan exists: starting it again answers it
    "POST /api/activities/plans/{target_id}": (
        "POST /api/activities/plans/{rep_target}",
        P,
        X,
        P,
    ),
    "POST /api/activities/plans/{target_id}/steps": (
        "POST /api/activities/plans/{rep_target}/steps",
        P,
        X,
        X,
        {"title": "带样品拜访", "due_on": "2026-06-20"},
    ),
    "GET /api/activities/leading": ("GET /api/activities/leading?node_id={north}", X, X, O),
    "PATCH /api/activities/steps/{step_id}": (
        "PATCH /api/activities/steps/{rep_step}",
        P,
        X,
        X,
        {"status": "doing"},
    ),
}
