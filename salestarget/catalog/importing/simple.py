"""Customer types and channels: a code and a name each."""

from __future__ import annotations

from typing import Any

import polars as pl
from django.db import models
from django.utils.translation import gettext_lazy as _

from salestarget.catalog.models import Channel, CustomerType
from salestarget.importing.kinds import TEXT, FieldSpec, KindSpec, WriteResult
from salestarget.importing.master import (
    CODE,
    UPSERT_RULE,
    MasterImporter,
    Step,
    differs,
    upsert,
    with_stored,
)
from salestarget.org.masterdata import require_master_data_editor

CODE_SYNONYMS = ("编码", "代码", "编号", "code", "id", "key")
NAME_SYNONYMS = ("名称", "name", "description", "描述")


def coded_fields(code: tuple[str, ...], name: tuple[str, ...]) -> tuple[FieldSpec, FieldSpec]:
    return (
        FieldSpec(
            "code", _("编码"), CODE, required=True, synonyms=(*code, *CODE_SYNONYMS), max_length=60
        ),
        FieldSpec(
            "name", _("名称"), TEXT, required=True, synonyms=(*name, *NAME_SYNONYMS), max_length=255
        ),
    )


def coded_importer(
    model: type[models.Model], list_url: str, example: dict[str, str]
) -> MasterImporter:
    def check(step: Step, df: pl.DataFrame) -> pl.DataFrame:
        df = with_stored(step, df, model, {"name": pl.String})
        return df.with_columns(differs([("v_name", "db_name")]).alias("_changed"))

    def store(rows: pl.DataFrame) -> WriteResult:
        def build(r: dict[str, Any]) -> models.Model:
            return model(code=r["v_code"], name=r["v_name"])

        return upsert(model, rows, build, ["name"])[0]

    return MasterImporter(
        require=require_master_data_editor,
        list_url=list_url,
        named=model,
        check=check,
        store=store,
        preview=(("v_code", _("编码")), ("v_name", _("名称"))),
        english={"code": "Code", "name": "Name"},
        example=example,
    )


CUSTOMER_TYPES = KindSpec(
    key="customer-types",
    label=_("客户类型"),
    api_path="customer-types/batch",
    model_name="CustomerType",
    date_field="",
    fields=coded_fields(
        ("客户类型编码", "类型编码", "type code", "segment code"),
        (
            "客户类型",
            "客户类型名称",
            "类型名称",
            "类型",
            "客户分类",
            "segment",
            "customer type",
            "type",
        ),
    ),
    id_rule=UPSERT_RULE,
    importer=coded_importer(
        CustomerType, "catalog:customertype_list", {"code": "KA", "name": "大客户"}
    ),
)

CHANNELS = KindSpec(
    key="channels",
    label=_("渠道"),
    api_path="channels/batch",
    model_name="Channel",
    date_field="",
    fields=coded_fields(
        ("渠道编码", "渠道代码", "channel code", "channel id"),
        ("渠道", "渠道名称", "销售渠道", "channel", "channel name", "sales channel"),
    ),
    id_rule=UPSERT_RULE,
    importer=coded_importer(Channel, "catalog:channel_list", {"code": "DIST", "name": "经销商"}),
)
