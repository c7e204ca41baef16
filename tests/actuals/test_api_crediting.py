"""An API batch of sales lines without a person chooses its crediting rule — the same rules as
the mapping page and ``salestarget import --credit`` — or gets the rule last chosen for its
source; with neither it is refused naming the choices."""

from __future__ import annotations

from django.test import Client

from salestarget.actuals.models import SalesLine
from salestarget.importing.kinds import kind_spec
from salestarget.importing.mapping import mapping_remember
from salestarget.importing.models import ImportBatch
from salestarget.org.auth import api_token_create
from tests.actuals.files import csv_bytes, run_import
from tests.actuals.test_api import post
from tests.personas import Company, account

LINES = [
    {"external_id": "W1", "sold_on": "2026-03-02", "customer": "CU-BJ", "product": "P-A",
     "region": "华北", "quantity": 1, "amount": 10},
    {"external_id": "W2", "sold_on": "2026-03-02", "customer": "CU-BJ", "product": "P-A",
     "region": "华东", "quantity": 1, "amount": 20},
]  # fmt: skip


def credited() -> list[tuple[str, str, str]]:
    return list(
        SalesLine.objects.order_by("external_id").values_list(
            "external_id", "person__employee_no", "node__code"
        )
    )


def test_a_batch_names_its_rule(client: Client, company: Company) -> None:
    token = api_token_create(user=account(company.finance), name="shop")
    status, body = post(client, token, "sales-lines", {"source": "shop", "records": LINES})
    assert status == 422
    assert "客户负责人" in body["message"]  # the choices are named
    credit = {"rule": "dimension", "by": "region", "map": {"华北": "王小明", "R-E": "EAST"}}
    status, body = post(
        client, token, "sales-lines", {"source": "shop", "records": LINES, "credit": credit}
    )
    assert status == 200, body
    assert credited() == [("W1", "REP", "BJ1"), ("W2", "MANAGER_EAST", "EAST")]
    batch = ImportBatch.objects.get(pk=body["batch_id"])
    assert batch.options["credit"] == "dimension"  # stated on the batch page


def test_the_owner_a_default_and_a_bad_rule(client: Client, company: Company) -> None:
    token = api_token_create(user=account(company.finance), name="shop")
    body = {"source": "shop", "records": LINES, "credit": {"rule": "owner"}}
    status, answer = post(client, token, "sales-lines", body)
    assert status == 200, answer
    assert {p for _e, p, _n in credited()} == {"REP"}  # CU-BJ's owner
    status, answer = post(
        client, token, "sales-lines", body | {"credit": {"rule": "default", "default": "NOBODY"}}
    )
    assert status == 422
    assert "NOBODY" in str(answer)
    status, answer = post(client, token, "sales-lines", body | {"credit": {"rule": "region"}})
    assert status == 422  # not one of the rules: the schema names them
    assert "owner" in str(answer)


def test_without_a_rule_the_sources_last_one_applies(client: Client, company: Company) -> None:
    header = "日期,订单号,客户编码,产品编码,数量,金额"
    batch = run_import(
        csv_bytes("2026-03-01,F1,CU-BJ,P-A,1,5", header=header),
        source="shop",
        options={"credit": "default", "credit_default": "REP_OTHER"},
    )
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview
    mapping_remember(
        kind=kind_spec("sales"), source="shop", mapping=batch.mapping, options=batch.options
    )
    token = api_token_create(user=account(company.finance), name="shop")
    status, body = post(client, token, "sales-lines", {"source": "shop", "records": LINES})
    assert status == 200, body
    assert {p for e, p, _n in credited() if e.startswith("W")} == {"REP_OTHER"}
