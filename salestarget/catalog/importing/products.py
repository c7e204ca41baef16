"""Products, with their categories and lines named in the same rows: a category or a line the
file names and nobody has yet is created from its name (the line inside the row's category; a
new line named without a category gets a category of its own name)."""

from __future__ import annotations

from typing import Any

import polars as pl
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from salestarget.catalog.importing.defaults import default_stored
from salestarget.catalog.models import Product, ProductCategory, ProductLine
from salestarget.fields import units_to_decimal
from salestarget.importing.kinds import MONEY, TEXT, FieldSpec, KindSpec, WriteResult
from salestarget.importing.master import (
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
    upsert,
    with_stored,
)
from salestarget.org.masterdata import require_master_data_editor

FIELDS = (
    FieldSpec(
        "code",
        gettext_lazy("产品编码"),
        CODE,
        required=True,
        synonyms=(
            "产品编码",
            "产品代码",
            "产品编号",
            "物料编码",
            "物料代码",
            "物料号",
            "商品编码",
            "商品代码",
            "存货编码",
            "货号",
            "编码",
            "代码",
            "sku",
            "item code",
            "item no",
            "item number",
            "product code",
            "product id",
            "product no",
            "part number",
            "material",
            "code",
        ),
        max_length=60,
    ),
    FieldSpec(
        "name",
        gettext_lazy("产品名称"),
        TEXT,
        required=True,
        synonyms=(
            "产品名称",
            "品名",
            "商品名称",
            "物料名称",
            "存货名称",
            "产品",
            "名称",
            "product name",
            "item name",
            "product",
            "item",
            "description",
            "name",
        ),
        max_length=255,
    ),
    FieldSpec(
        "category",
        gettext_lazy("产品大类"),
        REF,
        synonyms=(
            "产品大类",
            "大类",
            "品类",
            "产品类别",
            "产品分类",
            "类别",
            "分类",
            "物料分组",
            "物料组",
            "物料分类",
            "存货分类",
            "商品分类",
            "category",
            "product category",
            "product group",
            "item group",
            "item category",
            "material group",
        ),
    ),
    FieldSpec(
        "line",
        gettext_lazy("产品线"),
        REF,
        synonyms=(
            "产品线",
            "系列",
            "产品系列",
            "小类",
            "子类",
            "product line",
            "line",
            "series",
            "subcategory",
            "sub category",
        ),
    ),
    FieldSpec(
        "unit",
        gettext_lazy("单位"),
        TEXT,
        synonyms=("单位", "计量单位", "unit", "uom", "unit of measure"),
        max_length=20,
    ),
    FieldSpec(
        "list_price",
        gettext_lazy("标准单价"),
        MONEY,
        synonyms=(
            "标准单价",
            "单价",
            "价格",
            "售价",
            "标准价",
            "零售价",
            "销售单价",
            "list price",
            "price",
            "unit price",
            "sales price",
        ),
    ),
    FieldSpec(
        "standard_cost",
        gettext_lazy("标准成本"),
        MONEY,
        synonyms=(
            "标准成本",
            "成本",
            "单位成本",
            "成本价",
            "standard cost",
            "cost",
            "unit cost",
        ),
    ),
)

STORED = {
    "name": pl.String,
    "line_id": pl.Int64,
    "unit": pl.String,
    "list_price": pl.Decimal(24, 4),
    "standard_cost": pl.Decimal(24, 4),
}
CODED = {"id": pl.Int64, "code": pl.String, "name": pl.String, "is_active": pl.Boolean}


def _check(step: Step, df: pl.DataFrame) -> pl.DataFrame:
    df = with_stored(step, df, Product, STORED)
    categories = model_frame(ProductCategory.objects.all(), CODED)
    lines = model_frame(ProductLine.objects.all(), CODED | {"category_id": pl.Int64})
    new = pl.col("_id").is_null()
    nothing = pl.col("v_category").is_null() & pl.col("v_line").is_null()
    uncategorised = default_stored(gettext_lazy("未分类"), categories)
    # A new product without category and line goes to 未分类; a stored one keeps its line.
    # A line nobody has yet, named without a category, gets the category of its own name
    # (as a category named without a line gets the line of its name).
    line_key = pl.col("v_line").str.to_lowercase()
    known = pl.concat([lines["code"], lines["name"]]).str.to_lowercase()
    unknown_line = pl.col("v_line").is_not_null() & ~line_key.is_in(known.implode())
    df = df.with_columns(
        pl.when(nothing & new)
        .then(pl.lit(uncategorised))
        .when(pl.col("v_category").is_null() & unknown_line)
        .then(pl.col("v_line"))
        .otherwise(pl.col("v_category"))
        .alias("cat_cell")
    )
    df = match(df, "cat_cell", categories, what=_("产品大类"), out="category", create=True)
    df = df.join(
        categories.select(
            pl.col("id").alias("category_id"),
            pl.col("name").alias("_category_name"),
            pl.col("is_active").alias("_category_active"),
        ),
        on="category_id",
        how="left",
        maintain_order="left",
    ).with_columns(
        pl.when(pl.col("category_new"))
        .then(pl.col("cat_cell"))
        .otherwise(pl.col("_category_name"))
        .alias("category_name")
    )
    step.errors.add(df, "category", pl.col("category_reason"))
    step.errors.add(
        df,
        "category",
        reason_if(
            pl.col("_category_active").not_(),
            message(_("“%(name)s”已停用，不能选用。"), name=pl.col("category_name")),
        ),
    )
    # A category without a line: the line of the category's own name.
    df = df.with_columns(
        pl.coalesce(
            pl.col("v_line"),
            pl.when(pl.col("cat_cell").is_not_null()).then(pl.col("category_name")),
        ).alias("line_cell")
    )
    df = _lines(step, df, lines, categories)
    df = df.with_columns(
        pl.when(pl.col("line_new") | pl.col("line_id").is_not_null())
        .then(pl.col("line_id"))
        .otherwise(pl.col("db_line_id"))
        .alias("line_id"),
        pl.coalesce(pl.col("v_unit"), pl.col("db_unit"), pl.lit("件")).alias("unit"),
        *(
            pl.coalesce(
                pl.col(f"v_{f}"), pl.col(f"db_{f}").to_physical().cast(pl.Int64), pl.lit(0)
            ).alias(f)
            for f in ("list_price", "standard_cost")
        ),
    )
    for f in ("list_price", "standard_cost"):
        step.errors.add(df, f, reason_if(pl.col(f) < 0, _("不能为负数。")))
    return df.with_columns(
        (
            differs(
                [
                    ("v_name", "db_name"),
                    ("line_id", "db_line_id"),
                    ("unit", "db_unit"),
                    ("list_price", "_db_list_price"),
                    ("standard_cost", "_db_standard_cost"),
                ]
            )
            | (pl.col("_id").is_not_null() & pl.col("line_new"))
        ).alias("_changed"),
        pl.format(
            "{} / {}{}", pl.col("category_name"), pl.col("line_name"), _new_mark("line")
        ).alias("line_shown"),
    )


def _new_mark(out: str) -> pl.Expr:
    return pl.when(pl.col(f"{out}_new")).then(pl.lit(_("（新建）"))).otherwise(pl.lit(""))


def _lines(
    step: Step, df: pl.DataFrame, lines: pl.DataFrame, categories: pl.DataFrame
) -> pl.DataFrame:
    """The line of each row: by code; or by name inside the row's category (made when
    missing); without a category, by code or by a name only one line has."""
    by_code = lines.select(
        pl.col("code").alias("line_cell"),
        pl.col("id").alias("_by_code"),
        pl.col("category_id").alias("_code_category"),
    )
    by_name = lines.group_by(pl.col("category_id"), pl.col("name").alias("line_cell")).agg(
        pl.col("id").first().alias("_by_name"), pl.len().alias("_named")
    )
    df = df.join(by_code, on="line_cell", how="left", maintain_order="left")
    df = df.join(by_name, on=["category_id", "line_cell"], how="left", maintain_order="left")
    df = match(df, "line_cell", lines, what=_("产品线"), out="_anywhere")
    no_category = pl.col("cat_cell").is_null()
    category_ok = pl.col("category_id").is_not_null() | pl.col("category_new")
    wrong_category = (
        ~no_category
        & pl.col("_by_code").is_not_null()
        & pl.col("_code_category").ne_missing(pl.col("category_id"))
    )
    line_id = (
        pl.when(no_category)
        .then(pl.col("_anywhere_id"))
        .when(wrong_category)
        .then(None)
        .otherwise(
            pl.coalesce(pl.col("_by_code"), pl.when(pl.col("_named") == 1).then(pl.col("_by_name")))
        )
    )
    df = df.with_columns(line_id.alias("line_id"))
    df = df.with_columns(
        (
            ~no_category
            & category_ok
            & pl.col("line_cell").is_not_null()
            & pl.col("line_id").is_null()
            & ~wrong_category
            & pl.col("_named").fill_null(0).eq(0)
        ).alias("line_new")
    )
    df = df.join(
        lines.select(
            pl.col("id").alias("line_id"),
            pl.col("name").alias("_line_name"),
            pl.col("is_active").alias("_line_active"),
            pl.col("category_id").alias("_line_category"),
        ),
        on="line_id",
        how="left",
        maintain_order="left",
    ).join(
        categories.select(pl.col("id").alias("_line_category"), pl.col("name").alias("_of_line")),
        on="_line_category",
        how="left",
        maintain_order="left",
    )
    df = df.with_columns(
        pl.coalesce(pl.col("_line_name"), pl.col("line_cell")).alias("line_name"),
        pl.when(no_category & pl.col("line_id").is_not_null())
        .then(pl.col("_of_line"))
        .otherwise(pl.col("category_name"))
        .alias("category_name"),
    )
    step.errors.add(
        df,
        "line",
        pl.when(no_category & pl.col("line_cell").is_not_null())
        .then(pl.col("_anywhere_reason"))
        .when(wrong_category)
        .then(
            pl.format(
                _("产品线“{}”属于另一个产品大类，与本行的产品大类“{}”不一致"),
                pl.col("line_cell"),
                pl.col("category_name"),
            )
        )
        .when(pl.col("_named") > 1)
        .then(
            pl.format(
                _("产品大类“{}”下有 {} 条产品线叫“{}”，请改用编码"),
                pl.col("category_name"),
                pl.col("_named"),
                pl.col("line_cell"),
            )
        )
        .when(pl.col("_line_active").not_())
        .then(message(_("“%(name)s”已停用，不能选用。"), name=pl.col("line_name")))
        .otherwise(None),
    )
    return df.with_columns(
        pl.col("db_list_price").to_physical().cast(pl.Int64).alias("_db_list_price"),
        pl.col("db_standard_cost").to_physical().cast(pl.Int64).alias("_db_standard_cost"),
    )


def _store(rows: pl.DataFrame) -> WriteResult:
    made = rows.filter(pl.col("category_new"))["category_name"].unique().sort().to_list()
    codes = new_codes(made, set(ProductCategory.objects.values_list("code", flat=True)))
    categories = [ProductCategory(code=codes[n], name=n) for n in made]
    ProductCategory.objects.bulk_create(categories)
    category_ids = {c.name: c.pk for c in categories}
    rows = rows.with_columns(
        pl.coalesce(
            pl.col("category_id"),
            pl.col("category_name").replace_strict(
                category_ids, default=None, return_dtype=pl.Int64
            ),
        ).alias("category_id")
    )
    wanted = (
        rows.filter(pl.col("line_new"))
        .select("category_id", "line_name")
        .unique()
        .sort("category_id", "line_name")
    )
    taken = set(ProductLine.objects.values_list("code", flat=True))
    category_codes = dict(ProductCategory.objects.values_list("pk", "code"))
    lines = []
    for category_id, name in wanted.iter_rows():
        code = new_codes([name], taken, prefix=category_codes[category_id])[name]
        lines.append(ProductLine(code=code, name=name, category_id=category_id))
    ProductLine.objects.bulk_create(lines)
    line_ids = {(line.category_id, line.name): line.pk for line in lines}

    def build(r: dict[str, Any]) -> Product:
        line_id = r["line_id"] or line_ids[(r["category_id"], r["line_name"])]
        return Product(
            code=r["v_code"],
            name=r["v_name"],
            line_id=line_id,
            unit=r["unit"],
            list_price=units_to_decimal(r["list_price"]),
            standard_cost=units_to_decimal(r["standard_cost"]),
        )

    fields = ["name", "line", "unit", "list_price", "standard_cost"]
    return upsert(Product, rows, build, fields)[0]


PRODUCTS = KindSpec(
    key="products",
    label=gettext_lazy("产品"),
    api_path="products/batch",
    model_name="Product",
    date_field="",
    fields=FIELDS,
    id_rule=UPSERT_RULE,
    notes=(
        gettext_lazy(
            "产品大类和产品线按编码或名称查找，没有的按名称新建；只填大类时产品线与大类同名；都不填的新产品归入“未分类”。"
        ),
        gettext_lazy(
            "单价、成本可带 ¥ 和千分位，最多 4 位小数；留空时新产品为 0，已有产品保持不变。"
        ),
        MATCH_RULE,
        NAMES_RULE,
    ),
    importer=MasterImporter(
        require=require_master_data_editor,
        list_url="catalog:product_list",
        named=Product,
        check=_check,
        store=_store,
        preview=(
            ("v_code", gettext_lazy("产品编码")),
            ("v_name", gettext_lazy("产品名称")),
            ("line_shown", gettext_lazy("产品大类 / 产品线")),
            ("unit", gettext_lazy("单位")),
            ("list_price", gettext_lazy("标准单价")),
            ("standard_cost", gettext_lazy("标准成本")),
        ),
        english={
            "code": "Product Code",
            "name": "Product Name",
            "category": "Category",
            "line": "Product Line",
            "unit": "Unit",
            "list_price": "List Price",
            "standard_cost": "Standard Cost",
        },
        example={
            "code": "P-1001",
            "name": "激光打印机 M1",
            "category": "办公设备",
            "line": "打印机",
            "unit": "台",
            "list_price": "2,999.00",
            "standard_cost": "1,850.50",
        },
    ),
)
