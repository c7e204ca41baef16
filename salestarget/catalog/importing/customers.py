"""Customers: type, region and channel by code or name (made from the file's names when the
user asks for it), the owner by employee number or name, the first purchase date."""

from __future__ import annotations

from typing import Any

import polars as pl
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from salestarget.catalog.importing.defaults import default_stored
from salestarget.catalog.models import (
    Channel,
    Customer,
    CustomerType,
    MasterData,
    Region,
    RegionLevel,
)
from salestarget.importing.kinds import TEXT, FieldSpec, KindSpec, WriteResult
from salestarget.importing.mapping import fold
from salestarget.importing.master import (
    BATCH,
    CODE,
    MATCH_RULE,
    NAMES_RULE,
    REF,
    UPSERT_RULE,
    MasterImporter,
    Step,
    differs,
    match,
    message,
    model_frame,
    new_codes,
    reason_if,
    required_message,
    upsert,
    with_stored,
)
from salestarget.org.masterdata import require_master_data_editor
from salestarget.org.models import Person

# What a new customer's empty type, region or channel is: a record of that name (made when
# missing), so a customer file without a channel column still imports.
UNSPECIFIED = gettext_lazy("未指定")
CITY_HEADERS = ("城市", "市", "所在城市", "city", "billing city", "shipping city", "mailing city")
PROVINCE_HEADERS = (
    "省份",
    "省",
    "所在省份",
    "province",
    "state",
    "billing state",
    "billing state/province",
)

FIELDS = (
    FieldSpec(
        "code",
        gettext_lazy("客户编码"),
        CODE,
        required=True,
        synonyms=(
            "客户编码",
            "客户代码",
            "客户编号",
            "客户号",
            "客户id",
            "编码",
            "代码",
            "customer id",
            "customer code",
            "customer no",
            "customer number",
            "account number",
            "account id",
            "account no",
            "account code",
            "client id",
            "client code",
            "code",
            "id",
        ),
        max_length=60,
    ),
    FieldSpec(
        "name",
        gettext_lazy("客户名称"),
        TEXT,
        required=True,
        synonyms=(
            "客户名称",
            "客户名",
            "客户全称",
            "客户",
            "公司名称",
            "单位名称",
            "名称",
            "customer name",
            "account name",
            "client name",
            "company name",
            "customer",
            "account",
            "company",
            "name",
        ),
        max_length=255,
    ),
    FieldSpec(
        "customer_type",
        gettext_lazy("客户类型"),
        REF,
        synonyms=(
            "客户类型",
            "客户分类",
            "客户类别",
            "客户级别",
            "类型",
            "segment",
            "customer type",
            "customer segment",
            "account type",
            "type",
            "tier",
        ),
        default=UNSPECIFIED,
    ),
    FieldSpec(
        "region",
        gettext_lazy("区域"),
        REF,
        synonyms=(
            "区域",
            "所属区域",
            "地区",
            "所属地区",
            "销售区域",
            "大区",
            "省份",
            "省",
            "城市",
            "市",
            "region",
            "territory",
            "sales region",
            "area",
            "province",
            "state",
            "city",
            "billing city",
            "billing state",
            "billing state/province",
            "shipping city",
        ),
        default=UNSPECIFIED,
    ),
    FieldSpec(
        "channel",
        gettext_lazy("渠道"),
        REF,
        synonyms=("渠道", "销售渠道", "渠道类型", "channel", "sales channel", "lead source"),
        default=UNSPECIFIED,
    ),
    FieldSpec(
        "owner",
        gettext_lazy("负责人"),
        REF,
        synonyms=(
            "负责人",
            "业务员",
            "销售员",
            "销售代表",
            "客户经理",
            "负责人工号",
            "业务员工号",
            "所属销售",
            "销售",
            "owner",
            "account owner",
            "sales rep",
            "salesperson",
            "sales person",
            "account manager",
            "owner name",
        ),
    ),
)
# No first purchase date: it is derived from the sales lines (Customer.first_purchase_on), so a
# file's 首次购买日期 column is left unmapped like any other column the import does not use.

STORED = {
    "name": pl.String,
    "customer_type_id": pl.Int64,
    "region_id": pl.Int64,
    "channel_id": pl.Int64,
    "owner_id": pl.Int64,
}
CODED = {"id": pl.Int64, "code": pl.String, "name": pl.String, "is_active": pl.Boolean}
REFERENCES: dict[str, tuple[type[MasterData], Any]] = {
    "customer_type": (CustomerType, gettext_lazy("客户类型")),
    "region": (Region, gettext_lazy("区域")),
    "channel": (Channel, gettext_lazy("渠道")),
}
CREATE_MISSING = gettext_lazy("创建文件中缺少的客户类型、区域和渠道（按名称新建）")


def _check(step: Step, df: pl.DataFrame) -> pl.DataFrame:
    df = with_stored(step, df, Customer, STORED)
    new = pl.col("_id").is_null()
    scope = step.scope
    visible = None if scope.everything else list(scope.people().values_list("pk", flat=True))
    if visible is not None:
        step.errors.add(
            df,
            "code",
            reason_if(
                ~new & ~pl.col("db_owner_id").is_in(visible).fill_null(False),
                _("该客户不在你的权限范围内。"),
            ),
        )
    for field, (model, what) in REFERENCES.items():
        lookup = model_frame(model._default_manager.all(), CODED)
        default = default_stored(step.kind.field(field).default, lookup)
        cell = pl.col(f"v_{field}")
        cell = pl.when(cell.is_null() & new).then(pl.lit(default)).otherwise(cell)
        df = df.with_columns(cell.alias(f"{field}_cell"))
        # The default is made when missing; other names only when the user asks for it.
        create = pl.lit(step.create_missing) | (pl.col(f"{field}_cell") == default)
        df = match(df, f"{field}_cell", lookup, what=str(what), out=field, create=create)
        df = df.join(
            lookup.select(
                pl.col("id").alias(f"{field}_id"),
                pl.col("name").alias(f"_{field}_name"),
                pl.col("is_active").alias(f"_{field}_active"),
            ),
            on=f"{field}_id",
            how="left",
            maintain_order="left",
        )
        hint = (
            _("；可勾选“创建文件中缺少的客户类型、区域和渠道”") if not step.create_missing else ""
        )
        step.errors.add(
            df,
            field,
            pl.when(new & pl.col(f"{field}_cell").is_null())
            .then(pl.lit(required_message()))
            .when(pl.col(f"{field}_reason").is_not_null())
            .then(pl.format("{}{}", pl.col(f"{field}_reason"), pl.lit(hint)))
            .when(pl.col(f"_{field}_active").not_())
            .then(message(_("“%(name)s”已停用，不能选用。"), name=pl.col(f"_{field}_name")))
            .otherwise(None),
        )
        df = df.with_columns(
            pl.coalesce(pl.col(f"{field}_id"), pl.col(f"db_{field}_id")).alias(f"{field}_id"),
            pl.when(pl.col(f"{field}_new"))
            .then(pl.format("{}{}", pl.col(f"{field}_cell"), pl.lit(_("（新建）"))))
            .otherwise(pl.col(f"_{field}_name"))
            .alias(f"{field}_shown"),
        )
    df = _owners(step, df, visible)
    df = df.with_columns(pl.lit(_region_level(step)).alias("region_level"))
    return df.with_columns(
        (
            differs(
                [
                    ("v_name", "db_name"),
                    ("customer_type_id", "db_customer_type_id"),
                    ("region_id", "db_region_id"),
                    ("channel_id", "db_channel_id"),
                    ("owner_id", "db_owner_id"),
                ]
            )
            | (~new & (pl.col("customer_type_new") | pl.col("region_new") | pl.col("channel_new")))
        ).alias("_changed")
    )


def _owners(step: Step, df: pl.DataFrame, visible: list[int] | None) -> pl.DataFrame:
    people = model_frame(
        Person.objects.all(),
        {"id": pl.Int64, "code": pl.String, "name": pl.String, "is_active": pl.Boolean},
        {"code": "employee_no"},
    )
    df = match(df, "v_owner", people, what=_("人员"), out="owner")
    df = df.join(
        people.select(
            pl.col("id").alias("owner_id"),
            pl.col("name").alias("owner_shown"),
            pl.col("is_active").alias("_owner_active"),
        ),
        on="owner_id",
        how="left",
        maintain_order="left",
    )
    outside = pl.lit(False)
    if visible is not None:
        outside = pl.col("owner_id").is_not_null() & ~pl.col("owner_id").is_in(visible)
    step.errors.add(
        df,
        "owner",
        pl.when(pl.col("owner_reason").is_not_null())
        .then(pl.col("owner_reason"))
        .when(outside)
        .then(pl.lit(_("负责人不在你的权限范围内。")))
        .when(pl.col("_owner_active").not_())
        .then(message(_("负责人“%(name)s”已停用，请选择在职人员。"), name=pl.col("owner_shown")))
        .otherwise(None),
    )
    # An empty owner cell keeps a stored customer's owner.
    keep = pl.col("v_owner").is_null()
    return df.with_columns(
        pl.when(keep).then(pl.col("db_owner_id")).otherwise(pl.col("owner_id")).alias("owner_id")
    )


def _region_level(step: Step) -> str:
    """Regions made from a column headed 城市/City are cities, 省份/Province provinces,
    anything else areas (大区)."""
    header = fold(step.mapping.get("region", ""))
    if header in {fold(h) for h in CITY_HEADERS}:
        return RegionLevel.CITY
    if header in {fold(h) for h in PROVINCE_HEADERS}:
        return RegionLevel.PROVINCE
    return RegionLevel.AREA


def _made(rows: pl.DataFrame, field: str, model: type[MasterData], **extra: Any) -> dict[str, int]:
    """Create the records of ``field`` the rows name and nobody has; {name: id}."""
    names = rows.filter(pl.col(f"{field}_new"))[f"{field}_cell"].unique().sort().to_list()
    if not names:
        return {}
    codes = new_codes(names, set(model._default_manager.values_list("code", flat=True)))
    made = [model(code=codes[n], name=n, **extra) for n in names]
    model._default_manager.bulk_create(made, batch_size=BATCH)
    return {m.name: m.pk for m in made}


def _store(rows: pl.DataFrame) -> WriteResult:
    made: dict[str, dict[str, int]] = {}
    for field, (model, _what) in REFERENCES.items():
        extra: dict[str, Any] = {}
        if model is Region:
            levels = rows["region_level"].unique().to_list()
            extra = {"level": levels[0] if levels else RegionLevel.AREA}
        made[field] = _made(rows, field, model, **extra)
    regions = [Region(pk=pk, path=f"/{pk}/") for pk in made["region"].values()]
    Region.objects.bulk_update(regions, ["path"], batch_size=BATCH)

    def build(r: dict[str, Any]) -> Customer:
        ids = {f: r[f"{f}_id"] or made[f][r[f"{f}_cell"]] for f in REFERENCES}
        return Customer(
            code=r["v_code"],
            name=r["v_name"],
            customer_type_id=ids["customer_type"],
            region_id=ids["region"],
            channel_id=ids["channel"],
            owner_id=r["owner_id"],
        )

    fields = ["name", "customer_type", "region", "channel", "owner"]
    return upsert(Customer, rows, build, fields)[0]


CUSTOMERS = KindSpec(
    key="customers",
    label=gettext_lazy("客户"),
    api_path="customers/batch",
    model_name="Customer",
    date_field="",
    fields=FIELDS,
    id_rule=UPSERT_RULE,
    notes=(
        gettext_lazy(
            "新客户的客户类型、区域、渠道空白（或文件没有该列）时为“未指定”；文件中写了但系统中没有的，可勾选“创建…”按名称新建。负责人按工号或姓名查找，须是在职人员。"
        ),
        gettext_lazy("已有客户的空白单元格保持原值不变。"),
        MATCH_RULE,
        NAMES_RULE,
    ),
    importer=MasterImporter(
        require=require_master_data_editor,
        list_url="catalog:customer_list",
        named=Customer,
        check=_check,
        store=_store,
        preview=(
            ("v_code", gettext_lazy("客户编码")),
            ("v_name", gettext_lazy("客户名称")),
            ("customer_type_shown", gettext_lazy("客户类型")),
            ("region_shown", gettext_lazy("区域")),
            ("channel_shown", gettext_lazy("渠道")),
            ("owner_shown", gettext_lazy("负责人")),
        ),
        create_missing=CREATE_MISSING,
        english={
            "code": "Customer Code",
            "name": "Customer Name",
            "customer_type": "Customer Type",
            "region": "Region",
            "channel": "Channel",
            "owner": "Owner",
        },
        example={
            "code": "C-0001",
            "name": "北京华信科技有限公司",
            "customer_type": "大客户",
            "region": "华北",
            "channel": "直销",
            "owner": "E1001",
        },
    ),
)
