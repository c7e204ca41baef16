"""Workflow: draft → submitted → approved → locked, by role.

Two units move through it:

* a **split** (the children of one target): the manager who made it submits it, the role
  above the target's holder approves or returns it (``permissions.is_above``);
* the **plan**: its owner (or anyone managing its scope) submits it, which submits every draft
  target in it; the role above the plan's scope approves it, which approves every submitted
  target; an approved plan is locked by the same role, once nothing in it is left unapproved.

Every transition is recorded in the history of each target it moves and tells the people
concerned through the notification centre.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from salestarget.notifications.messages import message
from salestarget.notifications.services import notification_send
from salestarget.org.models import Person, Role
from salestarget.org.scoping import scope_for
from salestarget.targets.models import ChangeKind, Status, Target, TargetPlan
from salestarget.targets.permissions import is_above, require_manage
from salestarget.targets.queries.managers import managers_above, node_managers
from salestarget.targets.services.cycles import steps_complete
from salestarget.targets.services.history import change_new, changes_save
from salestarget.wording import series

KIND_OF: dict[str, ChangeKind] = {
    Status.SUBMITTED: ChangeKind.SUBMITTED,
    Status.APPROVED: ChangeKind.APPROVED,
    Status.LOCKED: ChangeKind.LOCKED,
    Status.DRAFT: ChangeKind.RETURNED,
}


def _move(targets: Iterable[Target], to: str, by: User, note: str = "") -> int:
    """Set the status of ``targets``, bump their versions and record each move."""
    moved = [t for t in targets if t.status != to]
    if not moved:
        return 0
    now = timezone.now()
    changes = []
    for t in moved:
        changes.append(
            change_new(
                target=t,
                kind=KIND_OF[to],
                by=by,
                field="status",
                old_status=t.status,
                new_status=to,
                reason=note,
                at=now,
            )
        )
        t.status = to
        t.version += 1
        t.updated_at = now
    # One UPDATE per chunk, not a CASE per row: a plan moves thousands of targets at once.
    ids = [t.pk for t in moved]
    for i in range(0, len(ids), 900):
        Target.objects.filter(pk__in=ids[i : i + 900]).update(
            status=to, version=F("version") + 1, updated_at=now
        )
    for c, t in zip(changes, moved, strict=True):
        c.version = t.version
    changes_save(changes=changes)
    return len(moved)


def _plan_link(plan: TargetPlan) -> str:
    return reverse("targets:plan_detail", args=[plan.pk])


# -- splits -------------------------------------------------------------------------------------


@transaction.atomic
def decomposition_submit(*, target: Target, by: User) -> int:
    """The maker of ``target``'s split hands it up for approval."""
    scope = scope_for(by)
    require_manage(scope, target)
    children = list(target.children.select_related("node", "person"))
    if not children:
        raise ValidationError({"__all__": _("该目标还没有分解。")})
    drafts = [c for c in children if c.status == Status.DRAFT]
    if not drafts:
        raise ValidationError({"__all__": _("没有待提交的下级目标。")})
    count = _move(drafts, Status.SUBMITTED, by)
    steps_complete(target=target, kind="submit", by=by)
    above = [p.user for p in _approvers_of(target)]
    notification_send(
        recipients=above,
        kind="split_submitted",
        title=message(gettext_noop("待审批：%(target)s 的分解"), target=target.label),
        body=message(gettext_noop("%(who)s 提交了 %(n)d 个下级目标。"), who=_name(by), n=count),
        link=reverse("targets:approvals"),
    )
    return count


@transaction.atomic
def decomposition_approve(*, target: Target, by: User, note: str = "") -> int:
    _require_above(by, target)
    submitted = list(
        target.children.filter(status=Status.SUBMITTED).select_related("node", "person")
    )
    if not submitted:
        raise ValidationError({"__all__": _("没有待审批的下级目标。")})
    count = _move(submitted, Status.APPROVED, by, note)
    notification_send(
        recipients=[target.split_by],
        kind="split_approved",
        title=message(gettext_noop("已批准：%(target)s 的分解"), target=target.label),
        body=note,
        link=_plan_link(target.plan),
    )
    return count


@transaction.atomic
def decomposition_return(*, target: Target, by: User, note: str) -> int:
    _require_above(by, target)
    if not note.strip():
        raise ValidationError({"note": _("退回时请说明原因。")})
    submitted = list(
        target.children.filter(status=Status.SUBMITTED).select_related("node", "person")
    )
    if not submitted:
        raise ValidationError({"__all__": _("没有待审批的下级目标。")})
    count = _move(submitted, Status.DRAFT, by, note)
    notification_send(
        recipients=[target.split_by],
        kind="split_returned",
        title=message(gettext_noop("已退回：%(target)s 的分解"), target=target.label),
        body=note,
        link=reverse("targets:decompose", args=[target.pk]),
    )
    return count


def _require_above(by: User, target: Target) -> None:
    scope = scope_for(by)
    if target.node is None or not is_above(scope, target.node):
        raise PermissionDenied(_("只有上级可以审批该分解。"))
    if scope.role == Role.MANAGER and target.split_by_id == by.pk:
        raise PermissionDenied(_("不能审批自己提交的分解。"))


def _approvers_of(target: Target) -> list[Person]:
    """Who is above the holder of ``target``: the managers of the nearest ancestor node."""
    if target.node is None:
        return []
    return managers_above(target.node) or node_managers(target.node)


def _name(user: AbstractBaseUser) -> str:
    person = getattr(user, "person", None)
    return person.name if person is not None else user.get_username()


# -- plans --------------------------------------------------------------------------------------


@transaction.atomic
def plan_submit(*, plan: TargetPlan, by: User) -> TargetPlan:
    if not scope_for(by).can_manage_node(plan.scope_node):
        raise PermissionDenied(_("您不能提交该计划。"))
    if plan.status != Status.DRAFT:
        raise ValidationError({"__all__": _("只有草稿状态的计划可以提交。")})
    _move(
        plan.targets.filter(status=Status.DRAFT).select_related("node", "person"),
        Status.SUBMITTED,
        by,
    )
    plan.status = Status.SUBMITTED
    plan.submitted_by = by
    plan.submitted_at = timezone.now()
    plan.version += 1
    plan.save()
    above = [p.user for p in _approvers_of(plan.root)] if plan.root else []
    notification_send(
        recipients=above or [by],
        kind="plan_submitted",
        title=message(gettext_noop("待审批：%(plan)s"), plan=plan.name),
        link=reverse("targets:approvals"),
    )
    return plan


@transaction.atomic
def plan_approve(*, plan: TargetPlan, by: User, note: str = "") -> TargetPlan:
    if not is_above(scope_for(by), plan.scope_node):
        raise PermissionDenied(_("只有上级可以审批该计划。"))
    if plan.status != Status.SUBMITTED:
        raise ValidationError({"__all__": _("只有已提交的计划可以审批。")})
    _move(
        plan.targets.filter(status=Status.SUBMITTED).select_related("node", "person"),
        Status.APPROVED,
        by,
        note,
    )
    plan.status = Status.APPROVED
    plan.approved_by = by
    plan.approved_at = timezone.now()
    plan.version += 1
    plan.save()
    steps_complete(target=plan.root, kind="approve", by=by)  # type: ignore[arg-type]
    notification_send(
        recipients=[plan.created_by, plan.owner.user],
        kind="plan_approved",
        title=message(gettext_noop("计划已批准：%(plan)s"), plan=plan.name),
        body=note,
        link=_plan_link(plan),
    )
    return plan


@transaction.atomic
def plan_return(*, plan: TargetPlan, by: User, note: str) -> TargetPlan:
    if not is_above(scope_for(by), plan.scope_node):
        raise PermissionDenied(_("只有上级可以退回该计划。"))
    if plan.status != Status.SUBMITTED:
        raise ValidationError({"__all__": _("只有已提交的计划可以退回。")})
    if not note.strip():
        raise ValidationError({"note": _("退回时请说明原因。")})
    _move(
        plan.targets.filter(status=Status.SUBMITTED).select_related("node", "person"),
        Status.DRAFT,
        by,
        note,
    )
    plan.status = Status.DRAFT
    plan.version += 1
    plan.save()
    notification_send(
        recipients=[plan.submitted_by],
        kind="plan_returned",
        title=message(gettext_noop("计划被退回：%(plan)s"), plan=plan.name),
        body=note,
        link=_plan_link(plan),
    )
    return plan


@transaction.atomic
def plan_lock(*, plan: TargetPlan, by: User) -> TargetPlan:
    """Freeze the whole plan: from now on only adjustments change it."""
    if not is_above(scope_for(by), plan.scope_node):
        raise PermissionDenied(_("只有上级可以锁定该计划。"))
    if plan.status != Status.APPROVED:
        raise ValidationError({"__all__": _("只有已批准的计划可以锁定。")})
    open_targets = list(
        plan.targets.exclude(status__in=(Status.APPROVED, Status.LOCKED)).select_related(
            "node", "person"
        )[:6]
    )
    if open_targets:
        names = series(t.label for t in open_targets[:5])
        raise ValidationError(
            {"__all__": _("还有未批准的目标，不能锁定：%(names)s") % {"names": names}}
        )
    _move(plan.targets.select_related("node", "person"), Status.LOCKED, by)
    plan.status = Status.LOCKED
    plan.locked_by = by
    plan.locked_at = timezone.now()
    plan.version += 1
    plan.save()
    return plan
