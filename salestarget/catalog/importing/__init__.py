"""Master data of the catalog from files and API batches: customer types, channels, regions,
products and customers (``salestarget import FILE --kind customers`` …, the 导入主数据 page,
``POST /api/catalog/<kind>/batch``). The steps they share are in
``salestarget.org.masterdata_import``; each module here holds one kind's columns and rules."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

UPSERT_RULE = _(
    "按编码更新：编码已存在的记录被更新，不存在的被新建；文件中没有的记录保持不变，不会被停用。"
)
MATCH_RULE = _(
    "引用的记录（上级、客户类型、区域、渠道、负责人……）先按编码匹配，再按完整名称精确匹配。"
)


def kinds_register() -> None:
    """Make the catalog's kinds importable (called when the app is ready)."""
    from salestarget.catalog.importing.customers import CUSTOMERS
    from salestarget.catalog.importing.products import PRODUCTS
    from salestarget.catalog.importing.regions import REGIONS
    from salestarget.catalog.importing.simple import CHANNELS, CUSTOMER_TYPES
    from salestarget.importing.kinds import kind_register

    for spec in (REGIONS, CUSTOMER_TYPES, CHANNELS, PRODUCTS, CUSTOMERS):
        kind_register(spec)
