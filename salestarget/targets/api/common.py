"""What every targets endpoint shares: the target in the caller's scope, the 409 answer of a
stale version, the note of a transition and the shape of a history line."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from django.http import Http404
from ninja import Schema, Status

from salestarget.http import AuthenticatedRequest
from salestarget.org.scoping import request_scope
from salestarget.targets import queries
from salestarget.targets.services.history import VersionConflictError
from salestarget.ui.params import path_id

TargetId = Annotated[int, path_id("the target")]


class NoteIn(Schema):
    note: str = ""


class ChangeOut(Schema):
    id: int
    target_id: int | None
    target_label: str
    kind: str
    field: str
    old_value: Decimal | None
    new_value: Decimal | None
    old_status: str
    new_status: str
    version: int
    reason: str
    by: str | None
    at: dt.datetime

    @staticmethod
    def resolve_by(obj: Any) -> str | None:
        return obj.by.get_username() if obj.by else None


def conflict(exc: VersionConflictError) -> Status:
    return Status(409, exc.as_dict())


def target_in_scope(request: AuthenticatedRequest, target_id: TargetId) -> Any:
    target = (
        queries.targets_visible(request_scope(request))
        .select_related("plan")
        .filter(pk=target_id)
        .first()
    )
    if target is None:
        raise Http404
    return target
