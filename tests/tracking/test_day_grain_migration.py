"""A database kept at the old daily grain (the SalesDaily rollup, day × node × person ×
product × customer type × channel × region) converts without loss: after the migration,
every tracking figure — the dashboard's key figures and breakdowns by every dimension (to
date and last year's same days, which end inside a month), the tree, the API — is what it
was, the old rollup's sums by dimension equal what the new reads give, and the rollups
check clean."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Sum

from salestarget.actuals.rollups import rollups_check, rollups_rebuild
from salestarget.tracking.cache import cache_clear
from salestarget.tracking.queries.sums import grouped_sums
from tests.migrating import migrate_to
from tests.personas import Company
from tests.tracking.conftest import AT, sell

OLD_GRAIN = [("actuals", "0011_opportunity_stages")]
DIMENSIONS = ("product", "region", "customer_type", "channel")
# The dashboard's span to date and last year's same days: both end inside June.
SPANS = ((dt.date(2026, 6, 1), AT), (dt.date(2025, 6, 1), dt.date(2025, 6, 15)))


def migrate(target: list[tuple[str, str]]) -> Any:
    """Migrate to ``target`` and return that state's models."""
    migrate_to(target)
    executor = MigrationExecutor(connection)
    return executor.loader.project_state(target).apps


def figures(client: Any, plan: int, company: Company) -> list[Any]:
    cache_clear()
    query = f"plan={plan}&at={AT}&subject=n{company.root.pk}"
    pages = [
        f"/api/tracking/figures?plan={plan}&at={AT}",
        f"/api/tracking/plans/{plan}/tree?at={AT}",
        *(f"/api/tracking/breakdown?{query}&dim={d}" for d in DIMENSIONS),
    ]
    return [client.get(page).json() for page in pages]


def old_grain_sums(apps: Any) -> dict[tuple[Any, ...], Decimal]:
    """What the old rollup holds by dimension over each span: the answers it gave."""
    daily = apps.get_model("actuals", "SalesDaily")
    out: dict[tuple[Any, ...], Decimal] = defaultdict(Decimal)
    for start, end in SPANS:
        for dim in DIMENSIONS:
            rows = daily.objects.filter(day__range=(start, end)).values(f"{dim}_id")
            for row in rows.annotate(s=Sum("amount")).order_by():
                out[(start, dim, row[f"{dim}_id"])] += row["s"]
    return dict(out)


def new_sums() -> dict[tuple[Any, ...], Decimal]:
    cache_clear()
    out = {}
    for start, end in SPANS:
        for dim in DIMENSIONS:
            found = grouped_sums(["amount"], start=start, end=end, group=dim, version="t")
            assert found is not None
            out.update({(start, dim, key): sums["amount"] for key, sums in found.items()})
    return out


@pytest.mark.django_db(transaction=True)
def test_the_old_daily_grain_converts_and_every_figure_stays(
    company: Company, june_sales: Company, june_plan: Any, login: Any
) -> None:
    # Lines after the 15th, this year and last, that no span to date may count.
    sell(company, dt.date(2025, 6, 20), "7000", product=company.product_b)
    sell(company, dt.date(2025, 5, 31), "900", person=company.rep_other)
    rollups_rebuild()
    plan = june_plan().pk
    client = login(company.director)
    old = migrate(OLD_GRAIN)  # the rollup as the version before kept it
    try:
        before = figures(client, plan, company)
        by_dimension = old_grain_sums(old)
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    assert all(b["members"] for b in before[2:])  # (the breakdowns hold figures)
    assert figures(client, plan, company) == before
    assert new_sums() == by_dimension
    assert (SPANS[1][0], "product", company.product_b.pk) not in by_dimension  # the 20th
    assert set(rollups_check().values()) == {0}
