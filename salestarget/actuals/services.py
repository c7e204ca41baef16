"""Writes of actuals beyond imports: corrections (deleting facts). Files, API batches and the
entry form go through the import flow (:mod:`salestarget.importing.services`) with the fact
kinds' importer (:mod:`salestarget.actuals.importing.facts`)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from salestarget.actuals.import_kinds import FACT_KINDS
from salestarget.actuals.importing.facts import FactImporter, require_import
from salestarget.actuals.importing.writer import facts_delete
from salestarget.actuals.models import Opportunity, OpportunityStage
from salestarget.importing.services import scope_of

__all__ = ["actuals_fact_delete", "require_import"]


def actuals_fact_delete(*, kind: str, ids: list[int], user: Any) -> int:
    require_import(scope_of(user))
    spec = FACT_KINDS[kind]
    importer = spec.importer
    assert isinstance(importer, FactImporter)
    with transaction.atomic():
        if spec.model_name == Opportunity.__name__:  # its stage history goes with it
            OpportunityStage.objects.filter(opportunity_id__in=ids).delete()
        return facts_delete(kind=spec, columns=importer.output, ids=ids, by_lines=importer.by_lines)
