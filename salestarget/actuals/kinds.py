"""The kinds of facts that can be imported, their fields, and the header names that suggest them.

One description serves files, the API and the manual-entry form: a field's ``name`` is the
key in an API record and the target of a file column in the mapping.

References (customer, product, person, channel, org node, region) are matched by **code
first, then by exact full name**; a name that several records share is refused (use the
code). This rule is shown on the import page.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# Field types: how a column is normalised and checked.
DATE = "date"
MONTH = "month"
MONEY = "money"
QUANTITY = "quantity"
SCORE = "score"
TEXT = "text"
FLAG = "flag"
STAGE = "stage"
CURRENCY = "currency"
REFERENCES = {"customer", "product", "person", "channel", "node", "region"}


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str | Promise
    type: str
    required: bool = False
    synonyms: tuple[str, ...] = ()
    max_length: int = 0
    help: str | Promise = ""

    @property
    def is_reference(self) -> bool:
        return self.type in REFERENCES


@dataclass(frozen=True)
class KindSpec:
    key: str
    label: str | Promise
    api_path: str
    model_name: str
    date_field: str  # the date the fact is credited on (attribution and rollups)
    fields: tuple[FieldSpec, ...]
    # Fields whose values identify a record when the file has no external id.
    identity: tuple[str, ...] = ()
    id_rule: str | Promise = ""
    notes: tuple[str | Promise, ...] = field(default_factory=tuple)
    # A kind that is not a fact (master data: customers, products, people …) brings its own
    # steps: ``importer.require(scope)``, ``.prepare(...)`` and ``.write(...)`` replace the fact
    # pipeline and writer (see ``salestarget.org.masterdata_import``). None: a fact.
    importer: Any = None

    def field(self, name: str) -> FieldSpec:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]


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
    max_length=100,
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

SALES = KindSpec(
    key="sales",
    label=_("销售明细"),
    api_path="sales-lines",
    model_name="SalesLine",
    date_field="sold_on",
    identity=("sold_on", "customer", "product", "person", "quantity", "amount"),
    id_rule=_(
        "外部编号：有“外部编号”列时用它；否则用“订单号#行号”；只有订单号时用“订单号#该订单在文件中的第几行”；"
        "都没有时由日期、客户、产品、人员、数量、金额算出（相同的行按出现次序区分）。"
    ),
    notes=(
        _(
            "退货：数量为负（金额、成本同为负或为零）即为退货；也可用“退货”列标记，标记的行数量、金额、成本取负。"
        ),
        _("成本为空时按产品标准成本 × 数量计算；渠道为空时取客户的渠道。"),
    ),
    fields=(
        FieldSpec(
            "sold_on",
            _("销售日期"),
            DATE,
            required=True,
            synonyms=(
                "日期",
                "销售日期",
                "单据日期",
                "订单日期",
                "开票日期",
                "出库日期",
                "发货日期",
                "交易日期",
                "业务日期",
                "下单日期",
                "date",
                "order date",
                "sales date",
                "sale date",
                "invoice date",
                "transaction date",
                "document date",
                "doc date",
                "posting date",
                "ship date",
            ),
        ),
        FieldSpec(
            "order_no",
            _("订单号"),
            TEXT,
            synonyms=(
                "订单号",
                "订单编号",
                "单号",
                "单据号",
                "单据编号",
                "销售单号",
                "销售订单号",
                "发票号",
                "出库单号",
                "order",
                "order no",
                "order number",
                "order id",
                "so number",
                "so no",
                "sales order",
                "invoice no",
                "invoice number",
                "document no",
                "document number",
                "billing document",
                "invoice",
                "bill no",
            ),
            max_length=60,
        ),
        FieldSpec(
            "line_no",
            _("行号"),
            TEXT,
            synonyms=(
                "行号",
                "明细行号",
                "订单行号",
                "行",
                "line",
                "line no",
                "line number",
                "item no",
                "line item",
                "item line",
                "分录号",
                "分录行号",
                "项次",
                "行项目",
                "entry no",
                "item position",
            ),
            max_length=20,
        ),
        EXTERNAL_ID,
        CUSTOMER,
        FieldSpec(
            "product",
            _("产品"),
            "product",
            required=True,
            synonyms=(
                "产品",
                "产品编码",
                "产品代码",
                "产品编号",
                "产品名称",
                "商品",
                "商品编码",
                "商品名称",
                "物料",
                "物料编码",
                "物料名称",
                "存货编码",
                "存货名称",
                "货品",
                "货号",
                "品名",
                "sku",
                "product",
                "product code",
                "product id",
                "product name",
                "item",
                "item code",
                "item name",
                "material",
                "part number",
                "article",
            ),
        ),
        replace(PERSON, required=True),
        FieldSpec(
            "channel",
            _("渠道"),
            "channel",
            synonyms=("渠道", "销售渠道", "渠道编码", "channel", "sales channel", "channel code"),
        ),
        FieldSpec(
            "quantity",
            _("数量"),
            QUANTITY,
            required=True,
            synonyms=(
                "数量",
                "销售数量",
                "销量",
                "件数",
                "出库数量",
                "实发数量",
                "发货数量",
                "开票数量",
                "qty",
                "quantity",
                "units",
                "volume",
                "quantity sold",
                "qty sold",
            ),
        ),
        FieldSpec(
            "amount",
            _("金额"),
            MONEY,
            required=True,
            synonyms=(
                *AMOUNT_SYNONYMS,
                "销售额",
                "销售金额",
                "成交金额",
                "实收金额",
                "净额",
                "净销售额",
                "不含税金额",
                "含税金额",
                "价税合计",
                "销售收入",
                "收入",
                "net sales",
                "sales",
                "revenue",
                "net amount",
                "sales amount",
                "line total",
                "total",
                "net revenue",
                "extended price",
                "net value",
            ),
        ),
        FieldSpec(
            "cost",
            _("成本"),
            MONEY,
            synonyms=(
                "成本",
                "销售成本",
                "成本金额",
                "营业成本",
                "cost",
                "cogs",
                "cost amount",
                "cost of sales",
                "cost of goods sold",
            ),
        ),
        FieldSpec(
            "is_return",
            _("退货标记"),
            FLAG,
            synonyms=(
                "退货",
                "是否退货",
                "退货标记",
                "退货标志",
                "return",
                "is return",
                "return flag",
                "returned",
            ),
        ),
        FieldSpec(
            "currency",
            _("币种"),
            CURRENCY,
            synonyms=("币种", "币别", "货币", "currency", "curr", "ccy", "currency code"),
        ),
    ),
)

EXPENSES = KindSpec(
    key="expense",
    label=_("销售费用"),
    api_path="expenses",
    model_name="Expense",
    date_field="spent_on",
    identity=("spent_on", "person", "node", "category", "amount"),
    id_rule=_(
        "外部编号：有“外部编号”列时用它；否则由日期、人员、组织、类别、金额算出（相同的行按出现次序区分）。"
    ),
    notes=(
        _("人员和组织至少填一个；只填人员时，费用记到该人员当天所在的组织。金额可为负（冲销）。"),
    ),
    fields=(
        FieldSpec(
            "spent_on",
            _("费用日期"),
            DATE,
            required=True,
            synonyms=(
                "日期",
                "费用日期",
                "报销日期",
                "发生日期",
                "date",
                "expense date",
                "spent on",
            ),
        ),
        FieldSpec(
            "external_id",
            EXTERNAL_ID.label,
            TEXT,
            synonyms=(
                *EXTERNAL_ID.synonyms,
                "报销单号",
                "费用单号",
                "单号",
                "expense id",
                "claim no",
            ),
            max_length=100,
        ),
        FieldSpec(
            "person",
            _("人员"),
            "person",
            synonyms=(*PERSON.synonyms, "报销人", "申请人"),
        ),
        FieldSpec(
            "node",
            _("组织"),
            "node",
            synonyms=(
                "组织",
                "部门",
                "团队",
                "所属部门",
                "组织编码",
                "部门编码",
                "成本中心",
                "department",
                "team",
                "org",
                "organisation",
                "organization",
                "cost center",
                "cost centre",
            ),
        ),
        FieldSpec(
            "category",
            _("费用类别"),
            TEXT,
            required=True,
            synonyms=(
                "费用类别",
                "费用类型",
                "类别",
                "科目",
                "费用科目",
                "费用项目",
                "category",
                "expense type",
                "type",
                "expense category",
            ),
            max_length=60,
        ),
        FieldSpec(
            "amount",
            _("金额"),
            MONEY,
            required=True,
            synonyms=(*AMOUNT_SYNONYMS, "费用金额", "报销金额", "expense amount", "expense"),
        ),
        FieldSpec(
            "currency", _("币种"), CURRENCY, synonyms=("币种", "币别", "货币", "currency", "ccy")
        ),
    ),
)

PAYMENTS = KindSpec(
    key="payment",
    label=_("回款"),
    api_path="payments",
    model_name="Payment",
    date_field="received_on",
    identity=("received_on", "customer", "person", "amount"),
    id_rule=_("外部编号：有“外部编号”或回款单号列时用它；否则由日期、客户、人员、金额算出。"),
    notes=(_("人员为空时记到客户的负责人。"),),
    fields=(
        FieldSpec(
            "received_on",
            _("回款日期"),
            DATE,
            required=True,
            synonyms=(
                "日期",
                "回款日期",
                "收款日期",
                "到账日期",
                "date",
                "payment date",
                "received date",
                "receipt date",
                "value date",
            ),
        ),
        FieldSpec(
            "external_id",
            EXTERNAL_ID.label,
            TEXT,
            synonyms=(
                *EXTERNAL_ID.synonyms,
                "回款单号",
                "收款单号",
                "单号",
                "payment id",
                "receipt no",
                "reference",
            ),
            max_length=100,
        ),
        CUSTOMER,
        FieldSpec("person", _("人员"), "person", synonyms=PERSON.synonyms),
        FieldSpec(
            "amount",
            _("金额"),
            MONEY,
            required=True,
            synonyms=(
                *AMOUNT_SYNONYMS,
                "回款金额",
                "收款金额",
                "到账金额",
                "payment amount",
                "payment",
                "received",
            ),
        ),
        FieldSpec(
            "currency", _("币种"), CURRENCY, synonyms=("币种", "币别", "货币", "currency", "ccy")
        ),
    ),
)

OPPORTUNITIES = KindSpec(
    key="opportunity",
    label=_("商机"),
    api_path="opportunities",
    model_name="Opportunity",
    date_field="closed_on",
    identity=("customer", "name", "opened_on"),
    id_rule=_(
        "外部编号：有“商机编号”列时用它；否则由客户、商机名称、创建日期算出（阶段变化时更新同一商机）。"
    ),
    notes=(_("阶段：赢单/输单/跟进中（won/lost/open）；赢单和输单须填关闭日期。"),),
    fields=(
        FieldSpec(
            "external_id",
            _("商机编号"),
            TEXT,
            synonyms=(
                *EXTERNAL_ID.synonyms,
                "商机编号",
                "商机id",
                "商机号",
                "opportunity id",
                "opp id",
                "deal id",
            ),
            max_length=100,
        ),
        FieldSpec(
            "name",
            _("商机名称"),
            TEXT,
            synonyms=(
                "商机名称",
                "商机",
                "项目名称",
                "名称",
                "name",
                "opportunity",
                "opportunity name",
                "deal",
                "title",
            ),
            max_length=200,
        ),
        CUSTOMER,
        replace(PERSON, required=True),
        FieldSpec(
            "amount",
            _("预计金额"),
            MONEY,
            synonyms=(
                *AMOUNT_SYNONYMS,
                "预计金额",
                "商机金额",
                "预估金额",
                "expected amount",
                "deal value",
                "deal amount",
            ),
        ),
        FieldSpec(
            "opened_on",
            _("创建日期"),
            DATE,
            required=True,
            synonyms=(
                "创建日期",
                "立项日期",
                "开始日期",
                "日期",
                "created",
                "created date",
                "open date",
                "opened on",
                "创建时间",
                "立项时间",
                "created time",
                "created at",
                "date created",
                "create date",
            ),
        ),
        FieldSpec(
            "closed_on",
            _("关闭日期"),
            DATE,
            synonyms=(
                "关闭日期",
                "结束日期",
                "成交日期",
                "结案日期",
                "close date",
                "closed date",
                "closed on",
                "closing date",
                "结单日期",
                "关单日期",
                "赢单日期",
                "结单时间",
                "closed at",
                "date closed",
            ),
        ),
        FieldSpec(
            "stage",
            _("阶段"),
            STAGE,
            required=True,
            synonyms=(
                "阶段",
                "状态",
                "商机阶段",
                "商机状态",
                "结果",
                "stage",
                "status",
                "result",
                "outcome",
            ),
        ),
        FieldSpec(
            "currency", _("币种"), CURRENCY, synonyms=("币种", "币别", "货币", "currency", "ccy")
        ),
    ),
)

SURVEYS = KindSpec(
    key="survey",
    label=_("客户满意度调查"),
    api_path="surveys",
    model_name="SurveyResponse",
    date_field="surveyed_on",
    identity=("surveyed_on", "customer", "person", "score"),
    id_rule=_("外部编号：有“问卷编号”列时用它；否则由日期、客户、人员、得分算出。"),
    notes=(_("得分 0–100（常见 1–5 或 1–10 分制照原样保存）；人员为空时记到客户的负责人。"),),
    fields=(
        FieldSpec(
            "surveyed_on",
            _("调查日期"),
            DATE,
            required=True,
            synonyms=(
                "日期",
                "调查日期",
                "回访日期",
                "评价日期",
                "date",
                "survey date",
                "response date",
            ),
        ),
        FieldSpec(
            "external_id",
            _("问卷编号"),
            TEXT,
            synonyms=(*EXTERNAL_ID.synonyms, "问卷编号", "回访单号", "response id", "survey id"),
            max_length=100,
        ),
        CUSTOMER,
        FieldSpec("person", _("人员"), "person", synonyms=PERSON.synonyms),
        FieldSpec(
            "score",
            _("满意度得分"),
            SCORE,
            required=True,
            synonyms=(
                "满意度",
                "得分",
                "分数",
                "满意度得分",
                "评分",
                "score",
                "rating",
                "csat",
                "satisfaction",
                "nps",
            ),
        ),
    ),
)

MARKET_SIZES = KindSpec(
    key="market_size",
    label=_("市场容量"),
    api_path="market-sizes",
    model_name="MarketSize",
    date_field="month",
    identity=("region", "month"),
    id_rule=_(
        "外部编号：有“外部编号”列时用它；否则为“区域编码#年-月”，同一区域同一月份再次导入即更新。"
    ),
    fields=(
        FieldSpec(
            "region",
            _("区域"),
            "region",
            required=True,
            synonyms=(
                "区域",
                "地区",
                "大区",
                "省份",
                "省",
                "城市",
                "区域编码",
                "region",
                "area",
                "territory",
                "province",
                "city",
                "market",
            ),
        ),
        FieldSpec(
            "month",
            _("月份"),
            MONTH,
            required=True,
            synonyms=(
                "月份",
                "期间",
                "年月",
                "月",
                "日期",
                "month",
                "period",
                "date",
                "year month",
            ),
        ),
        FieldSpec(
            "amount",
            _("市场容量"),
            MONEY,
            required=True,
            synonyms=(
                *AMOUNT_SYNONYMS,
                "市场容量",
                "市场规模",
                "市场总量",
                "容量",
                "market size",
                "market value",
                "size",
                "tam",
            ),
        ),
        EXTERNAL_ID,
        FieldSpec(
            "currency", _("币种"), CURRENCY, synonyms=("币种", "币别", "货币", "currency", "ccy")
        ),
    ),
)

KINDS: dict[str, KindSpec] = {
    k.key: k for k in (SALES, EXPENSES, PAYMENTS, OPPORTUNITIES, SURVEYS, MARKET_SIZES)
}
# Master data kinds (customers, products, people …), registered by their apps when ready;
# they share the import flow but are not facts (no fact lists, no fact API).
MASTER_KINDS: dict[str, KindSpec] = {}


def kind_register(spec: KindSpec) -> None:
    MASTER_KINDS[spec.key] = spec


def kind_spec(key: str) -> KindSpec:
    try:
        return KINDS.get(key) or MASTER_KINDS[key]
    except KeyError:
        names = ", ".join([*KINDS, *MASTER_KINDS])
        raise ValueError(f"unknown kind {key!r}; one of {names}") from None
