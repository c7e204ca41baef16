"""Reads of import batches, through the caller's scope (``org.scoping.Scope``)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from salestarget.importing.models import ImportBatch


def batches_visible(scope: Any) -> QuerySet[ImportBatch]:
    """Import batches: those who may import every kind see all of them; the others (reps and
    managers importing their activities) their own; nobody else any."""
    batches = ImportBatch.objects.select_related("created_by").order_by("-created_at")
    if scope.can_import_actuals:
        return batches
    if scope.person_id is None:
        return ImportBatch.objects.none()
    return batches.filter(created_by__person__pk=scope.person_id)
