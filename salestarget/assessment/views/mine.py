"""My assessment (phone-friendly): my scorecards and grade history, the reviews I am asked
to give, one scorecard in detail with what its viewer may do, and the review form."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from salestarget.assessment.models import (
    OPEN_STEPS,
    CycleStep,
    ImprovementAction,
    ItemKind,
    Review,
    ReviewStatus,
)
from salestarget.assessment.queries.cards import (
    card_view,
    cards_visible,
    grade_history,
    nominations_to_decide,
    reviews_to_give,
    self_answers,
)
from salestarget.assessment.services import calibration, feedback, reviews
from salestarget.assessment.views.common import act, card_for, scope, user_of
from salestarget.core.scoring.weighting import ReviewerGroup
from salestarget.org.models import Person
from salestarget.targets.views.common import errors_to_messages
from salestarget.tracking.exports import PDF, render_pdf
from salestarget.ui.params import posted_id


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    s = scope(request)
    me = s.person_id if s.person_id is not None else -1
    person = Person.objects.filter(pk=me).first()
    cards = (
        cards_visible(s)
        .filter(person_id=me)
        .select_related("cycle")
        .order_by("-cycle__period_start")
    )
    return render(
        request,
        "assessment/mine.html",
        {
            "cards": cards,
            "to_give": reviews_to_give(person) if person else [],
            "history": grade_history(person) if person else [],
            "nominations": nominations_to_decide(s),
        },
    )


@login_required
def card_detail(request: HttpRequest, pk: int) -> HttpResponse:
    card = card_for(request, pk)
    view = card_view(card, scope(request))
    peers = []
    if (view.own or view.leads) and card.cycle.step in OPEN_STEPS:
        taken = set(card.reviews.values_list("reviewer_id", flat=True))
        peers = list(
            Person.objects.filter(memberships__node=card.node, is_active=True, user__isnull=False)
            .exclude(pk__in=[card.person_id, card.manager_id or 0, *taken])
            .distinct()
        )
    return render(
        request,
        "assessment/card.html",
        {
            "view": view,
            "card": card,
            "self_answers": self_answers(view),
            "grades": [band[0] for band in card.cycle.grade_bands],
            "peers": peers,
            "customers": card.person.customers.all()[:50] if view.own or view.leads else [],
            "interview": getattr(card, "interview", None),
            "plan": getattr(card, "improvement_plan", None),
            "can_invite": card.cycle.step in OPEN_STEPS,
            "proposal_open": card.cycle.step == CycleStep.PROPOSAL,
            "feedback_open": card.cycle.step_reached(CycleStep.FEEDBACK),
            "today": dt.date.today(),
            # Shown once: only the token's digest is stored.
            "customer_link": request.session.pop("assessment_customer_link", ""),
        },
    )


@login_required
def card_pdf(request: HttpRequest, pk: int, lang: str) -> HttpResponse:
    """The scorecard as a PDF in Chinese or English (WeasyPrint), with what its viewer may
    see of it: aggregates only, the grade to the person from the feedback step on."""
    if lang not in ("zh", "en"):
        raise Http404
    card = card_for(request, pk)
    view = card_view(card, scope(request))
    language = "en" if lang == "en" else "zh-hans"
    with translation.override(language):
        pdf = render_pdf(
            "assessment/pdf/scorecard.html",
            {
                "card": card,
                "view": view,
                "lang": lang,
                "show_grade": view.leads or card.cycle.step_reached(CycleStep.FEEDBACK),
                "interview": getattr(card, "interview", None),
            },
        )
    response = HttpResponse(pdf, content_type=PDF)
    response["Content-Disposition"] = (
        f'inline; filename="scorecard-{card.cycle_id}-{card.person.employee_no}-{lang}.pdf"'
    )
    return response


@login_required
@require_POST
def card_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """The scorecard's forms: nominate a peer, invite a customer, propose a grade, record the
    interview, acknowledge it, open and follow an improvement plan."""
    card = card_for(request, pk)
    by = user_of(request)
    back = reverse("assessment:card", args=[card.pk])
    post = request.POST
    if action == "nominate":
        reviewer = Person.objects.filter(pk=posted_id(request, "reviewer") or 0).first()
        if reviewer is None:
            raise Http404
        return act(
            request,
            lambda: reviews.peer_nominate(scorecard=card, reviewer=reviewer, by=by),
            _("已邀请同事评价。"),
            back,
        )
    if action == "invite":
        customer = card.person.customers.filter(pk=posted_id(request, "customer") or 0).first()
        if customer is None:
            raise Http404
        try:
            review, token = reviews.customer_invite(
                scorecard=card,
                customer=customer,
                contact=post.get("contact", ""),
                email=post.get("email", ""),
                site=request.build_absolute_uri("/"),
                by=by,
            )
        except ValidationError as exc:
            errors_to_messages(request, exc)
            return redirect(back)
        link = request.build_absolute_uri(reverse("assessment:customer_review", args=[token]))
        request.session["assessment_customer_link"] = link
        if review.email:
            messages.success(request, _("评价邀请已发送至 %(email)s。") % {"email": review.email})
        return redirect(back)
    if action == "propose":
        return act(
            request,
            lambda: calibration.grade_propose(
                scorecard=card, grade=post.get("grade", ""), reason=post.get("reason", ""), by=by
            ),
            _("已提交建议等级。"),
            back,
        )
    if action == "interview":
        return act(
            request,
            lambda: feedback.interview_record(
                scorecard=card,
                held_on=_date(post.get("held_on")),
                notes=post.get("notes", ""),
                by=by,
            ),
            _("面谈记录已保存。"),
            back,
        )
    if action == "acknowledge":
        interview = getattr(card, "interview", None)
        if interview is None:
            raise Http404
        return act(
            request,
            lambda: feedback.interview_acknowledge(
                interview=interview, comment=post.get("comment", ""), by=by
            ),
            _("您已确认面谈结果。"),
            back,
        )
    if action == "plan":
        return act(
            request,
            lambda: feedback.improvement_plan_open(
                scorecard=card, goals=post.get("goals", ""), by=by
            ),
            _("改进计划已建立。"),
            back,
        )
    plan = getattr(card, "improvement_plan", None)
    if plan is None:
        raise Http404
    if action == "action_add":
        return act(
            request,
            lambda: feedback.improvement_action_add(
                plan=plan,
                description=post.get("description", ""),
                follow_up_on=_date(post.get("follow_up_on")),
                by=by,
            ),
            _("已添加辅导行动。"),
            back,
        )
    if action == "action_done":
        step = ImprovementAction.objects.filter(
            plan=plan, pk=posted_id(request, "action") or 0
        ).first()
        if step is None:
            raise Http404
        return act(
            request,
            lambda: feedback.improvement_action_done(
                action=step, notes=post.get("notes", ""), by=by
            ),
            _("辅导行动已完成。"),
            back,
        )
    if action == "plan_close":
        return act(
            request,
            lambda: feedback.improvement_plan_close(
                plan=plan, outcome=post.get("outcome", ""), by=by
            ),
            _("改进计划已关闭。"),
            back,
        )
    raise Http404


def _date(text: str | None) -> dt.date:
    try:
        return dt.date.fromisoformat(text or "")
    except ValueError:
        raise ValidationError({"held_on": _("请填写日期（YYYY-MM-DD）。")}) from None


@login_required
@require_POST
def nomination_decide(request: HttpRequest, pk: int) -> HttpResponse:
    review = Review.objects.filter(pk=pk, status=ReviewStatus.NOMINATED).first()
    if review is None:
        raise Http404
    approve = request.POST.get("decision") == "approve"
    return act(
        request,
        lambda: reviews.peer_decide(review=review, approve=approve, by=user_of(request)),
        _("已批准。") if approve else _("已拒绝。"),
        reverse("assessment:mine"),
    )


def rating_items(review: Review) -> list[dict[str, object]]:
    """The items the review's group rates, with their levels, for the form."""
    items = review.scorecard.template.items.filter(kind=ItemKind.QUALITATIVE)
    given = dict(review.answers.values_list("item_id", "rating"))
    return [
        {"item": i, "levels": i.levels, "given": given.get(i.pk)}
        for i in items
        if i.group_weight_values().get(review.group, 0) > 0
    ]


def answers_from(request: HttpRequest, review: Review) -> dict[int, int]:
    out: dict[int, int] = {}
    for entry in rating_items(review):
        item = entry["item"]
        raw = request.POST.get(f"item_{item.pk}")  # type: ignore[attr-defined]
        if raw and raw.isdigit():
            out[item.pk] = int(raw)  # type: ignore[attr-defined]
    return out


@login_required
def review_form(request: HttpRequest, pk: int) -> HttpResponse:
    """The reviewer's own form: only the reviewer ever opens it."""
    review = (
        Review.objects.select_related("scorecard__person", "scorecard__cycle", "reviewer")
        .filter(pk=pk)
        .first()
    )
    s = scope(request)
    if review is None or review.reviewer_id is None or review.reviewer_id != s.person_id:
        raise Http404
    if request.method == "POST":
        try:
            reviews.review_submit(
                review=review,
                answers=answers_from(request, review),
                comment=request.POST.get("comment", ""),
                by=user_of(request),
            )
        except ValidationError as exc:
            errors_to_messages(request, exc)
        except PermissionDenied:
            raise Http404 from None
        else:
            return act(request, lambda: None, _("评价已提交。"), reverse("assessment:mine"))
    # The person and their manager review beside the card: its items and the measured
    # figures so far (peers do not see a colleague's figures).
    card = review.scorecard
    lines = (
        card_view(card, s).lines
        if review.group in (ReviewerGroup.SELF, ReviewerGroup.MANAGER)
        else []
    )
    items = rating_items(review)
    return render(
        request,
        "assessment/review_form.html",
        {
            "review": review,
            "card": card,
            "lines": lines,
            "items": items,
            "rated": {entry["item"].pk for entry in items},  # type: ignore[attr-defined]
            "action": request.path,
        },
    )
