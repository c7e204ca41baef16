"""What one sale earned, clawback on its return, and earning on collection (回款提成).

* A sale earns the difference it made to its component's payout: the payout with the sale
  less the payout without it (``what_if`` from the total before it). Across tiers this is the
  blend of the rates its slices were paid at; the earnings of a period's sales add up to the
  period's payout exactly, since each payout is rounded once and the differences telescope.
* A return within ``window_days`` of the sale takes back exactly what the returned part
  earned, at the rate it was paid: the whole earning for a full return; for partial returns
  each takes back the cumulative share less what was already taken, so the parts add up to
  the whole. After the window nothing is taken back.
* A collection-based component earns when the customer pays: the sale's commission ×
  collected / invoiced, cumulatively, so partial payments add up to the whole commission.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from salestarget.core.commission.components import ComponentInput, ComponentRule, what_if
from salestarget.core.commission.rates import ZERO
from salestarget.core.commission.steps import Payout, Step, StepKind
from salestarget.core.money import DECIMAL_CONTEXT, as_decimal, quantize


def sale_earning(
    rule: ComponentRule, before: ComponentInput, sale_amount: Decimal, decimals: int = 2
) -> Decimal:
    """What a sale of ``sale_amount`` earned on top of the period's total ``before`` it."""
    return what_if(rule, before, as_decimal(sale_amount, "sale_amount"), decimals)


def clawback(
    *,
    earned: Decimal,
    sale_amount: Decimal,
    returned_to_date: Decimal,
    already_taken: Decimal = ZERO,
    sold_on: date,
    returned_on: date,
    window_days: int,
    decimals: int = 2,
) -> Payout:
    """The (negative) amount a return takes back. ``returned_to_date`` is every return of
    the sale so far including this one, as a positive amount; ``already_taken`` what
    earlier returns took back, as a positive amount."""
    if window_days < 0:
        raise ValueError("the clawback window cannot be negative")
    sold = as_decimal(sale_amount, "sale_amount")
    back = as_decimal(returned_to_date, "returned_to_date")
    if sold <= 0:
        raise ValueError(f"only a sale can be returned, not an amount of {sold}")
    if back < 0 or back > sold:
        raise ValueError(f"returned {back} of a sale of {sold}: between 0 and the sale")
    days = (returned_on - sold_on).days
    if days < 0:
        raise ValueError(f"a return on {returned_on} comes before its sale on {sold_on}")
    if days > window_days:
        step = Step.of(StepKind.CLAWBACK_OUTSIDE, ZERO, days=days, window=window_days)
        return Payout(ZERO, (step,))
    ctx = DECIMAL_CONTEXT
    share = ctx.divide(back, sold)
    due = quantize(ctx.multiply(earned, share), decimals)
    taken = ctx.subtract(due, already_taken)
    step = Step.of(
        StepKind.CLAWBACK,
        -taken,
        earned=earned,
        sale=sold,
        returned=back,
        days=days,
        window=window_days,
    )
    return Payout(-taken, (step,))


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
