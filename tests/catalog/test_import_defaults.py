"""A blank cell of a new customer or product stands for 未指定 / 未分类: a record the company
stores once. An import run in English finds the one an import in Chinese made, and makes no
"Unspecified" or "Uncategorised" beside it (and the other way round)."""

from __future__ import annotations

from django.utils import translation

from salestarget.catalog.models import Channel, ProductCategory
from tests.catalog.masterfiles import _media, csv_bytes, errors_of, master_import  # noqa: F401
from tests.personas import Company


def test_an_english_import_finds_the_channel_a_chinese_one_made(company: Company) -> None:
    first = master_import(csv_bytes("客户编码,客户名称", "K1,甲公司"), kind="customers")
    assert first.status == "done", errors_of(first)
    with translation.override("en"):
        second = master_import(csv_bytes("客户编码,客户名称", "K2,乙公司"), kind="customers")
    assert second.status == "done", errors_of(second)
    made = Channel.objects.filter(name__in=["未指定", "Unspecified"])
    assert list(made.values_list("name", flat=True)) == ["未指定"]
    assert set(made.get().customers.values_list("code", flat=True)) == {"K1", "K2"}


def test_a_chinese_import_finds_the_category_an_english_one_made(company: Company) -> None:
    with translation.override("en"):
        first = master_import(csv_bytes("Product Code,Product Name", "P9,Widget"), kind="products")
    assert first.status == "done", errors_of(first)
    second = master_import(csv_bytes("产品编码,产品名称", "P10,配件"), kind="products")
    assert second.status == "done", errors_of(second)
    made = ProductCategory.objects.filter(name__in=["未分类", "Uncategorised"])
    assert list(made.values_list("name", flat=True)) == ["Uncategorised"]
