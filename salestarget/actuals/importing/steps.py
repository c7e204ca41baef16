"""What the fact pipeline reads from a kind of fact's declaration (a ``FactImporter``): the
hooks by which one kind differs from another."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

import polars as pl

from salestarget.actuals.importing.rules import Rules
from salestarget.importing.errors import ErrorLog

# The kind's own external ids when the file has no id column: (frame, ids, column their
# duplicates are reported in), or None for the digest of the identity fields.
ExternalIds = Callable[
    [pl.DataFrame, dict[str, str], ErrorLog], tuple[pl.DataFrame, pl.Expr, str] | None
]

# Who facts without a person are credited to, by the batch's options (sales' crediting rule):
# (frame, mapping, options, errors) → (frame, problems that refuse the file).
Crediting = Callable[
    [pl.DataFrame, dict[str, str], Mapping[str, object], ErrorLog],
    tuple[pl.DataFrame, list[str]],
]


class FactSteps(Protocol):
    @property
    def output(self) -> Sequence[str]:
        """The columns a prepared row has and the writer stores."""

    @property
    def rules(self) -> Rules:
        """The kind's checks and defaults (returns, owners, stages …)."""

    @property
    def credit_day(self) -> Callable[[], pl.Expr] | None:
        """The day whose membership credits a fact to its node; None: not credited."""

    @property
    def node_given(self) -> bool:
        """A fact may name its node instead (expenses)."""

    @property
    def external_ids(self) -> ExternalIds | None:
        """The kind's own external ids, or None for a digest of its identity fields."""

    @property
    def create_new(self) -> object:
        """The label of the option to make the customers and products a file names and
        nobody has yet (sales), "": the kind offers none."""

    @property
    def crediting(self) -> Crediting | None:
        """Who facts without a person are credited to (sales' crediting rule), or None."""
