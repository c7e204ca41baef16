"""What-if for reps: "if I close 200,000 more this month, I earn X more" — the same engine
on the same data, with the extra amount added to the person's money measures."""

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
