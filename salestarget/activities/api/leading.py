"""Leading indicators over the API: the caller's team (a node of their subtree, by default
their own) or, for a rep, their own figures; read from the rollups like the page.

(No ``from __future__ import annotations``: django-ninja reads the schemas' annotations.)
"""

import datetime as dt
from decimal import Decimal

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field

from salestarget.activities.queries.leading import FunnelRow, leading_indicators
from salestarget.org.models import OrgNode
from salestarget.org.scoping import request_scope
from salestarget.targets.progress import progress_day
from salestarget.ui.params import Id

router = Router(tags=["activities"])


class FunnelOut(Schema):
    person_id: int | None
    person: str | None
    visits: int
    new_customer_visits: int
    opportunities: int
    won: int
    new_customers: int
    visits_per_new_customer: int | None = Field(description="1 new customer in this many")
    visit_to_opportunity: Decimal | None
    opportunity_to_won: Decimal | None


class PaceOut(Schema):
    metric: str
    goal: Decimal
    done: Decimal
    week_visits: int
    days_left: int = Field(description="working days after the day in the month")
    more_visits: int = Field(description="visits beyond this week's pace the month needs")


class RelationOut(Schema):
    periods: int
    correlation: Decimal | None
    result_attainment_when_active: Decimal | None
    result_attainment_otherwise: Decimal | None


class LeadingOut(Schema):
    node_id: int | None
    start: dt.date
    end: dt.date
    team: FunnelOut
    people: list[FunnelOut]
    pace: PaceOut | None
    relation: RelationOut


class LeadingQuery(Schema):
    node_id: Id | None = Field(None, description="a node of your subtree (default: your own)")


def _funnel(row: FunnelRow) -> dict[str, object]:
    return {
        "person_id": row.person.pk if row.person else None,
        "person": row.person.name if row.person else None,
        "visits": row.visits,
        "new_customer_visits": row.new_customer_visits,
        "opportunities": row.opportunities,
        "won": row.won,
        "new_customers": row.new_customers,
        "visits_per_new_customer": row.visits_per_new_customer,
        "visit_to_opportunity": row.visit_to_opportunity,
        "opportunity_to_won": row.opportunity_to_won,
    }


@router.get("/leading", response=LeadingOut, summary="Leading indicators of a team")
def get_leading(request: HttpRequest, query: Query[LeadingQuery]) -> dict[str, object]:
    scope = request_scope(request)
    node = None
    if query.node_id is not None:
        node = OrgNode.objects.filter(pk=query.node_id).first()
        if node is None or not scope.can_view_node(node):
            raise Http404
    today = progress_day() or timezone.localdate()
    leading = leading_indicators(scope, today=today, node=node)
    if leading is None:
        raise Http404
    pace = leading.pace
    r = leading.relation
    return {
        "node_id": leading.node.pk if leading.node else None,
        "start": leading.start,
        "end": leading.end,
        "team": _funnel(leading.team),
        "people": [_funnel(p) for p in leading.people],
        "pace": None
        if pace is None
        else {
            "metric": pace.metric,
            "goal": pace.goal,
            "done": pace.done,
            "week_visits": pace.week_visits,
            "days_left": pace.days_left,
            "more_visits": pace.more,
        },
        "relation": {
            "periods": r.periods,
            "correlation": r.correlation,
            "result_attainment_when_active": r.when_active,
            "result_attainment_otherwise": r.otherwise,
        },
    }
