"""A person's grade history and trend (等级历史): every cycle that reached feedback, with its
total score and final grade, as a list and an ECharts line (the chart reads its JSON).
Seen by the person and by whoever's scope covers them, like their scorecards."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from salestarget.assessment.queries.cards import grade_history
from salestarget.assessment.views.common import scope
from salestarget.org.models import Person


def _person(request: HttpRequest, pk: int) -> Person:
    person = Person.objects.filter(pk=pk).first()
    if person is None or not scope(request).can_view_person(person):
        raise Http404
    return person


@login_required
def history(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    return render(
        request,
        "assessment/history.html",
        {"person": person, "cards": list(reversed(grade_history(person)))},
    )


@login_required
def history_chart(request: HttpRequest, pk: int) -> JsonResponse:
    """``{"periods": [...], "scores": [...], "grades": [...]}``, oldest first; a score is a
    string (exact), null for someone too new to rate."""
    cards = grade_history(_person(request, pk))
    return JsonResponse(
        {
            "periods": [c.cycle.period for c in cards],
            "scores": [None if c.total_score is None else str(c.total_score) for c in cards],
            "grades": [c.grade for c in cards],
        }
    )
