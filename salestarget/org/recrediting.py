"""Re-crediting facts when someone's membership history is corrected.

A fact stores the org node it is credited to, fixed when written: the node of the person's
membership on the fact's date. When an admin corrects that history afterwards (a move dated
earlier or later, a membership row added, changed or deleted), the facts of the changed dates
must follow to the node that is now right. ``org`` owns the history but not the facts: the app
that holds them (``actuals``) registers a recrediter when ready (:func:`recrediter_register`),
and the org services call :func:`recredit` inside their own transaction, so a refusal (facts
that would belong to no node) writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext as _

from salestarget.org.models import Membership


@dataclass(frozen=True)
class Stint:
    """A membership as it was: node, first day, first day no longer (None: open)."""

    node_id: int
    valid_from: dt.date
    valid_to: dt.date | None


def stints_of(person_id: int) -> list[Stint]:
    """``person``'s membership history now, to pass as ``before`` once it has changed."""
    return stints_by_person([person_id]).get(person_id, [])


def stints_by_person(person_ids: Iterable[int]) -> dict[int, list[Stint]]:
    """The membership histories of many people now (one query)."""
    histories: dict[int, list[Stint]] = {}
    rows = (
        Membership.objects.filter(person_id__in=list(person_ids))
        .order_by("person_id", "valid_from")
        .values_list("person_id", "node_id", "valid_from", "valid_to")
    )
    for person_id, node_id, start, end in rows:
        histories.setdefault(person_id, []).append(Stint(node_id, start, end))
    return histories


@dataclass(frozen=True)
class Correction:
    """One person's history changed for facts dated ``start`` up to, not including, ``end``
    (None: no end); ``before`` is the history as it was."""

    person_id: int
    start: dt.date
    end: dt.date | None
    before: Sequence[Stint]


@dataclass
class Recredit:
    """What moved: facts per kind and the days whose rollups were refreshed."""

    counts: dict[str, int] = field(default_factory=dict)
    days: list[dt.date] = field(default_factory=list)
    labels: dict[str, str | Promise] = field(default_factory=dict)  # kind → its name

    @property
    def total(self) -> int:
        return sum(self.counts.values())


# Moves the facts of the corrected ranges to the node now right; raises ValidationError,
# writing nothing, when facts would belong to no node.
Recrediter = Callable[[Sequence[Correction]], Recredit]
_RECREDITERS: list[Recrediter] = []


def recrediter_register(recrediter: Recrediter) -> None:
    if recrediter not in _RECREDITERS:
        _RECREDITERS.append(recrediter)


def recredit_many(*, corrections: Sequence[Correction]) -> Recredit:
    """Re-credit the facts of every corrected range (one person or ten thousand) with every
    registered recrediter."""
    result = Recredit()
    if not corrections:
        return result
    for recrediter in _RECREDITERS:
        part = recrediter(corrections)
        result.counts.update(part.counts)
        result.labels.update(part.labels)
        result.days = sorted({*result.days, *part.days})
    return result


def recredit(
    *,
    person_id: int,
    start: dt.date,
    end: dt.date | None,
    before: Sequence[Stint] | None = None,
) -> Recredit:
    """Credit ``person``'s facts dated from ``start`` up to, not including, ``end`` (None: no
    end) to the node of their membership on each fact's date. ``before``: the history as it
    was (``stints_of`` taken before the change); an expense moves only when it was credited by
    that history, so spend booked to a named node stays there (without ``before``, the
    history as it is now).

    Raises ValidationError, writing nothing, when facts in the range would belong to no node.
    """
    if before is None:
        before = stints_of(person_id)
    return recredit_many(corrections=[Correction(person_id, start, end, before)])


def recredit_message(result: Recredit) -> str:
    """ "N facts re-credited (sales lines 120, payments 8)" for the page, or ""."""
    if not result.total:
        return ""
    parts = "，".join(
        f"{result.labels.get(kind, kind)} {count}" for kind, count in result.counts.items() if count
    )
    return _("已按修改后的任职记录把 %(count)d 条业务数据改记到新的组织（%(parts)s）。") % {
        "count": result.total,
        "parts": parts,
    }
