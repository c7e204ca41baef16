"""History from before a person was imported: their first membership starts on their earliest
fact instead, so old sales credit the node they were in — always when nobody stated when it
starts (``Membership.start_stated``: a people file without dates), and for any first
membership with the import's "backdate" option."""

from __future__ import annotations

import polars as pl
from django.utils.translation import gettext as _

from salestarget.org.models import Membership
from salestarget.wording import series


def memberships_backdate(
    *, rows: pl.DataFrame, day: pl.Expr, stated_too: bool = False
) -> list[str]:
    """Move each person's first membership back to their earliest fact in ``rows`` when that
    fact is earlier and its start was not stated (any start: ``stated_too``); a note naming
    who moved and to when (nothing: an empty list). No fact is credited before a first
    membership, so none has to follow."""
    earliest = (
        rows.select(pl.col("person_id"), day.alias("_day"))
        .drop_nulls()
        .group_by("person_id")
        .agg(pl.col("_day").min())
    )
    if earliest.height == 0:
        return []
    wanted = dict(earliest.iter_rows())
    firsts: dict[int, Membership] = {}
    for m in (
        Membership.objects.filter(person_id__in=list(wanted))
        .select_related("person")
        .order_by("person_id", "valid_from")
    ):
        firsts.setdefault(m.person_id, m)
    moved = []
    for person_id, first in firsts.items():
        if wanted[person_id] < first.valid_from and (stated_too or not first.start_stated):
            first.valid_from = wanted[person_id]
            first.save(update_fields=["valid_from"])  # audited, one per person
            moved.append(f"{first.person.name} {first.valid_from}")
    if not moved:
        return []
    return [_("首个任职的开始日期已提前：%(people)s") % {"people": series(moved)}]
