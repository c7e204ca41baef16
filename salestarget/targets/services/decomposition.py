"""Decomposition (分解), the writing half: save a split in one transaction.

The figures come from ``queries.decomposition.decomposition_preview`` (the same computation
the page shows); this module writes them. Re-decomposing matches old children with new ones by their
coordinate on the axis: a matched child keeps its id and history and gets the new figures
(its own split is cleared when its value changed), unmatched old children are removed with
their subtrees (each keeps a last history line), and the outcome lists what changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from salestarget.core.allocation import AllocationMethod
from salestarget.targets import axes as ax
from salestarget.targets.axes import TARGET_RELATED
from salestarget.targets.models import ChangeKind, DraftRound, RoundStatus, Status, Target
from salestarget.targets.queries.decomposition import (
    METHOD_LABELS,
    TWO_WAY,
    DecompositionSpec,
    Preview,
    PreviewRow,
    children_by_member,
    decomposition_preview,
)
from salestarget.targets.services.history import change_new, changes_save, version_claim

# -- saving -------------------------------------------------------------------------------------


@dataclass
class DecompositionOutcome:
    target: Target
    preview: Preview
    created: int = 0
    updated: int = 0
    removed: int = 0
    summary: list[str] = field(default_factory=list)


@transaction.atomic
def target_decompose(
    *,
    target: Target,
    spec: DecompositionSpec,
    by: User,
    expected_version: int | None = None,
    reason: str = "",
) -> DecompositionOutcome:
    """Split ``target`` as ``spec`` says, replacing any previous split, in one transaction."""
    target = Target.objects.select_related("plan", *TARGET_RELATED).get(pk=target.pk)
    _require_decomposable(target)
    preview = decomposition_preview(target=target, spec=spec, by=by)
    version_claim(target=target, expected_version=expected_version)
    now = timezone.now()
    outcome = DecompositionOutcome(target=target, preview=preview)
    changes: list[Any] = []
    _apply(target, preview.rows, spec.axes, by, now, outcome, changes, reason)
    target.split_axes = ",".join(spec.axes)
    target.split_method = preview.method
    target.split_params = spec.to_json()
    target.uplift_pct = spec.uplift_pct if preview.metric.accumulates else Decimal(0)
    target.split_by = by
    target.split_at = now
    target.save(
        update_fields=[
            "split_axes",
            "split_method",
            "split_params",
            "uplift_pct",
            "split_by",
            "split_at",
            "updated_at",
        ]
    )
    summary = _summary(preview, outcome)
    outcome.summary = summary
    changes.append(
        change_new(
            target=target,
            kind=ChangeKind.REPLACED if preview.replaces else ChangeKind.DECOMPOSED,
            by=by,
            reason="; ".join([*summary, reason] if reason else summary),
            at=now,
        )
    )
    changes_save(changes=changes)
    if preview.method == AllocationMethod.DRAFTS.value and spec.round_id:
        DraftRound.objects.filter(pk=spec.round_id).update(status=RoundStatus.APPLIED)
    from salestarget.targets.services.cycles import steps_complete

    steps_complete(target=target, kind="decompose", by=by)
    return outcome


def _require_decomposable(target: Target) -> None:
    if target.plan.status == Status.LOCKED or target.status == Status.LOCKED:
        raise ValidationError({"__all__": _("计划已锁定，不能再分解。")})
    frozen = target.children.filter(status__in=(Status.APPROVED, Status.LOCKED))
    if frozen.exists():
        raise ValidationError({"__all__": _("下级目标已批准，只能通过目标调整重新分解。")})


def _apply(
    parent: Target,
    rows: list[PreviewRow],
    axes: tuple[str, ...],
    by: User,
    now: Any,
    outcome: DecompositionOutcome,
    changes: list[Any],
    reason: str,
) -> None:
    existing, unmatched = children_by_member(parent, axes[0])
    for gone in unmatched:
        _remove(gone, by, now, outcome, changes)
    to_create: list[tuple[Target, PreviewRow]] = []
    for order, row in enumerate(rows):
        old = existing.pop(row.key, None)
        if old is None:
            child = Target(
                plan_id=parent.plan_id,
                parent=parent,
                depth=parent.depth + 1,
                sort_order=order,
                value=row.value,
                base_value=row.base_value,
                challenge_value=row.challenge_value,
                status=Status.DRAFT,
                **ax.child_fields(parent, row.member),
            )
            to_create.append((child, row))
            continue
        changed = [
            (f, getattr(old, f), getattr(row, f))
            for f in ("value", "base_value", "challenge_value")
            if getattr(old, f) != getattr(row, f)
        ]
        if changed:
            for f, _old, new in changed:
                setattr(old, f, new)
            old.version += 1
            old.sort_order = order
            old.save(
                update_fields=[
                    "value",
                    "base_value",
                    "challenge_value",
                    "version",
                    "sort_order",
                    "updated_at",
                ]
            )
            outcome.updated += 1
            changes += [
                change_new(
                    target=old,
                    kind=ChangeKind.DECOMPOSED,
                    by=by,
                    field=f,
                    old=o,
                    new=n,
                    reason=reason,
                    at=now,
                )
                for f, o, n in changed
            ]
            if not row.cells:
                _remove_below(old, by, now, outcome, changes)
        if row.cells:
            if old.split_axes != axes[1]:
                _remove_below(old, by, now, outcome, changes)
            _mark_two_way(old, axes[1], by, now)
            _apply(old, row.cells, axes[1:], by, now, outcome, changes, reason)
    if to_create:
        created = Target.objects.bulk_create([c for c, _r in to_create])
        for child in created:
            child.path = f"{parent.path}{child.pk}/"
        Target.objects.bulk_update(created, ["path"])
        outcome.created += len(created)
        for child, row in zip(created, (r for _c, r in to_create), strict=True):
            changes.append(
                change_new(
                    target=child,
                    kind=ChangeKind.CREATED,
                    by=by,
                    field="value",
                    new=child.value,
                    reason=reason,
                    at=now,
                )
            )
            if row.cells:
                _mark_two_way(child, axes[1], by, now)
                _apply(child, row.cells, axes[1:], by, now, outcome, changes, reason)
    for old in existing.values():
        _remove(old, by, now, outcome, changes)


def _mark_two_way(row: Target, axis: str, by: User, now: Any) -> None:
    row.split_axes = axis
    row.split_method = TWO_WAY
    row.split_params = {}
    row.uplift_pct = Decimal(0)
    row.split_by = by
    row.split_at = now
    row.save(
        update_fields=[
            "split_axes",
            "split_method",
            "split_params",
            "uplift_pct",
            "split_by",
            "split_at",
        ]
    )


def _remove_below(
    target: Target,
    by: User,
    now: Any,
    outcome: DecompositionOutcome,
    changes: list[Any],
) -> None:
    for child in list(target.children.all()):
        _remove(child, by, now, outcome, changes)
    if target.split_method:
        Target.objects.filter(pk=target.pk).update(
            split_axes="", split_method="", split_params={}, uplift_pct=0
        )
        target.split_axes = target.split_method = ""


def _remove(
    target: Target,
    by: User,
    now: Any,
    outcome: DecompositionOutcome,
    changes: list[Any],
) -> None:
    """Delete ``target`` and its subtree, keeping a last history line for each."""
    subtree = list(
        Target.objects.filter(path__startswith=target.path).select_related(*TARGET_RELATED)
    )
    removal = [
        change_new(
            target=t, kind=ChangeKind.REPLACED, by=by, field="value", old=t.value, new=None, at=now
        )
        for t in subtree
    ]
    changes_save(changes=removal)
    outcome.removed += len(subtree)
    gone = {t.pk for t in subtree}
    target.delete()
    # Records not saved yet must not point at deleted rows; the label still names the cell.
    for c in changes:
        if c.target_id in gone:
            c.target = None


def _summary(preview: Preview, outcome: DecompositionOutcome) -> list[str]:
    def fmt(value: Decimal | None) -> str:
        return "—" if value is None else f"{value:,.{preview.decimals}f}"

    lines = [
        _("按%(axes)s分解为 %(n)d 个下级（%(method)s），合计 %(total)s")
        % {
            "axes": " × ".join(str(ax.AXIS_LABELS[a]) for a in preview.spec.axes),
            "n": len(preview.rows),
            "method": METHOD_LABELS.get(preview.method, preview.method),
            "total": fmt(preview.total),
        }
    ]
    if preview.uplift_amount:
        lines.append(
            _("上浮 %(pct)s%%（+%(amount)s）")
            % {"pct": preview.spec.uplift_pct, "amount": fmt(preview.uplift_amount)}
        )
    if preview.replaces:
        for row in preview.changed_rows:
            lines.append(
                _("%(label)s：%(old)s → %(new)s")
                % {"label": row.label, "old": fmt(row.old_value), "new": fmt(row.value)}
            )
        for row in preview.added_rows:
            lines.append(_("新增 %(label)s：%(new)s") % {"label": row.label, "new": fmt(row.value)})
        for t in preview.removed:
            lines.append(
                _("删除 %(label)s（原 %(old)s）") % {"label": t.label, "old": fmt(t.value)}
            )
    return lines
