"""The product tree (category → line → product): everyone reads it, admin and finance keep it."""

from __future__ import annotations

from django.urls import reverse

from salestarget.catalog.models import Product, ProductCategory, ProductLine
from tests.personas import Company
from tests.web.querycount import queries_of


def tree(resp) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    return [
        (c.name, [(line.name, [p.name for p in line.products_shown]) for line in c.lines_shown])
        for c in resp.context["categories"]
    ]


def test_a_rep_reads_the_product_tree(login, company: Company) -> None:
    client = login(company.rep)
    resp = client.get(reverse("catalog:product_list"))
    assert tree(resp) == [("办公设备", [("打印机", ["产品A", "产品B"])])]
    assert "新建产品" not in resp.content.decode()
    assert client.get(reverse("catalog:product_create")).status_code == 403


def test_searching_keeps_only_matching_products_and_their_ancestors(
    login, company: Company
) -> None:
    other = ProductCategory.objects.create(code="C2", name="耗材")
    ProductLine.objects.create(code="L2", name="墨盒", category=other)
    client = login(company.rep)
    resp = client.get(reverse("catalog:product_list"), {"q": "P-B"}, headers={"HX-Request": "true"})
    assert tree(resp) == [("办公设备", [("打印机", ["产品B"])])]


def test_the_tree_costs_the_same_queries_whatever_its_size(login, company: Company) -> None:
    client = login(company.rep)
    before = queries_of(client, reverse("catalog:product_list"))
    category = ProductCategory.objects.create(code="C2", name="耗材")
    for i in range(5):
        line = ProductLine.objects.create(code=f"L2{i}", name=f"线{i}", category=category)
        Product.objects.bulk_create(
            Product(code=f"X{i}-{j}", name=f"产品{i}-{j}", line=line) for j in range(10)
        )
    assert queries_of(client, reverse("catalog:product_list")) == before


def test_finance_builds_a_category_line_and_product(login, company: Company) -> None:
    client = login(company.finance)
    client.post(reverse("catalog:category_create"), {"code": "C9", "name": "软件", "sort_order": 0})
    category = ProductCategory.objects.get(code="C9")
    client.post(
        reverse("catalog:line_create"),
        {"category": category.pk, "code": "L9", "name": "办公软件", "sort_order": 0},
    )
    line = ProductLine.objects.get(code="L9")
    resp = client.post(
        reverse("catalog:product_create"),
        {
            "line": line.pk,
            "code": "P9",
            "name": "文档套件",
            "sort_order": 0,
            "unit": "套",
            "list_price": "1999.50",
            "standard_cost": "300.1234",
        },
    )
    assert resp.status_code == 302
    product = Product.objects.get(code="P9")
    assert product.line == line
    assert str(product.standard_cost) == "300.1234"


def test_bad_products_are_refused(login, company: Company) -> None:
    client = login(company.finance)
    data = {
        "line": company.product_a.line.pk,
        "code": "P-A",
        "name": "产品B",
        "sort_order": 0,
        "unit": "件",
        "list_price": "-1",
        "standard_cost": "0.00001",
    }
    resp = client.post(reverse("catalog:product_edit", args=[company.product_b.pk]), data)
    errors = resp.context["form"].errors
    assert errors["standard_cost"]  # more than four decimal places
    resp = client.post(
        reverse("catalog:product_edit", args=[company.product_b.pk]),
        {**data, "standard_cost": "0"},
    )
    errors = resp.context["form"].errors
    assert errors["code"] == ["编码“P-A”已被使用。"]
    assert errors["list_price"] == ["不能为负数。"]
    assert Product.objects.get(pk=company.product_b.pk).code == "P-B"


def test_an_inactive_line_is_not_offered_for_new_products(login, company: Company) -> None:
    line = company.product_a.line
    line.is_active = False
    line.save()
    client = login(company.finance)
    form = client.get(reverse("catalog:product_create")).context["form"]
    assert line not in form.fields["line"].queryset


def test_a_category_with_active_lines_cannot_be_deactivated(login, company: Company) -> None:
    client = login(company.finance)
    category = company.product_a.line.category
    resp = client.post(reverse("catalog:category_deactivate", args=[category.pk]), follow=True)
    assert "该产品大类下还有启用的产品线，请先停用它们。" in resp.content.decode()
    assert ProductCategory.objects.get(pk=category.pk).is_active


def test_deactivating_a_product_hides_it_from_the_active_tree(login, company: Company) -> None:
    client = login(company.finance)
    client.post(reverse("catalog:product_deactivate", args=[company.product_b.pk]))
    assert not Product.objects.get(pk=company.product_b.pk).is_active
    assert tree(client.get(reverse("catalog:product_list"))) == [
        ("办公设备", [("打印机", ["产品A"])])
    ]
    client.post(reverse("catalog:product_activate", args=[company.product_b.pk]))
    assert Product.objects.get(pk=company.product_b.pk).is_active


def test_a_manager_cannot_change_products(login, company: Company) -> None:
    client = login(company.manager_north)
    resp = client.post(reverse("catalog:product_deactivate", args=[company.product_b.pk]))
    assert resp.status_code == 403
    assert Product.objects.get(pk=company.product_b.pk).is_active
