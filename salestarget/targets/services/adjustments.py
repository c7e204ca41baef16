"""Adjustments (目标调整): an approved target changes only through a request with a reason,
decided by the role above the target's holder, never by the requester.

On approval the new figures are applied and, when the request says so, the split below is
redone in the same proportions as before, level by level: each level's children are shared
out with the core's ``allocate`` over their current values (keeping that level's uplift), so
they still add up exactly. Every changed value is recorded with the request as its reason.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from salestarget.core.allocation import allocate, given_weights
from salestarget.notifications.messages import Amount, message
from salestarget.notifications.services import notification_send
from salestarget.org.scoping import scope_for
from salestarget.targets.company_metrics import metric_definition, value_decimals
from salestarget.targets.models import AdjustmentReason, AdjustmentRequest, ChangeKind, Target
from salestarget.targets.permissions import (
    can_decide_adjustment,
    require_manage,
)
from salestarget.targets.services.history import FIGURES, change_new, changes_save, version_claim
from salestarget.targets.services.plans import figure_check

State = AdjustmentRequest.State


@transaction.atomic
def adjustment_request(
    *,
    target: Target,
    by: User,
    new_value: Decimal,
    reason_category: str,
    reason: str,
    new_base_value: Decimal | None = None,
    new_challenge_value: Decimal | None = None,
    redistribute: bool = True,
) -> AdjustmentRequest:
    target = Target.objects.select_related("plan", "node", "person").get(pk=target.pk)
    require_manage(scope_for(by), target)
    errors: dict[str, list[str]] = {}
    if not target.is_frozen:
        errors["__all__"] = [_("草稿或已提交的目标可以直接修改，无需调整申请。")]
    if reason_category not in AdjustmentReason.values:
        errors["reason_category"] = [_("请选择调整原因。")]
    if not reason.strip():
        errors["reason"] = [_("请说明调整的具体原因。")]
    problems = figure_check(
        metric=metric_definition(target.metric),
        figures={
            "value": new_value,
            "base_value": new_base_value,
            "challenge_value": new_challenge_value,
        },
    )
    errors.update({k: [v] for k, v in problems.items()})
    if target.adjustments.filter(state=State.PENDING).exists():
        errors["__all__"] = [_("该目标已有待审批的调整申请。")]
    if errors:
        raise ValidationError(errors)
    adjustment = AdjustmentRequest.objects.create(
        target=target,
        plan=target.plan,
        target_label=target.label[:300],
        target_version=target.version,
        old_value=target.value,
        new_value=new_value,
        new_base_value=new_base_value,
        new_challenge_value=new_challenge_value,
        reason_category=reason_category,
        reason=reason.strip(),
        redistribute=redistribute,
        requested_by=by,
    )
    from salestarget.targets.services.workflow import _approvers_of

    notification_send(
        recipients=[p.user for p in _approvers_of(target)],
        kind="adjustment_requested",
        title=message(gettext_noop("目标调整待审批：%(target)s"), target=target.label),
        body=message(
            gettext_noop("%(old)s → %(new)s：%(reason)s"),
            old=Amount(target.value),
            new=Amount(new_value),
            reason=reason,
        ),
        link=reverse("targets:adjustment_detail", args=[adjustment.pk]),
    )
    return adjustment


@transaction.atomic
def adjustment_decide(
    *, adjustment: AdjustmentRequest, by: User, approve: bool, note: str = ""
) -> AdjustmentRequest:
    adjustment = AdjustmentRequest.objects.select_related(
        "target__node", "target__person", "requested_by"
    ).get(pk=adjustment.pk)
    if adjustment.requested_by_id == by.pk:
        raise PermissionDenied(_("不能审批自己提出的调整申请。"))
    if not can_decide_adjustment(by, adjustment):
        raise PermissionDenied(_("只有上级可以审批该调整申请。"))
    if adjustment.state != State.PENDING:
        raise ValidationError({"__all__": _("该申请已处理。")})
    if not approve and not note.strip():
        raise ValidationError({"decision_note": _("驳回时请说明原因。")})
    adjustment.state = State.APPROVED if approve else State.REJECTED
    adjustment.decided_by = by
    adjustment.decided_at = timezone.now()
    adjustment.decision_note = note.strip()
    adjustment.save()
    if approve:
        assert adjustment.target is not None
        _apply(adjustment, adjustment.target, by)
    notification_send(
        recipients=[adjustment.requested_by],
        kind="adjustment_decided",
        title=message(
            gettext_noop("调整申请已批准：%(t)s")
            if approve
            else gettext_noop("调整申请被驳回：%(t)s"),
            t=adjustment.target_label,
        ),
        body=note,
        link=reverse("targets:adjustment_detail", args=[adjustment.pk]),
    )
    return adjustment


def adjustment_withdraw(*, adjustment: AdjustmentRequest, by: User) -> AdjustmentRequest:
    if adjustment.requested_by_id != by.pk:
        raise PermissionDenied(_("只能撤回自己的申请。"))
    if adjustment.state != State.PENDING:
        raise ValidationError({"__all__": _("该申请已处理。")})
    adjustment.state = State.WITHDRAWN
    adjustment.save(update_fields=["state"])
    return adjustment


def _reason(adjustment: AdjustmentRequest) -> str:
    return f"[{adjustment.get_reason_category_display()}] {adjustment.reason}"


def _apply(adjustment: AdjustmentRequest, target: Target, by: User) -> None:
    if target.version != adjustment.target_version:
        raise ValidationError(
            {
                "__all__": _("申请提出后该目标已被修改（版本 %(a)s → %(b)s），请重新提出申请。")
                % {"a": adjustment.target_version, "b": target.version}
            }
        )
    version_claim(target=target, expected_version=adjustment.target_version)
    now = timezone.now()
    reason = _reason(adjustment)
    new = {
        "value": adjustment.new_value,
        "base_value": adjustment.new_base_value
        if adjustment.new_base_value is not None
        else target.base_value,
        "challenge_value": (
            adjustment.new_challenge_value
            if adjustment.new_challenge_value is not None
            else target.challenge_value
        ),
    }
    changes = []
    for f in FIGURES:
        if getattr(target, f) != new[f]:
            changes.append(
                change_new(
                    target=target,
                    kind=ChangeKind.ADJUSTED,
                    by=by,
                    field=f,
                    old=getattr(target, f),
                    new=new[f],
                    reason=reason,
                    adjustment=adjustment,
                    at=now,
                )
            )
            setattr(target, f, new[f])
    target.save(update_fields=[*FIGURES, "updated_at"])
    if adjustment.redistribute:
        _rescale_below(target, by, adjustment, reason, now, changes)
    changes_save(changes=changes)


def _rescale_below(
    parent: Target,
    by: User,
    adjustment: AdjustmentRequest,
    reason: str,
    now: Any,
    changes: list[Any],
) -> None:
    children = list(parent.children.select_related("node", "person").order_by("sort_order", "pk"))
    if not children:
        return
    metric = metric_definition(parent.metric)
    decimals = value_decimals(metric)
    new_figures: dict[str, list[Decimal | None]] = {}
    for f in FIGURES:
        total = getattr(parent, f)
        if not metric.accumulates:
            new_figures[f] = [total] * len(children)
            continue
        current = [getattr(c, f) for c in children]
        if total is None or any(v is None for v in current):
            new_figures[f] = current
            continue
        shares = allocate(
            total,
            given_weights([v for v in current if v is not None]),
            decimals=decimals,
            uplift_pct=parent.uplift_pct,
        ).shares
        new_figures[f] = list(shares)
    moved = []
    for i, child in enumerate(children):
        changed = False
        for f in FIGURES:
            value = new_figures[f][i]
            if getattr(child, f) != value:
                changes.append(
                    change_new(
                        target=child,
                        kind=ChangeKind.ADJUSTED,
                        by=by,
                        field=f,
                        old=getattr(child, f),
                        new=value,
                        reason=reason,
                        adjustment=adjustment,
                        at=now,
                    )
                )
                setattr(child, f, value)
                changed = True
        if changed:
            child.version += 1
            moved.append(child)
    if moved:
        Target.objects.bulk_update(moved, [*FIGURES, "version"])
        for c in changes:
            if c.target in moved:
                c.version = c.target.version
    for child in moved:
        _rescale_below(child, by, adjustment, reason, now, changes)
