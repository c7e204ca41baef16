"""The audit trail of statements: every calculation, status change, dispute and delta."""

from __future__ import annotations

from django.contrib.auth.models import User

from salestarget.incentives.models import AuditEntry, Statement


def audit(statement: Statement, by: User | None, action: str, detail: str = "") -> None:
    AuditEntry.objects.create(
        statement=statement,
        by=by if by is not None and by.pk else None,
        action=action,
        detail=detail,
    )
