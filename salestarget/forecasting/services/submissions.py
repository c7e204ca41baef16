"""Forecast submissions (预测提报): reps put open opportunities into categories and submit
their call for a month each week; managers roll their unit up and adjust it with a note.

Each week keeps its own snapshot: a second submission in the same week replaces that week's,
earlier weeks stay, so the call's history and its accuracy can be read later.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from salestarget.actuals.models import Opportunity
from salestarget.forecasting.models import Category, OpportunityCall, Submission
from salestarget.forecasting.queries.submissions import rollup_of
from salestarget.org.models import OrgNode, Person
from salestarget.org.scoping import Scope
from salestarget.ui.choices import choice_refused


def week_of(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week."""
    return day - dt.timedelta(days=day.weekday())


def _check_figures(commit: Decimal, best_case: Decimal, pipeline: Decimal) -> None:
    errors: dict[str, str] = {}
    if commit < 0:
        errors["commit"] = _("承诺金额不能为负数。")
    if best_case < commit:
        errors["best_case"] = _("最佳情况不能低于承诺金额。")
    if pipeline < 0:
        errors["pipeline"] = _("管道金额不能为负数。")
    if errors:
        raise ValidationError(errors)


def _month(month: dt.date) -> dt.date:
    return month.replace(day=1)


def opportunity_categorise(
    *, opportunity: Opportunity, category: str, scope: Scope, by: AbstractBaseUser
) -> OpportunityCall:
    """Put an open opportunity into a category; only its own rep (or a manager over its
    unit) may, and only while it is open."""
    if category not in Category.values:
        raise choice_refused("category", category, Category.values)
    own = opportunity.person_id == scope.person_id
    led = scope.can_plan and scope.can_view_node(opportunity.node)
    if not (own or led):
        raise PermissionDenied("opportunity outside your scope")
    if opportunity.stage != Opportunity.Stage.OPEN:
        raise ValidationError({"opportunity": _("只有跟进中的商机可以归类。")})
    call, _created = OpportunityCall.objects.update_or_create(
        opportunity=opportunity, defaults={"category": category, "updated_by": by}
    )
    return call


@transaction.atomic
def submission_submit(
    *,
    person: Person,
    node: OrgNode,
    month: dt.date,
    commit: Decimal,
    best_case: Decimal,
    pipeline: Decimal = Decimal(0),
    note: str = "",
    scope: Scope,
    by: AbstractBaseUser,
    today: dt.date,
) -> Submission:
    """A rep's call for ``month``, this week's snapshot; reps submit only their own."""
    if scope.person_id != person.pk:
        raise PermissionDenied("a rep submits only their own forecast")
    _check_figures(commit, best_case, pipeline)
    submission, _created = Submission.objects.update_or_create(
        kind=Submission.Kind.REP,
        person=person,
        node=node,
        month=_month(month),
        week=week_of(today),
        defaults={
            "commit": commit,
            "best_case": best_case,
            "pipeline": pipeline,
            "note": note.strip(),
            "submitted_by": by,
        },
    )
    return submission


@transaction.atomic
def rollup_submit(
    *,
    node: OrgNode,
    month: dt.date,
    commit: Decimal,
    best_case: Decimal,
    note: str = "",
    scope: Scope,
    by: AbstractBaseUser,
    today: dt.date,
) -> Submission:
    """A manager's call for their unit: the reps' latest calls summed, adjusted. An
    adjustment (a commit other than the reps' sum) needs a note saying why."""
    if not scope.can_manage_node(node):
        raise PermissionDenied(f"node {node.code} is outside your scope")
    _check_figures(commit, best_case, Decimal(0))
    rolled = rollup_of(node=node, month=_month(month), scope=scope)
    if commit != rolled.commit and not note.strip():
        raise ValidationError({"note": _("调整了下属的合计，请写明原因。")})
    submission, _created = Submission.objects.update_or_create(
        kind=Submission.Kind.ROLLUP,
        person=None,
        node=node,
        month=_month(month),
        week=week_of(today),
        defaults={
            "commit": commit,
            "best_case": best_case,
            "pipeline": rolled.pipeline,
            "rolled_up": rolled.commit,
            "note": note.strip(),
            "submitted_by": by,
        },
    )
    return submission
