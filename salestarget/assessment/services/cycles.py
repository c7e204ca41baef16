"""Cycles: opening one for a population creates a scorecard per person with their self-review
and their manager's review; advancing moves it through its steps; deadlines remind and
escalate through the planning machinery of ``targets.services.cycles`` (managers, managers
above, deduplicated notifications)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from salestarget.assessment.models import (
    AssessmentCycle,
    CycleKind,
    CycleStep,
    DistributionGroup,
    Enforcement,
    Review,
    Scorecard,
    ScorecardTemplate,
)
from salestarget.assessment.models.cycles import STEP_DEADLINES, STEP_ORDER
from salestarget.assessment.permissions import require_run
from salestarget.assessment.services.templates import template_check
from salestarget.core.periods import PeriodCodeError, PeriodKind
from salestarget.core.scoring.eligibility import too_new_to_rate
from salestarget.core.scoring.weighting import ReviewerGroup
from salestarget.org.models import Membership, OrgNode, Role
from salestarget.org.scoping import scope_for
from salestarget.targets.fiscal_periods import period_parse
from salestarget.targets.queries.managers import managers_above, node_managers
from salestarget.wording import series

KIND_OF_PERIOD = {
    PeriodKind.MONTH: CycleKind.MONTH,
    PeriodKind.QUARTER: CycleKind.QUARTER,
    PeriodKind.HALF: CycleKind.HALF,
    PeriodKind.YEAR: CycleKind.YEAR,
}


@transaction.atomic
def cycle_open(
    *,
    period: str,
    root: OrgNode,
    roles: Sequence[str],
    deadlines: dict[str, dt.datetime],
    by: User,
    name: str = "",
    enforcement: str = "",
    min_group_size: int | None = None,
    grade_bands: list[list[str]] | None = None,
    distribution: dict[str, str] | None = None,
    distribution_by: str = "",
) -> AssessmentCycle:
    """Open a cycle for the people of ``root``'s subtree holding one of ``roles`` at the end
    of ``period``. ``deadlines`` gives each step's deadline by its field name
    (``self_review_by`` … ``feedback_by``), in order. ``grade_bands`` (``[[code, lowest
    score], …]``, best first) and ``distribution`` (``{code: percent}``, adding up to 100)
    are the company's own grades; ``enforcement`` warns or enforces the distribution, which
    binds groups of at least ``min_group_size`` and is applied within each group of
    ``distribution_by`` (all, unit, node, role)."""
    require_run(scope_for(by), root)
    try:
        parsed = period_parse(period)
    except PeriodCodeError as exc:
        raise ValidationError({"period": str(exc)}) from exc
    kind = KIND_OF_PERIOD.get(parsed.kind)
    if kind is None:
        raise ValidationError({"period": _("考核周期只能是月、季、半年或年。")})
    bad_roles = set(roles) - set(Role.values)
    if not roles or bad_roles:
        raise ValidationError({"roles": _("请选择要考核的角色。")})
    fields = list(STEP_DEADLINES.values())
    missing = [f for f in fields if f not in deadlines]
    if missing:
        raise ValidationError({missing[0]: _("请填写每一步的截止时间。")})
    dates = [deadlines[f] for f in fields]
    if dates != sorted(dates):
        raise ValidationError({"feedback_by": _("各步骤的截止时间必须依次排列。")})
    templates = {
        t.role: t for t in ScorecardTemplate.objects.filter(role__in=roles, is_active=True)
    }
    lacking = [r for r in roles if r not in templates]
    if lacking:
        raise ValidationError(
            {
                "roles": _("以下角色没有启用的考核表模板：%(roles)s")
                % {"roles": series(str(Role(r).label) for r in lacking)}
            }
        )
    for template in templates.values():
        template_check(template)
    cycle = AssessmentCycle(
        name=name or f"{root.name} {parsed.label}",
        kind=kind,
        period=parsed.label,
        period_start=parsed.start,
        period_end=parsed.end,
        root=root,
        roles=list(roles),
        created_by=by,
        **{f: deadlines[f] for f in fields},
    )
    if enforcement:
        if enforcement not in Enforcement.values:
            raise ValidationError({"enforcement": _("未知的分布要求：%(v)s") % {"v": enforcement}})
        cycle.enforcement = enforcement
    if distribution_by:
        if distribution_by not in DistributionGroup.values:
            raise ValidationError(
                {"distribution_by": _("未知的分布分组：%(v)s") % {"v": distribution_by}}
            )
        cycle.distribution_by = distribution_by
    if min_group_size is not None:
        cycle.min_group_size = min_group_size
    if grade_bands is not None:
        cycle.grade_bands = grade_bands
    if distribution is not None:
        cycle.distribution = distribution
    from salestarget.assessment.queries.grading import cycle_guideline, cycle_scale

    try:
        scale = cycle_scale(cycle)
    except (ValueError, ArithmeticError) as exc:
        raise ValidationError(
            {"grade_bands": _("等级设置无效：%(error)s") % {"error": _scale_problem(exc)}}
        ) from exc
    try:
        cycle_guideline(cycle).check_scale(scale)
    except (ValueError, ArithmeticError) as exc:
        raise ValidationError(
            {"distribution": _("分布设置无效：%(error)s") % {"error": _scale_problem(exc)}}
        ) from exc
    cycle.save()
    _scorecards_create(cycle, templates)
    # Each scorecard opens with its items and the measured figures so far, so the person
    # doing their self-review sees what they are assessed on (no grade yet: no reviews).
    from salestarget.assessment.services.scoring import scorecard_compute

    scorecard_compute(cycle=cycle)
    return cycle


def _scale_problem(exc: Exception) -> str:
    """The core's message in the page's words where we have them."""
    text = str(exc)
    if "best first" in text:
        return _("等级要从高到低排列，每一级的最低分都要低于上一级。")
    if "must differ" in text:
        return _("等级名称不能重复。")
    if "add up to" in text:
        return _("各等级的分布之和必须为 100%%（现在是 %(detail)s）。") % {
            "detail": text.rsplit("add up to ", 1)[-1].split(",")[0]
        }
    return text


def _scorecards_create(cycle: AssessmentCycle, templates: dict[str, ScorecardTemplate]) -> None:
    day = cycle.period_end
    memberships = (
        Membership.objects.active_at(day)
        .filter(
            cycle.root.subtree_q("node"),
            person__role__in=cycle.roles,
            person__is_active=True,
        )
        .select_related("person", "node")
        .order_by("person_id", "-valid_from")
    )
    seen: set[int] = set()
    first_day: dict[int, dt.date] = {}
    for person_id, since in (
        Membership.objects.filter(person__role__in=cycle.roles)
        .values_list("person_id", "valid_from")
        .order_by("valid_from")
    ):
        first_day.setdefault(person_id, since)
    managers: dict[int, int | None] = {}
    cards = []
    for m in memberships:
        if m.person_id in seen:
            continue
        seen.add(m.person_id)
        manager = _manager_of(m, managers)
        joined = m.person.hired_on or first_day.get(m.person_id)
        cards.append(
            Scorecard(
                cycle=cycle,
                person=m.person,
                template=templates[m.person.role],
                node=m.node,
                manager_id=manager,
                too_new=too_new_to_rate(
                    joined, cycle.period_start, cycle.period_end, min_presence=cycle.min_presence
                ),
            )
        )
    Scorecard.objects.bulk_create(cards)
    created = Scorecard.objects.filter(cycle=cycle).values_list("pk", "person_id", "manager_id")
    reviews = []
    for pk, person_id, manager_id in created:
        reviews.append(Review(scorecard_id=pk, group=ReviewerGroup.SELF, reviewer_id=person_id))
        if manager_id is not None:
            reviews.append(
                Review(scorecard_id=pk, group=ReviewerGroup.MANAGER, reviewer_id=manager_id)
            )
    Review.objects.bulk_create(reviews)


def _manager_of(m: Membership, cache: dict[int, int | None]) -> int | None:
    """The person's manager: their node's manager, or for a manager the one above."""
    key = m.node_id if not m.is_manager else -m.node_id
    if key not in cache:
        found = (
            [p for p in node_managers(m.node) if p.pk != m.person_id] if not m.is_manager else []
        )
        if not found:
            found = managers_above(m.node)
        cache[key] = found[0].pk if found else None
    return cache[key]


@transaction.atomic
def cycle_advance(*, cycle: AssessmentCycle, by: User) -> AssessmentCycle:
    """Move the cycle to its next step. Entering the proposal step computes the scores and
    grades (later, ``scorecard_compute`` recomputes on demand, e.g. after a late import);
    leaving calibration requires every session locked and fixes the final grades."""
    require_run(scope_for(by), cycle.root)
    cycle = AssessmentCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.is_closed:
        raise ValidationError({"step": _("考核周期已结束。")})
    following = CycleStep(STEP_ORDER[STEP_ORDER.index(cycle.step) + 1])
    if following == CycleStep.PROPOSAL:  # the reviews are in: score them
        from salestarget.assessment.services.scoring import scorecard_compute

        scorecard_compute(cycle=cycle, by=by)
    if following == CycleStep.FEEDBACK and cycle.sessions.filter(locked_at__isnull=True).exists():
        raise ValidationError({"step": _("还有未锁定的校准会，请先完成校准。")})
    if following == CycleStep.FEEDBACK:
        _grades_fix(cycle)
    cycle.step = following
    if following == CycleStep.CLOSED:
        cycle.closed_at = timezone.now()
    cycle.save(update_fields=["step", "closed_at"])
    return cycle


def _grades_fix(cycle: AssessmentCycle) -> None:
    """After calibration the grade is the calibrated one, else the proposal, else computed."""
    cards = list(Scorecard.objects.filter(cycle=cycle, too_new=False))
    for card in cards:
        card.grade = card.current_grade
    Scorecard.objects.bulk_update(cards, ["grade"], batch_size=1000)
