"""Whole numbers from a request — ids, page numbers, years, page sizes and offsets — parsed in
one place, so that a value out of range (``?page=99999999999999999999``, ``offset=2**63``,
``year=0``) is answered 400 (pages) or 422 (API) naming the parameter, never a 500 from a
database or a date that cannot hold it.

Pages call :func:`int_param`; API endpoints annotate their parameters with :data:`Id`,
:data:`Year` or :data:`Count`, and every paginated API list uses :class:`Paging`
(``NINJA_PAGINATION_CLASS``): ``limit`` at most :data:`MAX_LIMIT`, more is a 422 naming it.
"""

from __future__ import annotations

import contextlib
import json
from typing import Annotated, Any

from django.core.exceptions import BadRequest, ValidationError
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from ninja.params import functions as ninja_params

# The largest integer a BIGINT column (and SQLite) holds.
DB_MAX = 2**63 - 1
MAX_LIMIT = 1000
PER_PAGE = 100

Id = Annotated[int, Field(ge=1, le=DB_MAX, description="an id (1 … 2⁶³−1)")]


def path_id(what: str) -> Any:
    """An id in an operation's path, documented as the id of ``what``:
    ``PlanId = Annotated[int, path_id("the target plan")]``, then ``plan_id: PlanId``.
    (ninja leaves ``Id``'s own description out of a parameter: only a ``Path`` or ``Query``
    of its own reaches the schema.)"""
    return ninja_params.Path(ge=1, le=DB_MAX, description=f"id of {what} (1 … 2⁶³−1)")


def query_param(default: Any, *, description: str, **bounds: Any) -> Any:
    """The default of a query parameter, saying what it means (``ge``, ``le`` … as ninja's
    ``Query``, which strict mypy cannot call)."""
    return ninja_params.Query(default, description=description, **bounds)


def query_id(description: str) -> Any:
    """The default of an optional id in the query string, saying what it filters by."""
    return ninja_params.Query(None, ge=1, le=DB_MAX, description=description)


Year = Annotated[int, Field(ge=1, le=9999, description="a year (1 … 9999)")]
Count = Annotated[int, Field(ge=1, le=MAX_LIMIT, description=f"how many (1 … {MAX_LIMIT})")]


class ParameterError(BadRequest):
    """A request parameter that is not a whole number in its range; pages answer 400."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name


def int_param(
    request: HttpRequest,
    name: str,
    *,
    default: int | None = None,
    low: int = 1,
    high: int = DB_MAX,
) -> int | None:
    """``request.GET[name]`` as an int in ``low … high``; ``default`` when absent or empty."""
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ParameterError(
            name,
            _("参数“%(name)s”必须是整数，收到“%(value)s”。") % {"name": name, "value": raw[:40]},
        ) from None
    if not low <= value <= high:
        raise ParameterError(
            name,
            _("参数“%(name)s”必须在 %(low)s 到 %(high)s 之间，收到 %(value)s。")
            % {"name": name, "low": low, "high": high, "value": raw[:40]},
        )
    return value


def posted_id(request: HttpRequest, name: str) -> int | None:
    """``request.POST[name]`` as an id, or None when it is missing or no id (a word, a
    negative, past the database's range): the caller then finds nothing, as for an unknown id."""
    raw = request.POST.get(name, "").strip()
    return int(raw) if raw.isascii() and raw.isdigit() and 0 < int(raw) <= DB_MAX else None


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 400 page (``handler400``): says which parameter was wrong when we know."""
    message = str(exception) if isinstance(exception, ParameterError) else ""
    return render(request, "400.html", {"message": message}, status=400)


class Paging(LimitOffsetPagination):
    """Every API list: ``limit`` 1 … MAX_LIMIT (default PER_PAGE), ``offset`` 0 … DB_MAX."""

    class Input(Schema):
        limit: int = Field(
            PER_PAGE, ge=1, le=MAX_LIMIT, description=f"page size, at most {MAX_LIMIT}"
        )
        offset: int = Field(0, ge=0, le=DB_MAX, description="rows to skip")


def out_of_range_fields(request: HttpRequest) -> list[str]:
    """The fields of a JSON body (at any depth, dotted) and the query parameters whose whole
    numbers no database column can hold."""
    found = []
    for name in request.GET:
        raw = str(request.GET.get(name, "")).strip().lstrip("+-")
        if raw.isdigit() and int(raw) > DB_MAX:
            found.append(name)

    def walk(value: Any, path: str) -> None:
        if isinstance(value, bool):
            return
        if isinstance(value, int) and abs(value) > DB_MAX:
            found.append(path)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{path}.{key}" if path else str(key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{path}.{index}")

    with contextlib.suppress(ValueError):  # not JSON: nothing to name
        walk(json.loads(request.body or b"null"), "")
    return found


def patch_nulls_refused(obj: Model, sent: dict[str, Any]) -> None:
    """A PATCH's ``null`` for a column that holds no null is a 422 naming the field (raised as
    a ``ValidationError``), not a database error."""
    fields = {f.name: f for f in obj._meta.concrete_fields}
    fields.update({f.attname: f for f in obj._meta.concrete_fields})
    empty = [n for n, v in sent.items() if v is None and n in fields and not fields[n].null]
    if empty:
        raise ValidationError({n: [_("必填，不能为空")] for n in empty})
