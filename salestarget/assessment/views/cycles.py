"""Running cycles (销售管理部): the list, opening one, a cycle's page with its steps and
calibration sessions, the results with their Excel export."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from salestarget.assessment.exports import results_xlsx
from salestarget.assessment.forms import CycleForm
from salestarget.assessment.models import OPEN_STEPS, AssessmentCycle, Scorecard
from salestarget.assessment.models.cycles import STEP_DEADLINES
from salestarget.assessment.permissions import RUNNERS
from salestarget.assessment.queries.cards import CARD_RELATED, cycles_visible
from salestarget.assessment.queries.review_progress import review_progress
from salestarget.assessment.queries.scoring import untargeted_items
from salestarget.assessment.services import calibration, cycles
from salestarget.assessment.services.scoring import scorecard_compute
from salestarget.assessment.views.common import act, cycle_for_runner, scope, user_of
from salestarget.org.models import OrgNode
from salestarget.tracking.exports import XLSX
from salestarget.ui.forms import form_errors_from
from salestarget.ui.params import posted_id


@login_required
def cycle_list(request: HttpRequest) -> HttpResponse:
    s = scope(request)
    return render(
        request,
        "assessment/cycle_list.html",
        {
            "cycles": cycles_visible(s).select_related("root").distinct(),
            "can_open": s.role in RUNNERS,
        },
    )


@login_required
def cycle_new(request: HttpRequest) -> HttpResponse:
    s = scope(request)
    if s.role not in RUNNERS:
        raise PermissionDenied
    form = CycleForm(request.POST or None, scope=s)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            cycle = cycles.cycle_open(
                period=data["period"],
                root=data["root"],
                roles=data["roles"],
                deadlines={f: data[f] for f in STEP_DEADLINES.values()},
                name=data["name"],
                enforcement=data["enforcement"],
                min_group_size=data["min_group_size"],
                grade_bands=data["grades"][0],
                distribution=data["grades"][1],
                distribution_by=data["distribution_by"],
                by=user_of(request),
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            return redirect("assessment:cycle", cycle.pk)
    return render(request, "assessment/cycle_form.html", {"form": form})


@login_required
def cycle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = cycle_for_runner(request, pk)
    cards = Scorecard.objects.filter(cycle=cycle)
    return render(
        request,
        "assessment/cycle_detail.html",
        {
            "cycle": cycle,
            "count": cards.count(),
            "too_new": cards.filter(too_new=True).count(),
            "sessions": cycle.sessions.select_related("node"),
            "grade_rows": [
                (code, low, cycle.distribution.get(code, 0)) for code, low in cycle.grade_bands
            ],
            "nodes": OrgNode.objects.filter(cycle.root.subtree_q(), is_active=True),
            "untargeted": untargeted_items(cycle),
            "progress": review_progress(cycle) if cycle.step in OPEN_STEPS else None,
        },
    )


@login_required
@require_POST
def cycle_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    cycle = cycle_for_runner(request, pk)
    by = user_of(request)
    back = reverse("assessment:cycle", args=[cycle.pk])
    if action == "advance":
        return act(
            request, lambda: cycles.cycle_advance(cycle=cycle, by=by), _("已进入下一步。"), back
        )
    if action == "compute":
        return act(request, lambda: scorecard_compute(cycle=cycle, by=by), _("已重新计算。"), back)
    if action == "session":
        node = OrgNode.objects.filter(pk=posted_id(request, "node") or 0).first()
        if node is None:
            raise Http404
        return act(
            request,
            lambda: calibration.calibration_open(cycle=cycle, node=node, by=by),
            _("校准会已创建。"),
            back,
        )
    raise Http404


def _result_cards(request: HttpRequest, cycle: AssessmentCycle) -> list[Scorecard]:
    return list(
        Scorecard.objects.filter(cycle=cycle)
        .select_related(*CARD_RELATED, "interview", "improvement_plan")
        .order_by("node__path", "person__employee_no")
    )


@login_required
def results(request: HttpRequest, pk: int, fmt: str = "") -> HttpResponse:
    cycle = cycle_for_runner(request, pk)
    cards = _result_cards(request, cycle)
    if fmt == "xlsx":
        response = HttpResponse(results_xlsx(cycle, cards), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="assessment-{cycle.pk}.xlsx"'
        return response
    if fmt:
        raise Http404
    return render(request, "assessment/results.html", {"cycle": cycle, "cards": cards})
