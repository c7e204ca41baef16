from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from salestarget.org.scoping import request_scope


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The landing page per role; each area fills its panel in ``web/home_<role>.html``."""
    scope = request_scope(request)
    return render(request, "web/home.html", {"role": scope.role})


def health(request: HttpRequest) -> HttpResponse:
    """For load balancers and the benchmark's reference: the app is up and reaches the DB."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
