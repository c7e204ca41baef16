"""The kinds of fact that can be imported (files, the API, the entry form), one module each,
registered with the import flow when the app is ready."""

from __future__ import annotations

from salestarget.actuals.import_kinds.activities import ACTIVITIES
from salestarget.actuals.import_kinds.expenses import EXPENSES
from salestarget.actuals.import_kinds.market_sizes import MARKET_SIZES
from salestarget.actuals.import_kinds.opportunities import OPPORTUNITIES
from salestarget.actuals.import_kinds.payments import PAYMENTS
from salestarget.actuals.import_kinds.sales import SALES
from salestarget.actuals.import_kinds.surveys import SURVEYS
from salestarget.importing.kinds import KindSpec, kind_register

FACT_KINDS: dict[str, KindSpec] = {
    k.key: k for k in (SALES, EXPENSES, PAYMENTS, OPPORTUNITIES, SURVEYS, MARKET_SIZES, ACTIVITIES)
}


def kinds_register() -> None:
    for spec in FACT_KINDS.values():
        kind_register(spec)
