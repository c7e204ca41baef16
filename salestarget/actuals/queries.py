"""Reads of facts, always through the caller's scope (import batches:
:mod:`salestarget.importing.queries`)."""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.db.models import Q, QuerySet

from salestarget.actuals.import_kinds import FACT_KINDS
from salestarget.org.scoping import Scope

RELATED = {
    "sales": ["customer", "product", "person", "node", "channel", "region"],
    "expense": ["person", "node"],
    "payment": ["customer", "person", "node"],
    "opportunity": ["customer", "person", "node"],
    "survey": ["customer", "person", "node"],
    "market_size": ["region"],
    "activity": ["customer", "person", "node"],
}


def facts_visible(
    scope: Scope,
    kind: str,
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    person_id: int | None = None,
    node_id: int | None = None,
    search: str = "",
    batch_id: int | None = None,
) -> QuerySet:
    """Facts of one kind the scope may read, newest first. Market sizes are company-wide
    reference figures every signed-in user with a scope may read."""
    spec = FACT_KINDS[kind]
    model = apps.get_model("actuals", spec.model_name)
    qs = model.objects.select_related(*RELATED[kind])
    if kind != "market_size":
        if not scope.sees_anything:
            return qs.none()
        qs = qs.filter(scope.facts_q())
        if person_id:
            qs = qs.filter(person_id=person_id)
        if node_id:
            qs = qs.filter(node_id=node_id)
    elif not scope.sees_anything:
        return qs.none()
    date_field = "opened_on" if kind == "opportunity" else spec.date_field
    if date_from:
        qs = qs.filter(**{f"{date_field}__gte": date_from})
    if date_to:
        qs = qs.filter(**{f"{date_field}__lte": date_to})
    if batch_id:
        qs = qs.filter(batch_id=batch_id)
    if search:
        q = Q(external_id__icontains=search)
        if kind == "sales":
            q |= Q(order_no__icontains=search)
        if kind in ("expense",):
            q |= Q(category__icontains=search)
        if kind == "opportunity":
            q |= Q(name__icontains=search)
        if kind == "activity":
            q |= Q(lead__icontains=search) | Q(notes__icontains=search)
        qs = qs.filter(q)
    return qs.order_by(f"-{date_field}", "-id")
