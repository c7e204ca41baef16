"""Text fields hold what ERPs and CRMs write (names and descriptions up to 255 characters), and
every limit that remains is the model's: the import refuses a longer cell before any row is
written, naming the row, the column and the limit."""

from __future__ import annotations

from django.apps import apps
from django.db import models

from salestarget.catalog.models import Product
from salestarget.importing.kinds import TEXT, kind_spec, kinds_registered
from salestarget.importing.master import CODE, EMAIL
from salestarget.importing.models import ImportBatch
from tests.actuals.files import csv_bytes, run_import
from tests.personas import Company

TEXTUAL = (TEXT, CODE, EMAIL)


def _model(name: str) -> type[models.Model]:
    [model] = [m for m in apps.get_models() if m.__name__ == name]
    return model


def test_every_text_field_of_every_kind_is_limited_exactly_as_its_column() -> None:
    checked = 0
    for kind in [*kinds_registered(facts=True).values(), *kinds_registered(facts=False).values()]:
        columns = {f.name: f for f in _model(kind.model_name)._meta.get_fields()}
        for spec in kind.fields:
            column = columns.get(spec.name)
            if spec.type in TEXTUAL and isinstance(column, models.CharField):
                assert spec.max_length == column.max_length, (kind.key, spec.name)
                checked += 1
    assert checked >= 15


def test_names_and_descriptions_hold_255_characters() -> None:
    assert Product._meta.get_field("name").max_length == 255  # type: ignore[union-attr]
    for kind in ("products", "customers", "regions", "channels", "customer-types", "org-nodes"):
        assert kind_spec(kind).field("name").max_length >= 255, kind
    assert kind_spec("people").field("name").max_length >= 255
    assert kind_spec("opportunity").field("name").max_length >= 255
    assert kind_spec("expense").field("category").max_length >= 255


def test_products_named_as_erps_name_them_import(company: Company) -> None:
    long_names = ["A" * 109, "产" * 127, "B" * 255]
    data = csv_bytes(
        *(f"P-L{i},{name}" for i, name in enumerate(long_names)), header="产品编码,产品名称"
    )
    batch = run_import(data, kind="products", name="products.csv")
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview
    stored = Product.objects.filter(code__startswith="P-L").order_by("code")
    assert [p.name for p in stored] == long_names


def test_a_name_beyond_the_limit_is_refused_naming_row_column_and_limit(
    company: Company,
) -> None:
    data = csv_bytes("P-OK,短名", f"P-TOO,{'C' * 256}", header="产品编码,产品名称")
    batch = run_import(data, kind="products", name="products.csv")
    assert batch.status == ImportBatch.Status.REJECTED
    [error] = batch.errors_preview
    assert (error["row"], error["column"]) == (3, "产品名称")
    assert error["reason"] == "太长：256 个字符，最多 255 个"
    assert not Product.objects.filter(code__in=["P-OK", "P-TOO"]).exists()


def test_a_long_order_number_is_refused_before_anything_is_written(company: Company) -> None:
    line = f"2026-03-02,{'9' * 101},1,CU-BJ,P-A,REP,1,100,60"
    batch = run_import(csv_bytes("2026-03-02,SO1,1,CU-BJ,P-A,REP,1,100,60", line))
    assert batch.status == ImportBatch.Status.REJECTED
    [error] = batch.errors_preview
    assert (error["row"], error["column"]) == (3, "订单号")
    assert "最多 100 个" in error["reason"]
