"""Targets: plans, their decomposition trees, the history of every value, drafts, cycles and
adjustments. One module per concept; everything is importable from here."""

from salestarget.targets.models.adjustments import AdjustmentReason, AdjustmentRequest
from salestarget.targets.models.cycles import PlanningCycle, PlanningStep, StepKind
from salestarget.targets.models.drafts import DraftRound, DraftStatus, RoundStatus, TargetDraft
from salestarget.targets.models.exports import DecompositionExport, ExportStatus
from salestarget.targets.models.plans import (
    ChangeKind,
    CustomMetric,
    Status,
    Target,
    TargetChange,
    TargetPlan,
)

__all__ = [
    "AdjustmentReason",
    "AdjustmentRequest",
    "ChangeKind",
    "CustomMetric",
    "DecompositionExport",
    "DraftRound",
    "DraftStatus",
    "ExportStatus",
    "PlanningCycle",
    "PlanningStep",
    "RoundStatus",
    "Status",
    "StepKind",
    "Target",
    "TargetChange",
    "TargetDraft",
    "TargetPlan",
]
