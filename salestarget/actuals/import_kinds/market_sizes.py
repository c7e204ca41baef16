"""Market sizes per region and month: company-wide reference figures, credited to no node."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from salestarget.actuals.import_kinds.fields import AMOUNT_SYNONYMS, EXTERNAL_ID, currency_field
from salestarget.actuals.importing.external_ids import region_month_ids
from salestarget.actuals.importing.facts import FactImporter
from salestarget.actuals.importing.rules import market_size_rules
from salestarget.importing.kinds import MONEY, MONTH, FieldSpec, KindSpec

IMPORTER = FactImporter(
    output=("external_id", "region_id", "month", "amount"),
    rules=market_size_rules,
    external_ids=region_month_ids,
)

MARKET_SIZES = KindSpec(
    is_fact=True,
    importer=IMPORTER,
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
        currency_field(),
    ),
)
