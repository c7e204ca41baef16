"""The decomposition API: the spec's example planned, decomposed and approved over the API."""

from __future__ import annotations

from decimal import Decimal

from tests.targets.conftest import post


def test_the_spec_example_through_the_api(company, login, product_c) -> None:
    client = login(company.director)
    created = post(
        client,
        "/api/targets/plans",
        {
            "name": "2026 销售额",
            "metric": "revenue",
            "period": "FY2026",
            "scope_node_id": company.root.pk,
            "owner_id": company.director.pk,
            "value": "10000000",
        },
    )
    assert created.status_code == 201, created.content
    root_id = created.json()["root_target_id"]
    weights = {
        f"product:{company.product_a.pk}": "3",
        f"product:{company.product_b.pk}": "5",
        f"product:{product_c.pk}": "2",
    }
    preview = post(
        client,
        f"/api/targets/targets/{root_id}/decompose/preview",
        {"axes": ["product"], "method": "weights", "weights": weights},
    ).json()
    assert [(r["label"], r["value"]) for r in preview["rows"]] == [
        ("产品A", "3000000.00"),
        ("产品B", "5000000.00"),
        ("产品C", "2000000.00"),
    ]
    saved = post(
        client,
        f"/api/targets/targets/{root_id}/decompose",
        {"axes": ["product"], "method": "weights", "weights": weights, "version": 1},
    )
    assert saved.status_code == 201
    assert saved.json()["created"] == 3
    targets = client.get(f"/api/targets/plans/{created.json()['id']}/targets").json()
    assert sorted(Decimal(t["value"]) for t in targets if t["parent_id"]) == [
        Decimal(2000000),
        Decimal(3000000),
        Decimal(5000000),
    ]


def test_weights_keyed_by_name_are_refused_naming_the_keys_expected(company, login) -> None:
    client = login(company.director)
    created = post(
        client,
        "/api/targets/plans",
        {
            "name": "2026",
            "metric": "revenue",
            "period": "FY2026",
            "scope_node_id": company.root.pk,
            "value": "1000",
        },
    )
    root_id = created.json()["root_target_id"]
    refused = post(
        client,
        f"/api/targets/targets/{root_id}/decompose/preview",
        {"axes": ["product"], "method": "weights", "weights": {"产品A": "1", "产品B": "1"}},
    )
    assert refused.status_code == 422
    message = refused.json()["errors"]["weights"][0]
    for product in (company.product_a, company.product_b):
        assert f"product:{product.pk}（{product.name}）" in message
    assert "产品A、产品B" in message  # the keys sent that name no child
    wrong_axis = post(
        client,
        f"/api/targets/targets/{root_id}/decompose/preview",
        {"axes": ["city"], "method": "equal"},
    )
    assert wrong_axis.status_code == 422
    assert "“city”" in wrong_axis.json()["errors"]["axes"][0]
    assert "product" in wrong_axis.json()["errors"]["axes"][0]
