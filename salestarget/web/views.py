from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from salestarget.catalog import queries as catalog_queries
from salestarget.catalog.models import CalendarDay, Product
from salestarget.org import queries as org_queries
from salestarget.org.models import OrgNode, Person, Role
from salestarget.org.scoping import Scope, request_scope
from salestarget.web.home import home_slots


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The landing page per role (``web/home_<role>.html``); areas fill its panel slots
    through ``ui.home.home_panel_register``."""
    scope = request_scope(request)
    person = org_queries.person_of_user(request.user)
    home_node = (
        OrgNode.objects.select_related("parent").filter(pk=scope.home_node_id).first()
        if scope.home_node_id
        else None
    )
    context: dict[str, object] = {
        "role": scope.role,
        "person": person,
        "home_node": home_node,
        "summary": _summary(scope),
        "slots": home_slots(scope.role),
    }
    context |= _role_context(scope, home_node)
    names = [f"web/home_{scope.role}.html", "web/home.html"] if scope.role else ["web/home.html"]
    return render(request, names, context)


def _summary(scope: Scope) -> dict[str, int]:
    """How much of the company this user can see: the scope, in three numbers."""
    return {
        "nodes": scope.nodes().filter(is_active=True).count(),
        "people": scope.people().filter(is_active=True).count(),
        "customers": catalog_queries.customers_visible(scope, active=True).count(),
    }


def _role_context(scope: Scope, home_node: OrgNode | None) -> dict[str, object]:
    if scope.role in {Role.MANAGER, Role.EXECUTIVE}:
        # The units directly below the top of the scope, with their people today.
        tree = org_queries.node_tree(scope, active=True)
        units = [n for n in tree if n.indent == 1][:12]  # type: ignore[attr-defined]
        # A team lead's team has no units below it: their people are what they lead.
        tops = [n for n in tree if n.indent == 0] if not units else []  # type: ignore[attr-defined]
        members = list(org_queries.node_members(tops[0])) if len(tops) == 1 else []
        return {"units": units, "members": members}
    if scope.role == Role.REP:
        managers = org_queries.node_members(home_node).filter(is_manager=True) if home_node else []
        return {"managers": managers}
    if scope.role in {Role.ADMIN, Role.FINANCE}:
        year = timezone.localdate().year
        return {
            "this_year": year,
            "calendar_days": CalendarDay.objects.filter(date__year=year).count(),
            "product_count": Product.objects.filter(is_active=True).count(),
            "people_without_login": Person.objects.filter(
                is_active=True, user__isnull=True
            ).count(),
        }
    return {}


def health(request: HttpRequest) -> HttpResponse:
    """For load balancers and the benchmark's reference: the app is up and reaches the DB."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
