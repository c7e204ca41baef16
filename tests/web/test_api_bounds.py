"""Odd numbers in any API parameter: every integer path or query parameter of every operation,
sent a number no column can hold (2⁶³) or below its range, is answered 4xx naming it — never a
500. Every list caps its page size: ``limit`` above 1000 is a 422 naming ``limit``."""

from __future__ import annotations

import pytest
from django.test import Client

from salestarget.api import api
from salestarget.ui.params import DB_MAX, MAX_LIMIT
from tests.personas import Company

HUGE = str(DB_MAX + 1)  # 9223372036854775808


def integer_parameters() -> list[tuple[str, str, str, str]]:
    """(method, path, parameter, where) for every integer parameter in the OpenAPI schema."""
    found = []
    for path, operations in api.get_openapi_schema()["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                kinds = {schema.get("type")} | {a.get("type") for a in schema.get("anyOf", [])}
                if "integer" in kinds:
                    found.append((method, path, parameter["name"], parameter["in"]))
    return found


PARAMETERS = integer_parameters()


def test_the_schema_lists_the_parameters_this_test_walks() -> None:
    names = {(path, name) for _m, path, name, _w in PARAMETERS}
    assert ("/api/catalog/calendar-days", "year") in names
    assert ("/api/actuals/sales-lines", "offset") in names
    assert ("/api/org/people/{person_id}", "person_id") in names


@pytest.mark.parametrize(("method", "path", "name", "where"), PARAMETERS)
def test_a_number_out_of_range_is_a_422_naming_the_parameter(
    client: Client,
    db: None,
    company_shared: Company,
    login,
    method: str,
    path: str,
    name: str,
    where: str,
) -> None:
    login(company_shared.admin)
    url = path
    for other in ("{" + p + "}" for p in _path_names(path)):
        url = url.replace(other, HUGE if other == "{" + name + "}" else "1")
    query = {name: HUGE} if where == "query" else {}
    if path == "/api/catalog/calendar-days" and name != "year":
        query["year"] = "2026"
    response = (
        getattr(client, method)(url, query, content_type="application/json")
        if method != "get"
        else client.get(url, query)
    )
    assert response.status_code == 422, (
        f"{method.upper()} {path}: {name}={HUGE} answered {response.status_code}; annotate the "
        "parameter with salestarget.ui.params.Id (or Year, Count) so it is bounded"
    )
    assert name in response.content.decode()


def _path_names(path: str) -> list[str]:
    return [part[1:-1] for part in path.split("/") if part.startswith("{")]


@pytest.mark.parametrize("year", ["0", "10000", "-1", "abc"])
def test_calendar_days_of_an_impossible_year(
    client, db: None, company_shared: Company, login, year: str
) -> None:
    response = login(company_shared.admin).get("/api/catalog/calendar-days", {"year": year})
    assert response.status_code == 422
    assert "year" in response.content.decode()


def test_every_list_caps_its_page_size(client, db: None, company_shared: Company, login) -> None:
    login(company_shared.admin)
    lists = {
        path
        for method, path, name, _w in PARAMETERS
        if name == "limit" and method == "get" and "{" not in path
    }
    assert "/api/actuals/sales-lines" in lists
    for path in lists:
        too_many = client.get(path, {"limit": MAX_LIMIT + 1})
        assert too_many.status_code == 422, path
        assert "limit" in too_many.content.decode()
        assert client.get(path, {"limit": MAX_LIMIT}).status_code == 200, path


def test_a_body_number_no_column_holds_is_a_422_naming_the_field(rf) -> None:
    """The last line of defence (a service that hands a body id straight to the database):
    an OverflowError or DataError becomes a 422 naming the field."""
    from salestarget.api import number_out_of_range

    request = rf.post(
        "/api/x",
        {"records": [{"customer_id": DB_MAX + 1, "ok": 5}], "flag": True},
        content_type="application/json",
    )
    response = number_out_of_range(request, OverflowError("Python int too large"))
    assert response.status_code == 422
    assert '"records.0.customer_id"' in response.content.decode()
    assert "ok" not in response.content.decode()
