"""Writes of the activities app. An activity logged on the phone goes through the same import
flow as a CRM file or an API batch (``actuals``' activity kind): one set of checks, and the
rollups the metrics read are kept at once."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from salestarget.catalog.models import Customer
from salestarget.importing.models import ImportBatch
from salestarget.importing.services import records_import
from salestarget.org.models import Person
from salestarget.org.scoping import Scope


def activity_log(
    *,
    person: Person,
    kind: str,
    occurred_on: dt.date,
    occurred_at: str = "",
    customer: Customer | None = None,
    customer_ref: str = "",
    lead: str = "",
    status: str = "done",
    outcome: str = "",
    notes: str = "",
    user: Any,
    scope: Scope,
) -> ImportBatch:
    """Record one activity of ``person`` with ``customer`` (or one named by its code or exact
    name, ``customer_ref``) or a ``lead``; the batch says whether it was written and, if not,
    why (``errors_preview``)."""
    record = {
        "external_id": f"M-{uuid.uuid4().hex[:12]}",
        "occurred_on": occurred_on.isoformat(),
        "time": occurred_at,
        "kind": kind,
        "status": status,
        "person": person.employee_no,
        "customer": customer.code if customer else (customer_ref or None),
        "lead": lead,
        "outcome": outcome,
        "notes": notes,
    }
    return records_import(
        kind="activity", source="manual", records=[record], user=user, scope=scope
    )
