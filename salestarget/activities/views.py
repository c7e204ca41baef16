"""Pages of the activities app: the phone entry of an activity (with the day's list and the
week's counts)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from salestarget.activities.forms import ActivityLogForm
from salestarget.activities.queries import activities_of, activity_counts, customers_suggested
from salestarget.activities.services import activity_log
from salestarget.core.metrics import ACTIVITY_COUNTS
from salestarget.http import AuthenticatedRequest
from salestarget.importing.models import ImportBatch
from salestarget.org.models import Person
from salestarget.org.scoping import request_scope
from salestarget.targets.company_metrics import metric_name


def _person(request: AuthenticatedRequest) -> Person | None:
    return Person.objects.filter(user_id=request.user.pk, is_active=True).first()


@login_required
def activity_log_page(request: AuthenticatedRequest) -> HttpResponse:
    scope = request_scope(request)
    person = _person(request)
    if person is None:
        return render(request, "activities/log.html", {"person": None})
    now = timezone.localtime()
    form = ActivityLogForm(
        request.POST or None,
        customers=customers_suggested(person),
        initial={"occurred_on": now.date(), "occurred_at": now.strftime("%H:%M")},
    )
    if request.method == "POST" and form.is_valid():
        record = form.record()
        batch = activity_log(
            person=person,
            kind=record["kind"],
            occurred_on=record["occurred_on"],
            occurred_at=record["occurred_at"],
            customer=record["customer"],
            customer_ref=record["customer_other"],
            lead=record["lead"],
            status=record["status"],
            outcome=record["outcome"],
            notes=record["notes"],
            user=request.user,
            scope=scope,
        )
        if batch.status == ImportBatch.Status.DONE:
            messages.success(request, _("已记录。"))
            return redirect("activities:log")
        for e in batch.errors_preview:
            form.add_error(None, f"{e['column']}：{e['reason']}")
    today = now.date()
    monday = today - dt.timedelta(days=today.weekday())
    counts = activity_counts(person, start=monday, end=today)
    week = [(metric_name(a.fact), counts[a.fact]) for a in ACTIVITY_COUNTS if a.metric]
    return render(
        request,
        "activities/log.html",
        {
            "person": person,
            "form": form,
            "today": activities_of(scope, person, start=today, end=today),
            "week": week,
        },
    )
