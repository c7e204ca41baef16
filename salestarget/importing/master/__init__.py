"""Master data from files and API batches: the importer the master kinds share (upsert by
code, references by code or exact name, trees with parents anywhere in the file), and the
pieces their checks are built of. The kinds are declared by ``org.importing`` (org nodes,
people) and ``catalog.importing`` (regions, customer types, channels, products, customers)."""

from __future__ import annotations

from salestarget.importing.master.importer import (
    ACTION,
    MATCH_RULE,
    UPSERT_RULE,
    Check,
    MasterImporter,
    MasterPrepared,
    Store,
    master_prepare,
)
from salestarget.importing.master.lookups import (
    differs,
    in_scope,
    key_field,
    match,
    model_frame,
    with_stored,
)
from salestarget.importing.master.named import NAMES_RULE
from salestarget.importing.master.step import Step
from salestarget.importing.master.values import (
    CHOICE,
    CODE,
    EMAIL,
    REF,
    Choices,
    message,
    reason_if,
    required_message,
    trimmed,
    yes_no,
)
from salestarget.importing.master.writing import BATCH, new_codes, upsert

__all__ = [
    "ACTION",
    "BATCH",
    "CHOICE",
    "CODE",
    "EMAIL",
    "MATCH_RULE",
    "NAMES_RULE",
    "REF",
    "UPSERT_RULE",
    "Check",
    "Choices",
    "MasterImporter",
    "MasterPrepared",
    "Step",
    "Store",
    "differs",
    "in_scope",
    "key_field",
    "master_prepare",
    "match",
    "message",
    "model_frame",
    "new_codes",
    "reason_if",
    "required_message",
    "trimmed",
    "upsert",
    "with_stored",
    "yes_no",
]
