"""The integrations API: one's own message preferences and log (nobody else's to reach)."""

from __future__ import annotations

from tests.scope.cases.answers import Case, O, P

INTEGRATIONS_API: dict[str, Case] = {
    "GET /api/integrations/messages/preferences": (
        "GET /api/integrations/messages/preferences",
        O,
        O,
        O,
    ),
    "PUT /api/integrations/messages/preferences": (
        "PUT /api/integrations/messages/preferences",
        P,
        P,
        P,
        {"quiet_start": "22:00", "quiet_end": "08:00", "choices": []},
    ),
    "GET /api/integrations/messages/log": ("GET /api/integrations/messages/log", O, O, O),
}
