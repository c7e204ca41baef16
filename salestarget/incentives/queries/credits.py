"""Which orders' split and overlay credit a reader may see, with what each person is
credited, to the cent.

Finance, executives and admins see every order; a manager the orders their subtree's people
sold or are credited with; a rep the orders they sold or share in. Each order is read with
its whole amount (all its lines), divided by ``core.commission.crediting`` exactly as the
engine divides it in ``queries.measures.credit_moves``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max, Min, Sum

from salestarget.actuals.models import SalesLine
from salestarget.core.commission.crediting import CreditError, overlay_credit, split_credit
from salestarget.incentives.models import CreditKind, CreditSplit
from salestarget.org.models import Person
from salestarget.org.scoping import Scope

ZERO = Decimal(0)


@dataclass(frozen=True)
class CreditedShare:
    person: Person
    share: Decimal
    credited: Decimal


@dataclass(frozen=True)
class CreditedOrder:
    order_no: str
    kind: str
    amount: Decimal
    first_sold: dt.date | None
    last_sold: dt.date | None
    sellers: tuple[str, ...]
    shares: tuple[CreditedShare, ...]


def credit_orders_visible(scope: Scope) -> set[str]:
    """The order numbers with split or overlay credit ``scope`` may read."""
    credited = CreditSplit.objects.filter(scope.people_q("person")).values_list(
        "order_no", flat=True
    )
    if scope.everything:
        return set(CreditSplit.objects.values_list("order_no", flat=True))
    sold = (
        SalesLine.objects.filter(
            scope.facts_q(), order_no__in=CreditSplit.objects.values("order_no")
        )
        .values_list("order_no", flat=True)
        .distinct()
    )
    return set(credited) | set(sold)


def credited_orders(scope: Scope, *, order_no: str = "", limit: int = 200) -> list[CreditedOrder]:
    """The credited orders ``scope`` may see (one order when ``order_no`` is given), newest
    first, each share with its amount. A few grouped queries, whatever the number of orders."""
    wanted = credit_orders_visible(scope)
    if order_no:
        wanted &= {order_no}
    splits = list(
        CreditSplit.objects.filter(order_no__in=wanted)
        .select_related("person")
        .order_by("order_no", "kind", "-share", "person__name")
    )
    orders = {s.order_no for s in splits}
    totals = {
        row["order_no"]: row
        for row in SalesLine.objects.filter(order_no__in=orders)
        .values("order_no")
        .annotate(amount=Sum("amount"), first=Min("sold_on"), last=Max("sold_on"))
        .order_by()
    }
    sellers: dict[str, set[str]] = defaultdict(set)
    for no, name in (
        SalesLine.objects.filter(order_no__in=orders)
        .values_list("order_no", "person__name")
        .distinct()
    ):
        sellers[no].add(name)
    grouped: dict[tuple[str, str], list[CreditSplit]] = defaultdict(list)
    for split in splits:
        grouped[(split.order_no, split.kind)].append(split)
    out = []
    for (no, kind), rows in grouped.items():
        total = totals.get(no, {})
        amount = Decimal(total.get("amount") or ZERO)
        out.append(
            CreditedOrder(
                order_no=no,
                kind=kind,
                amount=amount,
                first_sold=total.get("first"),
                last_sold=total.get("last"),
                sellers=tuple(sorted(sellers.get(no, ()))),
                shares=_shares(amount, kind, rows),
            )
        )
    out.sort(key=lambda o: (o.last_sold or dt.date.min, o.order_no), reverse=True)
    return out[:limit]


def _shares(amount: Decimal, kind: str, rows: list[CreditSplit]) -> tuple[CreditedShare, ...]:
    by_key = {str(r.person_id): r.share for r in rows}
    try:
        if kind == CreditKind.SPLIT:
            parts = split_credit(amount, by_key)
        else:
            parts = overlay_credit(amount, by_key)
    except CreditError:  # saved before the checks existed: shown, credited nothing
        parts = {}
    return tuple(
        CreditedShare(person=r.person, share=r.share, credited=parts.get(str(r.person_id), ZERO))
        for r in rows
    )
