"""A plan's components (提成项) and the plan total.

A component pays on one measure total a person reached in a period:

* ``RATE_TABLE`` — a rate table against a quota (see ``rates``), under its gates;
* ``PER_UNIT`` — a fixed amount per unit (per new customer, per device sold);
* ``PER_DEAL`` — a fixed bonus per qualifying deal (the app counts the deals);
* ``SPIF`` — an extra rate on what was sold of a product or customer type between two
  dates (the app sums the window; ``applies_on`` says which dates count).

Gates are applied in order: a NO_ACCELERATOR gate changes the table before paying, a
MULTIPLY gate scales the payout, a BLOCK gate pays nothing. The component cap comes last;
the plan cap is applied across components by ``plan_payout``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from salestarget.core.commission.gates import Gate, GateEffect
from salestarget.core.commission.rates import ZERO, RateTable, attainment, table_payout
from salestarget.core.commission.steps import Payout, Step, StepKind
from salestarget.core.money import DECIMAL_CONTEXT, as_decimal, quantize


class ComponentKind(StrEnum):
    RATE_TABLE = "rate_table"
    PER_UNIT = "per_unit"
    PER_DEAL = "per_deal"
    SPIF = "spif"


@dataclass(frozen=True)
class ComponentRule:
    code: str
    kind: ComponentKind = ComponentKind.RATE_TABLE
    table: RateTable | None = None
    amount: Decimal = ZERO  # per unit or per deal
    rate: Decimal = ZERO  # a SPIF's extra rate
    starts: date | None = None  # a SPIF's window, both ends inclusive
    ends: date | None = None
    gates: tuple[Gate, ...] = ()
    cap: Decimal | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", ComponentKind(self.kind))
        if self.kind is ComponentKind.RATE_TABLE and self.table is None:
            raise ValueError(f"component {self.code}: a rate-table component needs a table")
        if self.cap is not None and self.cap < 0:
            raise ValueError(f"component {self.code}: a cap cannot be negative")
        if self.amount < 0 or self.rate < 0:
            raise ValueError(f"component {self.code}: amounts and rates cannot be negative")
        if self.starts and self.ends and self.ends < self.starts:
            raise ValueError(f"component {self.code}: the SPIF ends before it starts")

    def applies_on(self, day: date) -> bool:
        """Whether a sale on ``day`` counts for this component (always, but for a SPIF)."""
        return (self.starts is None or day >= self.starts) and (
            self.ends is None or day <= self.ends
        )


@dataclass(frozen=True)
class ComponentInput:
    total: Decimal  # the measure total (money, units, deals, the SPIF window's amount)
    quota: Decimal = ZERO
    gate_values: Mapping[str, Decimal | None] = field(default_factory=dict)


@dataclass(frozen=True)
class ComponentResult:
    code: str
    payout: Decimal
    total: Decimal
    quota: Decimal
    attainment: Decimal | None
    steps: tuple[Step, ...]


def component_payout(
    rule: ComponentRule, given: ComponentInput, decimals: int = 2, *, explain: bool = True
) -> ComponentResult:
    """What ``rule`` pays on ``given``, step by step (no steps when ``explain`` is False:
    the amount alone, for what-ifs and clawbacks). Pure: the same input pays the same."""
    total = as_decimal(given.total, "total")
    quota = as_decimal(given.quota, "quota")
    steps: list[Step] | None = [Step.of(StepKind.MEASURE, total)] if explain else None
    if steps is not None and rule.kind is ComponentKind.RATE_TABLE:
        steps.append(Step.of(StepKind.QUOTA, quota))
    table = rule.table
    factor = Decimal(1)
    blocked = False
    for gate in rule.gates:
        value = given.gate_values.get(gate.measure)
        if steps is not None:
            steps.append(gate.step(value))
        if gate.is_met(value):
            continue
        if gate.effect is GateEffect.BLOCK:
            blocked = True
        elif gate.effect is GateEffect.MULTIPLY:
            factor = DECIMAL_CONTEXT.multiply(factor, gate.factor)
        elif table is not None:
            table = gate.table_when_missed(table)
    pay = _base_payout(rule, table, total, quota, steps, decimals)
    if blocked:
        pay = ZERO
    elif factor != 1:
        pay = quantize(DECIMAL_CONTEXT.multiply(pay, factor), decimals)
    if rule.cap is not None and pay > rule.cap:
        if steps is not None:
            steps.append(Step.of(StepKind.CAP, rule.cap, uncapped=pay, cap=rule.cap))
        pay = rule.cap
    if steps is None:
        return ComponentResult(rule.code, pay, total, quota, None, ())
    steps.append(Step.of(StepKind.TOTAL, pay))
    reached = attainment(total, quota) if rule.kind is ComponentKind.RATE_TABLE else None
    return ComponentResult(rule.code, pay, total, quota, reached, tuple(steps))


def _base_payout(
    rule: ComponentRule,
    table: RateTable | None,
    total: Decimal,
    quota: Decimal,
    steps: list[Step] | None,
    decimals: int,
) -> Decimal:
    ctx = DECIMAL_CONTEXT
    if rule.kind is ComponentKind.RATE_TABLE:
        assert table is not None  # checked by ComponentRule
        paid = table_payout(table, total, quota, decimals, explain=steps is not None)
        if steps is not None:
            steps.extend(paid.steps)
        return paid.amount
    positive = max(total, ZERO)
    if rule.kind is ComponentKind.SPIF:
        pay = quantize(ctx.multiply(positive, rule.rate), decimals)
        if steps is not None:
            steps.append(Step.of(StepKind.SPIF, pay, amount=positive, rate=rule.rate))
        return pay
    pay = quantize(ctx.multiply(positive, rule.amount), decimals)
    kind = StepKind.PER_UNIT if rule.kind is ComponentKind.PER_UNIT else StepKind.PER_DEAL
    if steps is not None:
        steps.append(Step.of(kind, pay, units=positive, each=rule.amount))
    return pay


@dataclass(frozen=True)
class PlanResult:
    total: Decimal
    components: tuple[ComponentResult, ...]
    steps: tuple[Step, ...]


def plan_payout(components: Sequence[ComponentResult], cap: Decimal | None = None) -> PlanResult:
    """The plan's total over its components, cut to the plan cap when one is set."""
    total = sum((c.payout for c in components), ZERO)
    steps: list[Step] = []
    if cap is not None and total > cap:
        steps.append(Step.of(StepKind.PLAN_CAP, cap, uncapped=total, cap=cap))
        total = cap
    steps.append(Step.of(StepKind.TOTAL, total))
    return PlanResult(total, tuple(components), tuple(steps))


def period_due(*, cumulative: Decimal, prior_paid: Decimal) -> Payout:
    """Year-to-date plans: what this period pays is the cumulative payout less what earlier
    periods paid (negative when a late return lowered the cumulative figure)."""
    due = DECIMAL_CONTEXT.subtract(cumulative, prior_paid)
    return Payout(
        due, (Step.of(StepKind.PRIOR_PAID, due, cumulative=cumulative, prior=prior_paid),)
    )


def what_if(
    rule: ComponentRule, given: ComponentInput, extra: Decimal, decimals: int = 2
) -> Decimal:
    """How much more ``rule`` pays if the measure rises by ``extra`` ("if I close 200,000
    more this month, I earn X more")."""
    now = component_payout(rule, given, decimals, explain=False).payout
    more = ComponentInput(DECIMAL_CONTEXT.add(given.total, extra), given.quota, given.gate_values)
    return DECIMAL_CONTEXT.subtract(
        component_payout(rule, more, decimals, explain=False).payout, now
    )
