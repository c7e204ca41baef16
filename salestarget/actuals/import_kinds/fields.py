"""Fields several kinds of fact share: the external id, the customer, the person, amounts."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from salestarget.importing.kinds import CURRENCY, TEXT, FieldSpec

EXTERNAL_ID = FieldSpec(
    "external_id",
    _("外部编号"),
    TEXT,
    synonyms=(
        "外部编号",
        "外部id",
        "明细id",
        "明细编号",
        "唯一编号",
        "唯一标识",
        "记录id",
        "流水号",
        "external id",
        "ext id",
        "externalid",
        "id",
        "record id",
        "uid",
        "unique id",
        "line id",
    ),
    max_length=255,
)
CUSTOMER = FieldSpec(
    "customer",
    _("客户"),
    "customer",
    required=True,
    synonyms=(
        "客户",
        "客户编码",
        "客户代码",
        "客户编号",
        "客户名称",
        "客户名",
        "客户简称",
        "购货单位",
        "购买方",
        "往来单位",
        "customer",
        "customer code",
        "customer id",
        "customer no",
        "customer number",
        "customer name",
        "client",
        "client code",
        "client name",
        "account",
        "account name",
        "sold to",
        "buyer",
        "company",
        "company name",
        "payer",
        "对方户名",
        "对方单位",
        "付款单位",
        "付款方",
    ),
)
PERSON = FieldSpec(
    "person",
    _("销售人员"),
    "person",
    synonyms=(
        "销售人员",
        "销售员",
        "业务员",
        "业务员编码",
        "业务员工号",
        "销售代表",
        "工号",
        "员工编号",
        "员工工号",
        "人员",
        "人员编码",
        "负责人",
        "经办人",
        "销售",
        "业务员名称",
        "salesperson",
        "sales person",
        "sales rep",
        "rep",
        "employee",
        "employee no",
        "employee id",
        "employee number",
        "seller",
        "owner",
        "sales representative",
        "salesman",
    ),
)
AMOUNT_SYNONYMS = ("金额", "amount", "value")


def currency_field() -> FieldSpec:
    return FieldSpec(
        "currency", _("币种"), CURRENCY, synonyms=("币种", "币别", "货币", "currency", "ccy")
    )
