"""The facts behind one statement line over the API, paged, as on its page and in its CSV
(``queries.statements.lines_behind``): the sales lines a component line was measured on (or
the payments of a collections measure), the returns a clawback line took back. Scoped as
the statement: a rep their own lines, a manager their subtree's, finance all.

No ``from __future__ import annotations`` here: ``@paginate`` resolves the path parameter's
annotation in its own module, where ``LineId`` is not defined."""

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from salestarget.incentives.models import StatementLine
from salestarget.incentives.queries.statements import lines_behind, statements_visible
from salestarget.org.scoping import request_scope
from salestarget.ui.params import path_id, query_param

router = Router()
LineId = Annotated[int, path_id("the statement line")]


class FactOut(Schema):
    id: int
    day: dt.date
    order_no: str
    customer: str
    product: str
    quantity: Decimal | None
    amount: Decimal

    @staticmethod
    def resolve_day(obj: Any) -> dt.date:
        day: dt.date = getattr(obj, "sold_on", None) or obj.received_on
        return day

    @staticmethod
    def resolve_customer(obj: Any) -> str:
        return str(obj.customer.name)

    @staticmethod
    def resolve_product(obj: Any) -> str:
        product = getattr(obj, "product", None)
        return str(product.name) if product else ""

    @staticmethod
    def resolve_order_no(obj: Any) -> str:
        return str(getattr(obj, "order_no", ""))

    @staticmethod
    def resolve_quantity(obj: Any) -> Decimal | None:
        return getattr(obj, "quantity", None)


@router.get("/lines/{line_id}/facts", response=list[FactOut])
@paginate
def line_facts(
    request: HttpRequest,
    line_id: LineId,
    q: str = query_param("", description="only facts whose order, customer or product has this"),
) -> Any:
    visible = statements_visible(request_scope(request))
    line = get_object_or_404(
        StatementLine.objects.filter(statement__in=visible).select_related(
            "statement", "component"
        ),
        pk=line_id,
    )
    return lines_behind(line, search=q.strip())
