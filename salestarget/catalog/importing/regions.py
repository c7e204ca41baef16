"""Regions: a tree of 大区 → 省 → 城市, parents by code or name anywhere in the file."""

from __future__ import annotations

from typing import Any

import polars as pl
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from salestarget.catalog.models import Region, RegionLevel
from salestarget.importing.kinds import TEXT, FieldSpec, KindSpec, WriteResult
from salestarget.importing.master import (
    CHOICE,
    CODE,
    MATCH_RULE,
    NAMES_RULE,
    REF,
    UPSERT_RULE,
    Choices,
    MasterImporter,
    Step,
    differs,
    message,
    model_frame,
    reason_if,
)
from salestarget.importing.master.tree import (
    tree_orphans,
    tree_parents,
    tree_store,
    with_parent,
    with_stored_nodes,
)
from salestarget.org.masterdata import require_master_data_editor

LEVELS = Choices(
    RegionLevel,
    {
        "区域": RegionLevel.AREA,
        "大区": RegionLevel.AREA,
        "片区": RegionLevel.AREA,
        "area": RegionLevel.AREA,
        "territory": RegionLevel.AREA,
        "省份": RegionLevel.PROVINCE,
        "省级": RegionLevel.PROVINCE,
        "直辖市": RegionLevel.PROVINCE,
        "自治区": RegionLevel.PROVINCE,
        "state": RegionLevel.PROVINCE,
        "市": RegionLevel.CITY,
        "地级市": RegionLevel.CITY,
        "市级": RegionLevel.CITY,
        "城市": RegionLevel.CITY,
    },
)
RANK = {level: i for i, level in enumerate(RegionLevel.values)}

FIELDS = (
    FieldSpec(
        "code",
        gettext_lazy("区域编码"),
        CODE,
        required=True,
        synonyms=(
            "区域编码",
            "地区编码",
            "区域代码",
            "地区代码",
            "行政区划代码",
            "编码",
            "代码",
            "region code",
            "region id",
            "code",
            "id",
        ),
        max_length=60,
    ),
    FieldSpec(
        "name",
        gettext_lazy("区域名称"),
        TEXT,
        required=True,
        synonyms=(
            "区域名称",
            "地区名称",
            "区域",
            "地区",
            "名称",
            "region name",
            "region",
            "name",
        ),
        max_length=255,
    ),
    FieldSpec(
        "level",
        gettext_lazy("层级"),
        CHOICE,
        synonyms=("层级", "级别", "区域级别", "区域层级", "类型", "level", "type", "region level"),
    ),
    FieldSpec(
        "parent",
        gettext_lazy("上级区域"),
        REF,
        synonyms=(
            "上级区域",
            "上级区域编码",
            "上级编码",
            "上级",
            "所属区域",
            "所属大区",
            "所属省份",
            "parent",
            "parent code",
            "parent region",
        ),
    ),
)

STORED = {
    "id": pl.Int64,
    "code": pl.String,
    "name": pl.String,
    "parent_id": pl.Int64,
    "level": pl.String,
    "is_active": pl.Boolean,
}


def _check(step: Step, df: pl.DataFrame) -> pl.DataFrame:
    stored = model_frame(Region.objects.all(), STORED)
    df = with_stored_nodes(df, stored)
    df = tree_parents(step, df, stored, what=_("区域"))
    by_depth = pl.col("depth").replace_strict(
        {0: RegionLevel.AREA, 1: RegionLevel.PROVINCE, 2: RegionLevel.CITY},
        default=None,
        return_dtype=pl.String,
    )
    df = df.with_columns(
        pl.coalesce(pl.col("v_name"), pl.col("db_name")).alias("name"),
        pl.coalesce(pl.col("v_level"), pl.col("db_level"), by_depth).alias("level"),
        pl.col("db_is_active").fill_null(True).alias("active"),
    )
    step.errors.add(
        df,
        "level",
        reason_if(
            pl.col("level").is_null() & pl.col("depth").is_not_null(),
            _("请填写层级（大区、省或城市）"),
        ),
    )
    df = with_parent(df, stored, {"level": "level", "is_active": "active", "name": "name"})
    labels = {value: str(label) for value, label in RegionLevel.choices}

    def label(c: str) -> pl.Expr:
        return pl.col(c).replace_strict(labels, default=None, return_dtype=pl.String)

    def rank(c: str) -> pl.Expr:
        return pl.col(c).replace_strict(RANK, default=None, return_dtype=pl.Int64)

    step.errors.add(
        df,
        "level" if step.mapped("level") else "parent",
        reason_if(
            pl.col("depth").is_not_null() & (rank("level") <= rank("parent_level")),
            message(
                _("%(level)s不能放在%(parent_level)s“%(parent)s”之下。"),
                level=label("level"),
                parent_level=label("parent_level"),
                parent=pl.col("parent_name"),
            ),
        ),
    )
    step.errors.add(
        df,
        "parent",
        reason_if(
            pl.col("parent_is_active").not_(),
            message(_("“%(name)s”已停用，不能选用。"), name=pl.col("parent_name")),
        ),
    )
    df = df.with_columns(
        differs(
            [("name", "db_name"), ("level", "db_level"), ("parent_code", "db_parent_code")]
        ).alias("_changed"),
        label("level").alias("level_shown"),
    )
    tree_orphans(step, df)
    return df


def _store(rows: pl.DataFrame) -> WriteResult:
    def build(r: dict[str, Any]) -> Region:
        return Region(code=r["v_code"], name=r["name"], level=r["level"])

    return tree_store(Region, rows, build, ["name", "level"], with_depth=False)


REGIONS = KindSpec(
    key="regions",
    label=gettext_lazy("区域"),
    api_path="regions/batch",
    model_name="Region",
    date_field="",
    fields=FIELDS,
    id_rule=UPSERT_RULE,
    notes=(
        gettext_lazy(
            "上级区域可以是同一文件中的任何一行（顺序不限），也可以是已有的区域；层级留空时按位置取大区、省、城市。"
        ),
        MATCH_RULE,
        NAMES_RULE,
    ),
    importer=MasterImporter(
        require=require_master_data_editor,
        list_url="catalog:region_list",
        named=Region,
        check=_check,
        store=_store,
        preview=(
            ("v_code", gettext_lazy("区域编码")),
            ("name", gettext_lazy("区域名称")),
            ("level_shown", gettext_lazy("层级")),
            ("parent_code", gettext_lazy("上级区域")),
        ),
        choices={"level": LEVELS},
        english={
            "code": "Region Code",
            "name": "Region Name",
            "level": "Level",
            "parent": "Parent",
        },
        example={"code": "R-N", "name": "华北", "level": "大区", "parent": ""},
    ),
)
