"""Reads of import batches, through the caller's scope (``org.scoping.Scope``)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from salestarget.importing.models import ImportBatch


def batches_visible(scope: Any) -> QuerySet[ImportBatch]:
    """Import batches: those who may import see all of them; nobody else sees any."""
    if not scope.can_import_actuals:
        return ImportBatch.objects.none()
    return ImportBatch.objects.select_related("created_by").order_by("-created_at")
