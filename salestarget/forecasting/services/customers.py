"""The customer rollup (``CustomerMonthly``): rebuilt set-based from the sales lines — one
``DELETE`` of the months kept and one ``INSERT … SELECT … GROUP BY month, customer, node``
(Django compiles the SELECT for each database) — by the forecast computation, so the
customer analysis reads a few thousand rollup rows instead of a year of lines."""

from __future__ import annotations

import datetime as dt

from django.db import connection, transaction
from django.db.models import Count, Max, Sum
from django.db.models.functions import TruncMonth

from salestarget.actuals.models import SalesLine
from salestarget.forecasting.models import CustomerMonthly
from salestarget.forecasting.series import month_add

# Three years and the month running: the analysis's year and the year before it (churn),
# for today and for each quarter end of the past year (``queries.customer_value``).
MONTHS_KEPT = 37


@transaction.atomic
def customer_rollup_rebuild(*, last_day: dt.date) -> int:
    """Rebuild the rollup's months up to ``last_day``'s; returns the rows written."""
    first = month_add(last_day.replace(day=1), -(MONTHS_KEPT - 1))
    CustomerMonthly.objects.filter(month__gte=first).delete()
    select = (
        SalesLine.objects.filter(sold_on__gte=first, sold_on__lte=last_day)
        .annotate(m=TruncMonth("sold_on"))
        .values("m", "customer_id", "node_id")
        .annotate(
            s_amount=Sum("amount"),
            s_cost=Sum("cost"),
            days=Count("sold_on", distinct=True),
            last=Max("sold_on"),
        )
        .order_by()
        .values_list("m", "customer_id", "node_id", "s_amount", "s_cost", "days", "last")
    )
    sql, params = select.query.sql_with_params()
    table = CustomerMonthly._meta.db_table
    columns = "month, customer_id, node_id, amount, cost, purchase_days, last_day"
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({columns}) {sql}", params)
        return max(int(cursor.rowcount), 0)
