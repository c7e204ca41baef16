"""The history of where each opportunity stood (``OpportunityStage``), written whenever its
stage changes: by an import (the API's and the page's alike, set-based from the writer's
staging tables: ``stages_record_imported``), by a single save (``Opportunity.save``), and by
a rep's forecast category (forecasting's ``OpportunityCall.save`` through ``stage_record``).

A new opportunity is open from the day it was opened; a won or lost one reached that stage
on its closing day; a reopened one, the day it was reopened. A deleted opportunity's history
goes with it (``actuals_fact_delete``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from salestarget.actuals.models import Opportunity, OpportunityStage

OPEN = Opportunity.Stage.OPEN.value


def stage_record(*, opportunity_id: int, stage: str, on: dt.date) -> None:
    OpportunityStage.objects.create(opportunity_id=opportunity_id, stage=stage, changed_on=on)


def stages_record_imported(cur: Any, source: str) -> None:
    """After ``actuals.importing.writer.facts_write`` upserted opportunities: the stage of
    each new one and of each whose stage the import changed, in two ``INSERT … SELECT``
    from its staging tables (``st_stage``: the rows imported, ``st_old``: their versions
    before)."""
    facts = Opportunity._meta.db_table
    history = OpportunityStage._meta.db_table
    imported = (
        f"FROM st_stage s JOIN {facts} f ON f.source = %s AND f.external_id = s.external_id "
        "LEFT JOIN st_old o ON o.external_id = s.external_id"
    )
    columns = f"INSERT INTO {history} (opportunity_id, stage, changed_on, recorded_at)"
    cur.execute(
        f"{columns} SELECT f.id, %s, f.opened_on, CURRENT_TIMESTAMP {imported} WHERE o.id IS NULL",
        [OPEN, source],
    )
    cur.execute(
        f"""{columns} SELECT f.id, f.stage, COALESCE(f.closed_on, %s), CURRENT_TIMESTAMP
            {imported}
            WHERE (o.id IS NULL AND f.stage <> %s) OR (o.id IS NOT NULL AND o.stage <> f.stage)""",
        [timezone.localdate(), source, OPEN],
    )
