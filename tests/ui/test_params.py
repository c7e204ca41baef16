"""Whole numbers in page addresses: out of range or not numbers, a page answers 400 naming the
parameter (never a 500 from a database that cannot hold the number)."""

from __future__ import annotations

import pytest

from salestarget.ui.params import DB_MAX, ParameterError, int_param
from tests.personas import Company

HUGE = "99999999999999999999"


def test_int_param_reads_bounds_and_names_the_parameter(rf) -> None:
    assert int_param(rf.get("/", {"page": "3"}), "page") == 3
    assert int_param(rf.get("/"), "page", default=1) == 1
    assert int_param(rf.get("/", {"page": str(DB_MAX)}), "page") == DB_MAX
    for raw in (HUGE, "0", "-2", "x1", "1.5"):
        with pytest.raises(ParameterError) as refused:
            int_param(rf.get("/", {"page": raw}), "page")
        assert "page" in str(refused.value)


@pytest.mark.parametrize(
    "url",
    [
        f"/actuals/?page={HUGE}",
        f"/actuals/?person={HUGE}",
        f"/actuals/?batch={HUGE}",
        "/actuals/?page=-1",
        f"/org/people/?node={HUGE}",
        f"/org/nodes/new/?parent={HUGE}",
        f"/catalog/customers/?owner={HUGE}",
        "/catalog/calendar/?year=0",
        f"/tracking/leaderboard/?node={HUGE}",
    ],
)
def test_a_page_refuses_a_number_out_of_range_naming_it(login, company: Company, url: str) -> None:
    response = login(company.admin).get(url)
    assert response.status_code == 400, url
    name = url.split("?")[1].split("=")[0]
    assert f"“{name}”" in response.content.decode()


def test_a_dashboard_subject_beyond_any_id_is_not_found(login, company: Company) -> None:
    response = login(company.admin).get(f"/tracking/?subject=p{HUGE}")
    assert response.status_code == 404
