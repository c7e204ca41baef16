"""Columns of a sales file that describe its customers and products rather than the sale:
read only to make the customers and products the file names and nobody has yet (the
import's "create the new customers and products" option, ``actuals.importing.new_records``).

They come after the customer and product fields, whose synonyms are tried first: a file with
a name column only has it read as the customer (the name stands in for the code), a file
with both (金蝶's 客户编码 and 客户名称) has the code read as the customer and the name here.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from salestarget.importing.kinds import MONEY, TEXT, FieldSpec

MAKING = _("只用于新建文件中新的客户和产品")

CUSTOMER_NAME = FieldSpec(
    "customer_name",
    _("客户名称"),
    TEXT,
    synonyms=(
        "客户名称",
        "客户名",
        "客户全称",
        "客户简称",
        "购货单位名称",
        "customer name",
        "client name",
        "account name",
    ),
    max_length=255,
    help=MAKING,
)
PRODUCT_NAME = FieldSpec(
    "product_name",
    _("产品名称"),
    TEXT,
    synonyms=(
        "产品名称",
        "商品名称",
        "物料名称",
        "存货名称",
        "品名",
        "product name",
        "item name",
        "material description",
    ),
    max_length=255,
    help=MAKING,
)
PRODUCT_CATEGORY = FieldSpec(
    "product_category",
    _("产品大类"),
    TEXT,
    synonyms=(
        "产品大类",
        "产品类别",
        "产品分类",
        "存货类别",
        "存货分类",
        "物料分类",
        "物料分组",
        "商品分类",
        "品类",
        "product category",
        "item category",
        "product group",
        "item group",
        "material group",
    ),
    max_length=255,
    help=MAKING,
)
UNIT_PRICE = FieldSpec(
    "unit_price",
    _("单价"),
    MONEY,
    synonyms=(
        "单价",
        "销售单价",
        "含税单价",
        "不含税单价",
        "无税单价",
        "unit price",
        "price",
        "sales price",
    ),
    help=_("新建产品的标准单价（只用于新建文件中新的产品）"),
)
DESCRIBING = (CUSTOMER_NAME, PRODUCT_NAME, PRODUCT_CATEGORY, UNIT_PRICE)
