"""The error answers every API operation can give, written into the OpenAPI schema once.

The API layer answers the same way everywhere, so the schema says so for every operation
instead of each router repeating it:

- 400: a body that is not JSON at all (django-ninja's parse error);
- 401: no valid session or bearer token;
- 403: the caller's role may not do this (``PermissionDenied`` from the scope or a service);
- 404: the thing does not exist or is outside the caller's scope (the API does not tell the
  two apart), also for a plan or period named in the query;
- 413: a body over the size limit (``SALESTARGET_API_BODY_MAX_MB``);
- 422: input that fails the request schema (``{"detail": [{"loc", "msg", "type"}]}``) or the
  service's checks (``{"detail": "invalid", "errors": {field: [message]}}``).

What an operation declares itself (a 409 version conflict, a 422 batch result) is kept; for
422 the two generic shapes join it as alternatives.
"""

from __future__ import annotations

from typing import Any

ERROR = "ErrorAnswer"
INVALID = "InvalidAnswer"
REQUEST_ERRORS = "RequestErrorsAnswer"

COMPONENTS: dict[str, dict[str, Any]] = {
    ERROR: {
        "type": "object",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    },
    INVALID: {
        "type": "object",
        "properties": {
            "detail": {"type": "string"},
            "errors": {
                "type": "object",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
            },
        },
        "required": ["detail", "errors"],
    },
    REQUEST_ERRORS: {
        "type": "object",
        "properties": {
            "detail": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "loc": {"type": "array", "items": {"type": ["string", "integer"]}},
                        "msg": {"type": "string"},
                        "type": {"type": "string"},
                    },
                    "required": ["loc", "msg", "type"],
                },
            }
        },
        "required": ["detail"],
    },
}

DESCRIPTIONS = {
    "400": "The body is not JSON",
    "401": "No valid session or bearer token",
    "403": "Your role may not do this",
    "404": "Not found, or outside your scope",
    "413": "The body is over the size limit: send smaller batches",
    "422": "The input is invalid; the answer names each field and what is wrong with it",
}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _answer(code: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": DESCRIPTIONS[code], "content": {"application/json": {"schema": schema}}}


def _takes_input(operation: dict[str, Any]) -> bool:
    return bool(operation.get("parameters") or operation.get("requestBody"))


def error_answers_document(schema: dict[str, Any]) -> dict[str, Any]:
    """Add the shared error answers to every operation of ``schema`` (in place) and return it."""
    schema.setdefault("components", {}).setdefault("schemas", {}).update(COMPONENTS)
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            # django-ninja keys the declared answers by int; JSON (and this) by string.
            answers = {str(code): a for code, a in operation.get("responses", {}).items()}
            operation["responses"] = answers
            if operation.get("security"):
                answers.setdefault("401", _answer("401", _ref(ERROR)))
                answers.setdefault("403", _answer("403", _ref(ERROR)))
            answers.setdefault("404", _answer("404", _ref(ERROR)))
            if operation.get("requestBody"):
                answers.setdefault("400", _answer("400", _ref(ERROR)))
                answers.setdefault("413", _answer("413", _ref(ERROR)))
            if _takes_input(operation):
                shapes = [_ref(REQUEST_ERRORS), _ref(INVALID)]
                declared = answers.get("422", {}).get("content", {}).get("application/json")
                if declared and "schema" in declared:
                    shapes.insert(0, declared["schema"])
                answers["422"] = _answer("422", {"anyOf": shapes})
    return schema
