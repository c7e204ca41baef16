"""Returns of sales made in an earlier month, under plans with a clawback window.

A return keeps the order and line number of the line it returns (the importers and the demo
do), which finds the original sale. Under a plan with ``clawback_days`` a return whose sale was
not made earlier in the same month does not lower the month's measure (``late_returns`` adds
it back); when its sale lies within the window, a clawback line takes back what that sale
earned, at the rate it was paid (``core.commission.clawback``), from the person who was paid
for it.

"At the rate it was paid" means under what paid the sale, not what pays today: the sale's
month's statement lines (``queries.paid_lines``) give the plan version, the component and
its slice, the quota and the gate values of the day of the sale, so a person who changed plan
since, or a plan that got a new version, takes back exactly what the sale earned, across
every component it counted for. The window is the paying plan's (or, when that plan had none,
the current one's: the return is kept out of this month all the same).

The database finds the originals (within the window only, through the customer index) and
each one's running total in its component's days and slice (a window function); the
arithmetic is per returned line and paid component, never per sales line.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db.models import Max

from salestarget.core.commission.clawback import clawback, sale_earning
from salestarget.core.commission.components import ComponentInput, ComponentRule
from salestarget.core.periods import Period
from salestarget.incentives.models import CommissionPlan, LineKind
from salestarget.incentives.queries.engine import LineDraft
from salestarget.incentives.queries.measures import Window
from salestarget.incentives.queries.paid_lines import Key, PaidLine, paid_lines, running_before
from salestarget.incentives.queries.returns import ReturnedSale, returned_sales
from salestarget.incentives.rules import component_rule

ZERO = Decimal(0)


def clawback_drafts(
    month: Period, drafts: dict[int, list[LineDraft]], *, as_of: dt.date | None = None
) -> dict[int, list[LineDraft]]:
    """Clawback lines for the people in ``drafts`` whose earlier sales came back this month
    while a plan with a clawback window pays them (the engine kept those returns out)."""
    keeping: dict[int, int] = {}  # person → the longest window of this month's plans
    for lines in drafts.values():
        for d in lines:
            if d.kind == LineKind.COMPONENT and d.plan is not None and d.plan.clawback_days:
                keeping[d.person_id] = max(keeping.get(d.person_id, 0), d.plan.clawback_days)
    if not keeping:
        return {}
    end = min(month.end, as_of) if as_of else month.end
    # A sale paid under any plan's window can come back: look no further back than the longest.
    longest = CommissionPlan.objects.aggregate(n=Max("clawback_days"))["n"] or 0
    since = month.start - dt.timedelta(days=max(longest, *keeping.values()))
    returns = [
        r
        for r in returned_sales(Window(month.start, end), month.start, since)
        if r.orig_person in keeping
    ]
    if not returns:
        return {}
    paid = paid_lines(returns)
    before = running_before([(r, line) for r in returns for line in paid.get(r.orig_id, ())])
    out: dict[int, list[LineDraft]] = defaultdict(list)
    taken: dict[Key, tuple[Decimal, Decimal]] = {}  # what the sale's returns took so far
    rules: dict[int, ComponentRule] = {}
    for row in returns:
        for line in paid.get(row.orig_id, ()):
            window = line.plan.clawback_days or keeping[row.orig_person]
            rule = rules.get(line.component.pk)
            if rule is None:
                rule = rules[line.component.pk] = component_rule(line.component)
            out[row.orig_person].append(_draft(row, line, rule, before, window, taken))
    return dict(out)


def _draft(
    row: ReturnedSale,
    line: PaidLine,
    rule: ComponentRule,
    before: dict[Key, Decimal],
    window: int,
    taken: dict[Key, tuple[Decimal, Decimal]],
) -> LineDraft:
    """The clawback of ``row`` on one component that paid its sale, recording what the
    returns of that sale took back so far in ``taken`` (partial returns add up)."""
    sale = row.orig_amount
    key = line.key(row.orig_id)
    given = ComponentInput(before.get(key, ZERO), line.quota, line.gate_values)
    earned = sale_earning(rule, given, sale)
    returned, already = taken.get(key, (ZERO, ZERO))
    returned = min(returned - row.amount, sale)
    result = clawback(
        earned=earned,
        sale_amount=sale,
        returned_to_date=returned,
        already_taken=already,
        sold_on=row.orig_day,
        returned_on=row.sold_on,
        window_days=window,
    )
    taken[key] = (returned, already - result.amount)
    return LineDraft(
        person_id=row.orig_person,
        kind=LineKind.CLAWBACK,
        label=line.component.name,
        amount=result.amount,
        plan=line.plan,
        component=line.component,
        span=(row.orig_day, row.sold_on),
        measure_total=row.amount,
        quota=line.quota,
        steps=[s.as_data() for s in result.steps],
    )
