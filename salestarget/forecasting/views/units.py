"""The unit a leader's forecasting page is about: one of the units of their scope, the first
when the request names none. Reps have no unit pages."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from salestarget.org.models import OrgNode
from salestarget.org.scoping import request_scope


def unit_from_request(request: HttpRequest) -> tuple[list[OrgNode], OrgNode | None]:
    """The units the reader may choose from and the one chosen by `?node=` (404 when it is
    not one of them)."""
    scope = request_scope(request)
    if scope.is_rep or not (scope.everything or scope.root_paths):
        raise PermissionDenied
    nodes = list(scope.nodes().order_by("path"))
    wanted = request.GET.get("node", "")
    node = next((n for n in nodes if str(n.pk) == wanted), None) if wanted else None
    if wanted and node is None:
        raise Http404
    return nodes, node or (nodes[0] if nodes else None)
