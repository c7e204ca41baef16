"""Recording changes (who, when, which figure, old, new, why) and the version check."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db.models import F
from django.utils import timezone

from salestarget.targets.models import Target, TargetChange

FIGURES = ("value", "base_value", "challenge_value")


def change_new(
    *,
    target: Target,
    kind: str,
    by: User | None,
    field: str = "",
    old: Decimal | None = None,
    new: Decimal | None = None,
    old_status: str = "",
    new_status: str = "",
    reason: str = "",
    adjustment: Any = None,
    at: Any = None,
) -> TargetChange:
    """An unsaved change record for ``target`` (save many with ``changes_save``)."""
    return TargetChange(
        plan_id=target.plan_id,
        target=target,
        target_label=target.label[:300],
        kind=kind,
        field=field,
        old_value=old,
        new_value=new,
        old_status=old_status,
        new_status=new_status,
        version=target.version,
        reason=reason,
        by=by if by is not None and by.is_authenticated else None,
        adjustment=adjustment,
        at=at or timezone.now(),
    )


def changes_save(*, changes: Iterable[TargetChange]) -> list[TargetChange]:
    return TargetChange.objects.bulk_create(list(changes))


@dataclass
class VersionConflictError(Exception):
    """Someone changed the target since the caller read it (optimistic version check)."""

    target: Target
    expected_version: int
    changes: list[TargetChange]

    def __str__(self) -> str:
        return (
            f"target {self.target.pk} is at version {self.target.version}, "
            f"not {self.expected_version}"
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "detail": "conflict",
            "target_id": self.target.pk,
            "current_version": self.target.version,
            "expected_version": self.expected_version,
            "current": {f: _text(getattr(self.target, f)) for f in FIGURES},
            "changes": [
                {
                    "kind": c.kind,
                    "field": c.field,
                    "old": _text(c.old_value),
                    "new": _text(c.new_value),
                    "by": c.by.get_username() if c.by else "",
                    "at": c.at.isoformat(),
                    "reason": c.reason,
                    "version": c.version,
                }
                for c in self.changes
            ],
        }


def version_claim(*, target: Target, expected_version: int | None) -> None:
    """Bump ``target``'s version if it is still ``expected_version``; VersionConflictError if not.

    One conditional UPDATE: of two managers saving the same target, exactly one wins and the
    other is told what changed in between.
    """
    qs = Target.objects.filter(pk=target.pk)
    if expected_version is not None:
        qs = qs.filter(version=expected_version)
    if qs.update(version=F("version") + 1) == 0:
        current = Target.objects.select_related("node", "person").get(pk=target.pk)
        since = list(
            TargetChange.objects.filter(target=current, version__gt=expected_version or 0)
            .select_related("by")
            .order_by("at", "pk")
        )
        raise VersionConflictError(current, expected_version or 0, since)
    target.version = (expected_version if expected_version is not None else target.version) + 1
    if expected_version is None:
        target.refresh_from_db(fields=["version"])


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)
