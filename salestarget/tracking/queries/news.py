"""The good-news feed (喜报), through the caller's scope.

Leaders and finance see the milestones of their subtree; a rep sees their team's (whose
milestones are announced to the team), with figures only on their own.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from salestarget.org.scoping import Scope
from salestarget.tracking.models import GoodNews


def news_visible(scope: Scope) -> QuerySet[GoodNews]:
    qs = GoodNews.objects.select_related("person", "node").order_by("-happened_on", "-pk")
    if scope.everything:
        return qs
    if scope.is_rep or not scope.root_paths:
        own = Q(person_id=scope.person_id if scope.person_id is not None else -1)
        if scope.home_node_id is not None:
            own |= Q(node_id=scope.home_node_id)
        return qs.filter(own)
    return qs.filter(scope.node_q("node") | Q(person__in=scope.people()))


def shows_figures(scope: Scope, item: GoodNews) -> bool:
    """Whether the caller may see the event's figures (not only that it happened)."""
    return not scope.is_rep or item.person_id == scope.person_id
