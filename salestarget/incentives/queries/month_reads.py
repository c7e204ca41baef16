"""Everything a month run reads about its people, fetched once for all of them.

The engine pays many components over a few windows of days: the whole month for most
people, a stretch of it for someone who changed plan, a quarter or the year so far for a
periodic component, a SPIF's dates. Here each distinct window is one ``GROUP BY person``
over the rollups for the union of the facts every component and gate needs there and the
union of the people measured over it (``measures.fact_sums``), the credit splits are read
once, and the quotas of every component are one query over the targets
(``quotas.target_quotas_many``). The run's query count follows the number of windows, not
of people or components.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from salestarget.incentives.models import ComponentKind, CreditSplit, QuotaSource
from salestarget.incentives.queries.measures import Sums, Window, fact_sums
from salestarget.incentives.queries.quotas import QuotaAsk, target_quotas_many

ZERO = Decimal(0)


@dataclass
class SumsAsk:
    """What one component group needs summed: ``names`` over ``window`` for ``people``."""

    window: Window
    names: frozenset[str]
    people: list[int]


@dataclass
class MonthReads:
    """The fact sums per window and the quotas per (measure, periods, source), for the
    people asked."""

    sums: dict[Window, dict[int, Sums]] = field(default_factory=dict)
    quotas: dict[QuotaAsk, dict[int, Decimal]] = field(default_factory=dict)

    def sums_of(self, window: Window, people: Iterable[int]) -> dict[int, Sums]:
        """A copy per person (a caller adds late returns to its own)."""
        found = self.sums[window]
        return {p: dict(found[p]) for p in people}


def month_reads(
    sums: Iterable[SumsAsk], quotas: Iterable[tuple[QuotaAsk, list[int]]]
) -> MonthReads:
    names: dict[Window, set[str]] = defaultdict(set)
    people: dict[Window, set[int]] = defaultdict(set)
    for ask in sums:
        names[ask.window] |= ask.names
        people[ask.window].update(ask.people)
    splits = _splits() if any(names.values()) else []
    reads = MonthReads()
    for window, wanted in names.items():
        reads.sums[window] = fact_sums(wanted, window, people[window], splits=splits)
    reads.quotas = target_quotas_many(quotas)
    return reads


def quota_ask(kind: str, source: str, measure: str, periods: tuple[str, ...]) -> QuotaAsk | None:
    """The targets a component's quota comes from; None when it has no quota to read
    (a typed quota, or a kind without a quota)."""
    if kind != ComponentKind.RATE_TABLE or source == QuotaSource.TYPED:
        return None
    return QuotaAsk(measure, periods, source)


def _splits() -> list[tuple[str, int, Decimal, str]]:
    return list(CreditSplit.objects.values_list("order_no", "person_id", "share", "kind"))
