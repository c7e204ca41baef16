"""The sales' day grain moves from the SalesDaily rollup to the sales lines' date index.

The rollup held day × node × person × product × customer type × channel × region (about 0.7
rows per line, written on every import). Its sums are the lines' own, so dropping it loses
nothing: the date index becomes ``salesline_day_grain`` (the same dimensions and summed
columns), which answers the days at a span's edges by dimension, ``PersonDaily`` keeps the
daily totals and ``SalesMonthly`` the months. Going back refills the rollup from the lines.
"""

from django.db import migrations, models

GRAIN = "node_id, person_id, product_id, customer_type_id, channel_id, region_id"
SUMS = """SUM(amount), SUM(CASE WHEN amount > 0 THEN amount ELSE 0 END),
    SUM(CASE WHEN amount < 0 THEN -amount ELSE 0 END), SUM(quantity), COALESCE(SUM(cost), 0),
    COUNT(*), SUM(CASE WHEN cost IS NULL THEN amount ELSE 0 END)"""


def daily_refill(apps, schema_editor):
    """The rollup as the version before kept it, from the lines."""
    with schema_editor.connection.cursor() as cur:
        cur.execute(
            f"""INSERT INTO actuals_salesdaily (day, {GRAIN}, amount, gross_amount,
                    returned_amount, quantity, cost, lines, uncosted_amount)
                SELECT sold_on, {GRAIN}, {SUMS} FROM actuals_salesline
                GROUP BY sold_on, {GRAIN}"""
        )


class Migration(migrations.Migration):

    dependencies = [
        ("actuals", "0011_opportunity_stages"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="salesline",
            name="actuals_sal_sold_on_1883ef_idx",
        ),
        migrations.AddIndex(
            model_name="salesline",
            index=models.Index(
                fields=[
                    "sold_on",
                    "node",
                    "person",
                    "product",
                    "customer_type",
                    "channel",
                    "region",
                    "amount",
                    "quantity",
                    "cost",
                ],
                name="salesline_day_grain",
            ),
        ),
        migrations.RunPython(migrations.RunPython.noop, daily_refill),
        migrations.DeleteModel(name="SalesDaily"),
    ]
