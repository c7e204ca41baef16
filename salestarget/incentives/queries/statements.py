"""Which statements a user may read, and the sales lines behind a statement line.

A rep reads their own statements; a manager those of the people in their subtree
(read-only, but for the review); finance, executives and admins everything."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet

from salestarget.actuals.models import Payment, SalesLine
from salestarget.incentives.models import (
    PAYS_BY_ATTAINMENT,
    Dispute,
    LineKind,
    PlanComponent,
    Statement,
    StatementLine,
)
from salestarget.incentives.queries.measures import Window
from salestarget.incentives.queries.returns import returned_sales
from salestarget.org.scoping import Scope
from salestarget.targets.company_metrics import metric_definition


def statements_visible(scope: Scope) -> QuerySet[Statement]:
    return Statement.objects.filter(scope.people_q("person")).select_related("person")


def disputes_visible(scope: Scope) -> QuerySet[Dispute]:
    return Dispute.objects.filter(scope.people_q("statement__person")).select_related(
        "statement__person", "raised_by"
    )


def lines_behind(line: StatementLine, *, search: str = "") -> QuerySet[Any]:
    """The facts a component line was measured on: sales lines (or payments for a
    collections measure) of the person in the line's window, newest first, for paging; for
    a clawback line, the returns it took back."""
    if line.kind not in (LineKind.COMPONENT, LineKind.CLAWBACK) or line.component is None:
        return SalesLine.objects.none()
    assert line.span_start is not None
    assert line.span_end is not None
    component = line.component
    person_id = line.statement.person_id
    if "payment" in metric_definition(component.measure).fact_names:
        return (
            Payment.objects.filter(
                person_id=person_id, received_on__range=(line.span_start, line.span_end)
            )
            .select_related("customer")
            .order_by("-received_on", "-pk")
        )
    if line.kind == LineKind.CLAWBACK:
        lines = SalesLine.objects.filter(pk__in=_returns_behind(line))
    else:
        window = Window(
            line.span_start, line.span_end, component.product_line_id, component.customer_type_id
        )
        lines = SalesLine.objects.filter(window.lines_q(), person_id=person_id)
    if search:
        lines = lines.filter(
            Q(order_no__icontains=search)
            | Q(customer__name__icontains=search)
            | Q(product__name__icontains=search)
        )
    return lines.select_related("customer", "product").order_by("-sold_on", "-pk")


def _returns_behind(line: StatementLine) -> list[int]:
    """The returns a clawback line took back: the late returns of its statement's month, in
    its component's slice, of the person's sales in the line's days (the days of the line
    that paid them; ``queries.clawbacks``)."""
    assert line.component is not None
    assert line.span_start is not None
    assert line.span_end is not None
    statement = line.statement
    window = Window(
        statement.period_start,
        statement.period_end,
        line.component.product_line_id,
        line.component.customer_type_id,
    )
    return [
        r.pk
        for r in returned_sales(window, statement.period_start, line.span_start)
        if r.orig_person == statement.person_id and r.orig_day <= line.span_end
    ]


def expected_total(scope: Scope, period: str) -> Decimal | None:
    """The rep's own statement total for ``period`` (estimate or final), for the home panel."""
    if scope.person_id is None:
        return None
    found = Statement.objects.filter(person_id=scope.person_id, period=period).first()
    return found.total if found else None


def people_without_quota(scope: Scope, period: str) -> list[str]:
    """The names of the people whose ``period`` statement has a line paying by attainment
    with no quota for its span (paid 0 for want of a target), in name order."""
    lines = StatementLine.objects.filter(
        Q(quota__isnull=True) | Q(quota=0),  # the engine stores a missing quota as 0
        statement__in=statements_visible(scope).filter(period=period),
        kind=LineKind.COMPONENT,
        component__in=PlanComponent.objects.filter(PAYS_BY_ATTAINMENT),
    )
    people = lines.values_list("statement__person_id", "statement__person__name").distinct()
    return [name for _pk, name in people.order_by("statement__person__name")]
