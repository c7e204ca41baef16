"""Master data of the catalog from files and API batches: customer types, channels, regions,
products and customers (``salestarget import FILE --kind customers`` …, the 导入主数据 page,
``POST /api/catalog/<kind>/batch``). The steps they share are in
``salestarget.importing.master``; each module here holds one kind's columns and rules."""

from __future__ import annotations


def kinds_register() -> None:
    """Make the catalog's kinds importable (called when the app is ready)."""
    from salestarget.catalog.importing.customers import CUSTOMERS
    from salestarget.catalog.importing.products import PRODUCTS
    from salestarget.catalog.importing.regions import REGIONS
    from salestarget.catalog.importing.simple import CHANNELS, CUSTOMER_TYPES
    from salestarget.importing.kinds import kind_register

    for spec in (REGIONS, CUSTOMER_TYPES, CHANNELS, PRODUCTS, CUSTOMERS):
        kind_register(spec)
