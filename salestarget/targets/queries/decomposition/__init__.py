"""Decomposition (分解), the reading half: what a decomposition would give, before anything is
saved (``preview``), by which method's weights (``methods``), in which shapes (``spec``).
The writing half is ``targets.services.decomposition``."""

from salestarget.targets.queries.decomposition.preview import (
    children_by_member,
    decomposition_preview,
)
from salestarget.targets.queries.decomposition.spec import (
    CAPACITY_INDICES,
    CAPACITY_LABELS,
    FALLBACK_LABELS,
    METHOD_LABELS,
    SAME,
    TWO_WAY,
    ColumnTotal,
    DecompositionSpec,
    Preview,
    PreviewRow,
    expected_children_total,
)

__all__ = [
    "CAPACITY_INDICES",
    "CAPACITY_LABELS",
    "FALLBACK_LABELS",
    "METHOD_LABELS",
    "SAME",
    "TWO_WAY",
    "ColumnTotal",
    "DecompositionSpec",
    "Preview",
    "PreviewRow",
    "children_by_member",
    "decomposition_preview",
    "expected_children_total",
]
