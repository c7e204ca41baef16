"""Manager proposals and calibration (校准): a grade set by hand needs a reason and is
recorded (who, when, old, new, why); a session locks when done, and an enforced distribution
that binds the session's group must hold before it locks."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from salestarget.assessment.models import (
    AssessmentCycle,
    CalibrationSession,
    CycleStep,
    GradeChange,
    Scorecard,
)
from salestarget.assessment.permissions import can_run, require_lead_card, require_run
from salestarget.assessment.queries.calibration import session_cards
from salestarget.assessment.queries.grading import (
    cycle_guideline,
    cycle_scale,
    distribution_group,
)
from salestarget.core.scoring.grades import DistributionError, check_distribution_by_group
from salestarget.org.models import OrgNode
from salestarget.org.scoping import scope_for
from salestarget.wording import series


def _check_grade(card: Scorecard, grade: str, reason: str) -> None:
    if grade not in cycle_scale(card.cycle).codes:
        raise ValidationError({"grade": _("未知等级：%(grade)s") % {"grade": grade}})
    if not reason.strip():
        raise ValidationError({"reason": _("调整等级必须说明理由。")})
    if card.too_new:
        raise ValidationError({"grade": _("入职未满的人员本周期不评等级。")})


@transaction.atomic
def grade_propose(*, scorecard: Scorecard, grade: str, reason: str, by: User) -> Scorecard:
    """The manager's proposed grade (上级初评), different from the computed one only with a
    reason; allowed in the proposal step."""
    card = Scorecard.objects.select_related("cycle", "node").get(pk=scorecard.pk)
    require_lead_card(scope_for(by), card)
    if card.cycle.step != CycleStep.PROPOSAL:
        raise ValidationError({"grade": _("只有在上级初评阶段才能建议等级。")})
    if grade != card.computed_grade:
        _check_grade(card, grade, reason)
    GradeChange.objects.create(
        scorecard=card,
        kind="proposal",
        old_grade=card.current_grade,
        new_grade=grade,
        reason=reason.strip() or _("与计算等级一致"),
        by=by,
    )
    card.proposed_grade = grade
    card.save(update_fields=["proposed_grade"])
    return card


@transaction.atomic
def calibration_open(
    *, cycle: AssessmentCycle, node: OrgNode, by: User, name: str = ""
) -> CalibrationSession:
    require_run(scope_for(by), node)
    if not cycle.root.is_ancestor_of(node):
        raise ValidationError({"node": _("校准范围必须在考核范围之内。")})
    if cycle.step != CycleStep.CALIBRATION:
        raise ValidationError({"node": _("只有在校准阶段才能开校准会。")})
    overlapping = [
        s
        for s in cycle.sessions.select_related("node")
        if s.node.is_ancestor_of(node) or node.is_ancestor_of(s.node)
    ]
    if overlapping:
        raise ValidationError(
            {"node": _("与已有的校准会“%(name)s”范围重叠。") % {"name": overlapping[0].name}}
        )
    return CalibrationSession.objects.create(
        cycle=cycle, node=node, name=name or f"{cycle.name} · {node.name}"
    )


def _require_session_access(session: CalibrationSession, by: User) -> None:
    scope = scope_for(by)
    if not (can_run(scope, session.node) or scope.can_manage_node(session.node)):
        raise PermissionDenied(f"calibration session {session.pk} is not yours")


@transaction.atomic
def calibration_change(
    *,
    session: CalibrationSession,
    scorecard: Scorecard,
    grade: str,
    reason: str,
    by: User,
) -> Scorecard:
    """A grade changed in calibration, with its reason, audited."""
    session = (
        CalibrationSession.objects.select_for_update()
        .select_related("node", "cycle")
        .get(pk=session.pk)
    )
    _require_session_access(session, by)
    if session.is_locked:
        raise ValidationError({"grade": _("校准会已锁定，不能再调整等级。")})
    card = Scorecard.objects.select_related("cycle", "node", "person").get(pk=scorecard.pk)
    if card.cycle_id != session.cycle_id or not session.node.is_ancestor_of(card.node):
        raise ValidationError({"scorecard": _("这张考核表不在本次校准会的范围内。")})
    if scope_for(by).person_id == card.person_id:
        raise PermissionDenied("nobody calibrates their own grade")
    _check_grade(card, grade, reason)
    GradeChange.objects.create(
        scorecard=card,
        session=session,
        kind="calibration",
        old_grade=card.current_grade,
        new_grade=grade,
        reason=reason.strip(),
        by=by,
    )
    card.grade = grade
    card.save(update_fields=["grade"])
    return card


@transaction.atomic
def calibration_lock(*, session: CalibrationSession, by: User) -> CalibrationSession:
    """Lock the session; refused while its grades break an enforced distribution that binds
    a group of its size."""
    session = (
        CalibrationSession.objects.select_for_update()
        .select_related("node", "cycle")
        .get(pk=session.pk)
    )
    require_run(scope_for(by), session.node)
    if session.is_locked:
        return session
    cards = [c for c in session_cards(session) if not c.too_new and c.current_grade]
    cycle = session.cycle
    try:
        # Within each distribution group of the session (the session as a whole when the
        # cycle distributes over everyone).
        check_distribution_by_group(
            cycle_scale(cycle),
            cycle_guideline(cycle),
            {c.pk: c.current_grade for c in cards},
            {c.pk: distribution_group(cycle, c.node.path, c.template.role) for c in cards},
        )
    except DistributionError as exc:
        detail = series(
            _("%(grade)s 有 %(count)s 人（指引 %(expected)s 人）")
            % {"grade": d.grade, "count": d.count, "expected": d.expected}
            for d in exc.deviations
        )
        raise ValidationError(
            {"__all__": _("等级分布不符合强制分布要求：%(detail)s") % {"detail": detail}}
        ) from exc
    for card in cards:
        if not card.grade:
            card.grade = card.current_grade
    Scorecard.objects.bulk_update(cards, ["grade"])
    session.locked_at = timezone.now()
    session.locked_by = by
    session.save(update_fields=["locked_at", "locked_by"])
    return session
