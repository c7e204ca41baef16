"""Room on each page of the monthly sales rollup for its rows' next versions (PostgreSQL).

Every import adds to the current month's rows. With full pages each update writes the row's
new version to another page and a new entry into the grain's unique index (eight columns);
with a quarter of each page free, PostgreSQL updates the row on its page (a heap-only tuple,
no index entry), which halved the monthly upsert of a 50k-line day on the large demo. Closed
months' pages keep the room unused (about 30 MB at 1.5M rows). SQLite has no such setting."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

FILLFACTOR = 75


def room_for_updates(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE actuals_salesmonthly SET (fillfactor = {FILLFACTOR})")


def full_pages(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE actuals_salesmonthly RESET (fillfactor)")


class Migration(migrations.Migration):
    dependencies = [
        ("actuals", "0013_monthly_index_dropped"),
    ]

    operations = [migrations.RunPython(room_for_updates, full_pages)]
