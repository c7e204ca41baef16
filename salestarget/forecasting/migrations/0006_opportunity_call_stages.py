from typing import Any

from django.db import migrations


def calls_into_history(apps: Any, schema_editor: Any) -> None:
    """Each opportunity's current forecast category joins its stage history on the day it
    was last set (the calls kept no earlier ones), set-based."""
    day = (
        "CAST(c.updated_at AS date)"
        if schema_editor.connection.vendor == "postgresql"
        else "date(c.updated_at)"
    )
    schema_editor.execute(
        f"""INSERT INTO actuals_opportunitystage (opportunity_id, stage, changed_on, recorded_at)
            SELECT c.opportunity_id, c.category, {day}, CURRENT_TIMESTAMP
            FROM forecasting_opportunitycall c"""
    )


class Migration(migrations.Migration):
    dependencies = [
        ("actuals", "0011_opportunity_stages"),
        ("forecasting", "0005_series_cells"),
    ]

    operations = [migrations.RunPython(calls_into_history, migrations.RunPython.noop)]
