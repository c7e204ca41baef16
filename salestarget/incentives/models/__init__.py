"""Incentives models: plans (and their components, assignments, credit splits,
competitions, bonus tables) and statements (lines, disputes, audit)."""

from salestarget.incentives.models.bonuses import BonusPeriod, BonusTable, TypedGrade
from salestarget.incentives.models.plans import (
    PAYS_BY_ATTAINMENT,
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
    "PAYS_BY_ATTAINMENT",
    "AuditEntry",
    "BonusPeriod",
    "BonusTable",
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
    "TypedGrade",
]
