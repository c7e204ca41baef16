"""A database from before the rollups kept the revenue of unknown cost apart gets it filled in
by the migration, from the lines whose cost is null, so `rollups check` is clean at once."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from salestarget.actuals.models import PersonDaily, SalesMonthly
from salestarget.actuals.rollups import rollups_check
from tests.actuals.files import csv_bytes, run_import
from tests.migrating import migrate_to
from tests.personas import Company

BEFORE = [("actuals", "0007_sales_cost_unknown")]
AFTER = [("actuals", "0008_rollups_uncosted_amount")]
HEADER = "日期,订单号,行号,客户编码,产品编码,销售人员,数量,金额,毛利"


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_in_the_revenue_of_unknown_cost(company: Company) -> None:
    run_import(
        csv_bytes(
            "2026-03-02,SO1,1,CU-BJ,P-A,REP,2,2000,600",
            "2026-03-02,SO2,1,CU-BJ,P-A,REP,1,1001,",
            "2026-04-09,SO3,1,CU-SH,P-A,REP_OTHER,1,250.25,",
            header=HEADER,
        )
    )
    migrate_to(BEFORE)  # the column goes: the rollups as an older version kept them
    try:
        migrate_to(AFTER)
        executor = MigrationExecutor(connection)
        sales_daily = executor.loader.project_state(AFTER).apps.get_model("actuals", "SalesDaily")
        daily = sorted(sales_daily.objects.values_list("day", "uncosted_amount"))
        assert [amount for _day, amount in daily] == [Decimal(1001), Decimal("250.25")]
        assert sum(m.uncosted_amount for m in SalesMonthly.objects.all()) == Decimal("1251.25")
        # (only the columns of that version: later ones add their own)
        person_daily = PersonDaily.objects.values_list("uncosted_amount", flat=True)
        assert sum(person_daily) == Decimal("1251.25")
    finally:
        migrate_to(MigrationExecutor(connection).loader.graph.leaf_nodes())
    assert set(rollups_check().values()) == {0}
