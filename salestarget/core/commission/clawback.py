"""Clawback on returns (退货追回), and earning on collection (回款提成).

* A return within ``window_days`` of its sale takes back what the month that paid the sale
  paid for the returned amount: that month's payout with its measure as it stood less the
  payout with the returned amount taken off it, under the month's own quota, gate values
  and table (``clawback``). All of a paying month's returns of one period are taken back
  at once, and the periods' parts telescope: returns in several parts take back exactly the
  month's payout less what it would have paid without them, to the cent. This is the
  month recalculated without the returned goods — what a return in the sale's own month
  does to the measure — so a late return leaves the rep exactly where an early one would,
  whatever the order the month's sales came in (a cap reached anyway takes nothing back;
  an accelerated slice is taken back at its accelerated rate).
* After the window nothing is taken back (``within_window``).
* A collection-based component earns when the customer pays: the sale's commission ×
  collected / invoiced, cumulatively, so partial payments add up to the whole commission.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from salestarget.core.commission.components import ComponentInput, ComponentRule, component_payout
from salestarget.core.commission.rates import ZERO
from salestarget.core.commission.steps import Payout, Step, StepKind
from salestarget.core.money import DECIMAL_CONTEXT, as_decimal, quantize


def within_window(*, sold_on: date, returned_on: date, window_days: int) -> bool:
    """Whether a return on ``returned_on`` of a sale on ``sold_on`` is clawed back."""
    if window_days < 0:
        raise ValueError("the clawback window cannot be negative")
    days = (returned_on - sold_on).days
    if days < 0:
        raise ValueError(f"a return on {returned_on} comes before its sale on {sold_on}")
    return days <= window_days


def clawback(
    rule: ComponentRule,
    paid: ComponentInput,
    *,
    returned: Decimal,
    returned_before: Decimal = ZERO,
    outside: Decimal = ZERO,
    window_days: int,
    decimals: int = 2,
) -> Payout:
    """What a period's returns take back (negative) from the month ``paid`` describes (its
    measure total as it was paid, quota and gate values). ``returned`` is what came back
    within the window this period, ``returned_before`` what earlier periods' returns of the
    same month's sales took off it, ``outside`` what came back after the window (nothing
    taken: shown only); all positive amounts."""
    back = as_decimal(returned, "returned")
    before = as_decimal(returned_before, "returned_before")
    late = as_decimal(outside, "outside")
    if back < 0 or before < 0 or late < 0:
        raise ValueError("returned amounts are given as positive amounts")
    ctx = DECIMAL_CONTEXT
    standing = ctx.subtract(paid.total, before)
    left = ctx.subtract(standing, back)
    then = component_payout(rule, _at(paid, standing), decimals, explain=False).payout
    now = component_payout(rule, _at(paid, left), decimals, explain=False).payout if back else then
    taken = ctx.subtract(now, then)
    steps = [
        Step.of(
            StepKind.CLAWBACK,
            taken,
            measure=paid.total,
            before=before,
            returned=back,
            paid=then,
            left=now,
            window=window_days,
        )
    ]
    if late:
        steps.append(Step.of(StepKind.CLAWBACK_OUTSIDE, ZERO, returned=late, window=window_days))
    return Payout(taken, tuple(steps))


def _at(paid: ComponentInput, total: Decimal) -> ComponentInput:
    return ComponentInput(total, paid.quota, paid.gate_values)


def collection_earning(
    *,
    commission: Decimal,
    invoiced: Decimal,
    collected_to_date: Decimal,
    earned_before: Decimal = ZERO,
    decimals: int = 2,
) -> Payout:
    """What a collection-based sale earns now: its ``commission`` × collected / invoiced
    (capped at the invoice), less what earlier payments already earned."""
    billed = as_decimal(invoiced, "invoiced")
    if billed <= 0:
        raise ValueError(f"an invoice of {billed} cannot be collected on")
    ctx = DECIMAL_CONTEXT
    paid = min(max(as_decimal(collected_to_date, "collected_to_date"), ZERO), billed)
    due = quantize(ctx.divide(ctx.multiply(commission, paid), billed), decimals)
    now = ctx.subtract(due, earned_before)
    step = Step.of(StepKind.COLLECTION, now, commission=commission, invoiced=billed, collected=paid)
    return Payout(now, (step,))
