"""Every parameter of every operation says what it is in /api/openapi.json: an integrator
reads the schema, not our code. (``/api/tracking/figures`` once documented none of its
parameters: it read the query string itself.)"""

from __future__ import annotations

from typing import Any

from django.test import Client


def undocumented(schema: dict[str, Any]) -> list[str]:
    found = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                if not str(parameter.get("description", "")).strip():
                    found.append(f"{method.upper()} {path} {parameter['in']}:{parameter['name']}")
    return found


def test_every_parameter_of_every_operation_is_described(db: None, client: Client) -> None:
    schema = client.get("/api/openapi.json").json()
    assert len(schema["paths"]) > 100
    assert undocumented(schema) == []


def test_the_figures_operation_documents_the_dashboards_parameters(
    db: None, client: Client
) -> None:
    schema = client.get("/api/openapi.json").json()
    parameters = schema["paths"]["/api/tracking/figures"]["get"]["parameters"]
    assert {p["name"] for p in parameters} >= {"plan", "metric", "period", "subject", "at"}
