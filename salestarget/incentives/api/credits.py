"""Split credit (分成) and overlay credit over the API: who is credited with an order, by
share. Finance sets and removes them; everyone reads the orders of their scope (a rep those
they sold or share in, a manager their subtree's, finance all), each share with what it
credits, to the cent. People are named by employee number, shares as fractions (0.5 is
50%); a split must add up to exactly 1."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import ConfigDict

from salestarget.incentives.api.access import finance_user
from salestarget.incentives.models import CreditKind
from salestarget.incentives.queries.credits import CreditedOrder, credited_orders
from salestarget.incentives.services.credits import credit_split_delete, credit_split_save
from salestarget.org.models import Person
from salestarget.org.scoping import request_scope
from salestarget.ui.params import query_param

router = Router()


class CreditSplitIn(Schema):
    order_no: str
    kind: str = CreditKind.SPLIT.value
    shares: dict[str, Decimal]  # employee number → share (0.5 is 50%)

    model_config = ConfigDict(extra="forbid")


class ShareOut(Schema):
    person_id: int
    employee_no: str
    person: str
    share: Decimal
    credited: Decimal


class CreditOut(Schema):
    order_no: str
    kind: str
    amount: Decimal
    first_sold: dt.date | None
    last_sold: dt.date | None
    sellers: list[str]
    shares: list[ShareOut]


def _out(order: CreditedOrder) -> dict[str, Any]:
    return {
        "order_no": order.order_no,
        "kind": order.kind,
        "amount": order.amount,
        "first_sold": order.first_sold,
        "last_sold": order.last_sold,
        "sellers": list(order.sellers),
        "shares": [
            {
                "person_id": s.person.pk,
                "employee_no": s.person.employee_no,
                "person": s.person.name,
                "share": s.share,
                "credited": s.credited,
            }
            for s in order.shares
        ],
    }


@router.get("/credit-splits", response=list[CreditOut])
def credit_list(
    request: HttpRequest,
    order_no: str = query_param("", description="only this order's credit"),
) -> Any:
    """The credited orders the caller may see, newest first (at most 200)."""
    return [_out(o) for o in credited_orders(request_scope(request), order_no=order_no.strip())]


@router.put("/credit-splits", response=CreditOut)
def credit_put(request: HttpRequest, payload: CreditSplitIn) -> Any:
    """Replace an order's split (shares adding up to 1) or overlay credit; a share that
    does not add up, an unknown employee number or order is a 422 naming it, and changes
    nothing."""
    user = finance_user(request)
    people = Person.objects.in_bulk(list(payload.shares), field_name="employee_no")
    unknown = sorted(set(payload.shares) - set(people))
    if unknown:
        raise ValidationError(
            {"shares": _("没有这些工号的人员：%(nos)s") % {"nos": ", ".join(unknown[:10])}}
        )
    credit_split_save(
        order_no=payload.order_no,
        kind=payload.kind,
        shares={people[no]: share for no, share in payload.shares.items()},
        by=user,
    )
    found = credited_orders(request_scope(request), order_no=payload.order_no.strip())
    return next(_out(o) for o in found if o.kind == payload.kind)


@router.delete("/credit-splits", response={204: None})
def credit_delete(
    request: HttpRequest,
    order_no: str = query_param(..., description="the order whose credit is removed"),
    kind: str = query_param("split", description="split or overlay"),
) -> Any:
    """Remove an order's split or overlay credit: its sellers are credited again."""
    credit_split_delete(order_no=order_no.strip(), kind=kind, by=finance_user(request))
    return Status(204, None)
