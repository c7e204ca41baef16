"""The assessment API."""

from __future__ import annotations

from tests.scope.cases.answers import REFUSED, TEMPLATE, Case, O, P, X

ASSESSMENT_API: dict[str, Case] = {
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
    "GET /api/assessment/cycles/{pk}/review-progress": (
        "GET /api/assessment/cycles/{assess_cycle}/review-progress",
        X,
        X,
        O,
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
