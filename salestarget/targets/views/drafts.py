"""Draft rounds: the manager opens one and reviews the drafts; each person fills theirs."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from salestarget.http import AuthenticatedRequest
from salestarget.targets import queries
from salestarget.targets.company_metrics import value_formats
from salestarget.targets.forms import DraftForm, ReviewForm, RoundForm
from salestarget.targets.models import DraftRound, TargetDraft
from salestarget.targets.permissions import can_manage
from salestarget.targets.progress import progress_day
from salestarget.targets.queries.mine import my_targets as my_targets_of
from salestarget.targets.services.drafts import draft_review, draft_submit, round_close, round_open
from salestarget.targets.views.common import (
    decimals_of,
    errors_to_messages,
    scope,
    target_for,
)
from salestarget.ui.forms import form_errors_from


@login_required
def round_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    target = target_for(request, pk)
    if not can_manage(scope(request), target):
        raise PermissionDenied
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rnd = round_open(
                target=target,
                by=request.user,
                deadline=form.cleaned_data["deadline"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("已向 %(n)d 人征集目标草案。") % {"n": rnd.drafts.count()})
            return redirect("targets:round_detail", rnd.pk)
    return render(request, "targets/round_new.html", {"target": target, "form": form})


def _round_for(
    request: AuthenticatedRequest, pk: int
) -> tuple[DraftRound, bool, TargetDraft | None]:
    rnd = get_object_or_404(
        DraftRound.objects.select_related("target__plan", "target__node"), pk=pk
    )
    s = scope(request)
    manager = can_manage(s, rnd.target)
    own = (
        rnd.drafts.filter(person_id=s.person_id).select_related("person").first()
        if s.person_id
        else None
    )
    if not manager and own is None:
        raise Http404
    return rnd, manager, own


@login_required
def round_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    rnd, manager, own = _round_for(request, pk)
    decimals = decimals_of(rnd.target.metric)
    if manager:
        return render(
            request,
            "targets/round_review.html",
            {
                "review": queries.round_review(rnd),
                "round": rnd,
                "target": rnd.target,
                "decimals": decimals,
            },
        )
    assert own is not None
    form = DraftForm(
        request.POST or None,
        initial={
            "base_value": own.base_value,
            "challenge_value": own.challenge_value,
            "obstacles": own.obstacles,
            "resources": own.resources,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            draft_submit(draft=own, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("目标草案已提交。"))
            return redirect("targets:round_detail", rnd.pk)
    review = queries.round_review(rnd)
    line = next(line for line in review.lines if line.draft.pk == own.pk)
    return render(
        request,
        "targets/draft_form.html",
        {
            "round": rnd,
            "target": rnd.target,
            "draft": own,
            "form": form,
            "decimals": decimals,
            "line": line,
            "review": review,
        },
    )


@login_required
@require_POST
def draft_review_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    draft = get_object_or_404(TargetDraft.objects.select_related("round__target"), pk=pk)
    rnd, manager, _own = _round_for(request, draft.round_id)
    if not manager:
        raise PermissionDenied
    form = ReviewForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            draft_review(
                draft=draft,
                by=request.user,
                action=form.cleaned_data["action"],
                agreed_value=form.cleaned_data["agreed_value"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            error = "；".join(exc.messages)
    else:
        error = _("请检查填写的内容。")
    review = queries.round_review(rnd)
    if request.htmx:
        line = next(line for line in review.lines if line.draft.pk == draft.pk)
        return render(
            request,
            "targets/partials/draft_row.html",
            {
                "line": line,
                "review": review,
                "round": rnd,
                "decimals": decimals_of(rnd.target.metric),
                "error": error,
                "oob_summary": True,
            },
        )
    if error:
        messages.error(request, error)
    return redirect("targets:round_detail", rnd.pk)


@login_required
@require_POST
def round_close_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    rnd, manager, _own = _round_for(request, pk)
    if not manager:
        raise PermissionDenied
    try:
        round_close(rnd=rnd, by=request.user)
    except ValidationError as exc:
        errors_to_messages(request, exc)
    return redirect("targets:round_detail", rnd.pk)


@login_required
def my_targets(request: AuthenticatedRequest) -> HttpResponse:
    """The targets a person owns or leads with their progress, drafts to fill, documents."""
    s = scope(request)
    if s.person_id is None:
        raise Http404
    rows = my_targets_of(s)
    drafts = queries.drafts_of(request.user.person)
    return render(
        request,
        "targets/my_targets.html",
        {
            "rows": rows,
            "drafts": drafts,
            "formats": value_formats(r.target.metric for r in rows),
            "as_of": progress_day(),
        },
    )
