"""Incentives models: plans (and their components, assignments, credit splits,
competitions) and statements (lines, disputes, audit)."""

from salestarget.incentives.models.plans import (
    CommissionPlan,
    Competition,
    ComponentKind,
    ComponentPeriod,
    CreditKind,
    CreditSplit,
    PlanAssignment,
    PlanComponent,
    PlanStatus,
    QuotaSource,
)
from salestarget.incentives.models.statements import (
    AuditEntry,
    Dispute,
    DisputeStatus,
    LineKind,
    Statement,
    StatementLine,
    StatementStatus,
)

__all__ = [
    "AuditEntry",
    "CommissionPlan",
    "Competition",
    "ComponentKind",
    "ComponentPeriod",
    "CreditKind",
    "CreditSplit",
    "Dispute",
    "DisputeStatus",
    "LineKind",
    "PlanAssignment",
    "PlanComponent",
    "PlanStatus",
    "QuotaSource",
    "Statement",
    "StatementLine",
    "StatementStatus",
]
