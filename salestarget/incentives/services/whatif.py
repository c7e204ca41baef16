"""What-if for reps: "if I close 200,000 more this month, I earn X more" — the same engine
on the same data, with the extra amount added to the measures a closed deal moves (revenue;
``queries.engine.moved_by_deal``), never to collections, gross profit or expenses."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from salestarget.incentives.models import Statement
from salestarget.incentives.queries.engine import LineDraft, month_drafts
from salestarget.incentives.services.calculation import month_parse

ZERO = Decimal(0)


@dataclass(frozen=True)
class WhatIf:
    extra: Decimal
    now: Decimal
    then: Decimal

    @property
    def more(self) -> Decimal:
        return self.then - self.now


def what_if_extra(*, statement: Statement, extra: Decimal) -> WhatIf:
    month = month_parse(statement.period)
    people = {statement.person_id}
    now = month_drafts(month, person_ids=people, as_of=statement.as_of)
    then = month_drafts(
        month, person_ids=people, as_of=statement.as_of, extra={statement.person_id: extra}
    )

    def total(drafts: dict[int, list[LineDraft]]) -> Decimal:
        return sum((d.amount for d in drafts.get(statement.person_id, [])), ZERO)

    return WhatIf(extra, total(now), total(then))


def expected_commission(
    *,
    person_id: int,
    period: str,
    amount: Decimal | None = None,
    attainment: Decimal | None = None,
) -> Decimal:
    """What ``person_id`` would earn in the month ``period`` if their main measure (the
    first rate-table component's, e.g. revenue) came to ``amount``, or to ``attainment``
    (1 = 100%) of its quota — the same engine and plan as their statement, gates and all.
    For forecasting's quota scenarios: the expected commission cost at an attainment."""
    if (amount is None) == (attainment is None):
        raise ValueError("give exactly one of amount and attainment")
    month = month_parse(period)
    people = {person_id}
    now = month_drafts(month, person_ids=people).get(person_id, [])
    main = next((d for d in now if d.quota is not None and d.measure_total is not None), None)
    if main is None:
        return sum((d.amount for d in now), ZERO)
    assert main.measure_total is not None
    assert main.quota is not None
    wanted = amount if amount is not None else main.quota * (attainment or ZERO)
    assert main.component is not None
    then = month_drafts(
        month,
        person_ids=people,
        extra={person_id: wanted - main.measure_total},
        extra_measures=frozenset({main.component.measure}),
    )
    return sum((d.amount for d in then.get(person_id, [])), ZERO)
