"""Writing people: the records upserted by employee number, their membership history (moves,
corrections) with the facts re-credited, and their logins."""

from __future__ import annotations

from typing import Any

import polars as pl
from django.contrib.auth.models import User

from salestarget.importing.kinds import WriteResult
from salestarget.importing.master import BATCH, upsert
from salestarget.org.importing.people_columns import FIX, MOVE, OPEN
from salestarget.org.models import Membership, Person, Role
from salestarget.org.recrediting import Correction, recredit_many, stints_by_person


def people_store(rows: pl.DataFrame) -> WriteResult:
    def build(r: dict[str, Any]) -> Person:
        return Person(
            employee_no=r["v_employee_no"],
            name=r["v_name"],
            email=r["email"],
            phone=r["phone"],
            role=r["role"],
            hired_on=r["hired_on"],
            user_id=r["db_user_id"],
        )

    fields = ["name", "email", "phone", "role", "hired_on"]
    result, made = upsert(Person, rows, build, fields)
    ids = {p.employee_no: p.pk for p in made if isinstance(p, Person)}
    rows = rows.with_columns(
        pl.coalesce(
            pl.col("_id"),
            pl.col("v_employee_no").replace_strict(ids, default=None, return_dtype=pl.Int64),
        ).alias("person_id")
    )
    _store_memberships(rows)
    _store_logins(rows)
    return result


def _store_memberships(rows: pl.DataFrame) -> None:
    """Write the history changes, then re-credit the facts of everyone whose team changed
    from a date they may already have facts on (a move, or a corrected current team)."""
    changed = rows.filter(pl.col("membership").is_in([MOVE, FIX]))
    before = stints_by_person(changed["person_id"].to_list())
    opening = rows.filter(pl.col("membership").is_in([OPEN, MOVE]))
    ended = [
        Membership(pk=r["current_id"], valid_to=r["valid_from"])
        for r in rows.filter(pl.col("membership") == MOVE).iter_rows(named=True)
    ]
    Membership.objects.bulk_update(ended, ["valid_to"], batch_size=BATCH)
    fixed = [
        Membership(pk=r["current_id"], node_id=r["node_id"], is_manager=r["is_manager"])
        for r in rows.filter(pl.col("membership") == FIX).iter_rows(named=True)
    ]
    Membership.objects.bulk_update(fixed, ["node", "is_manager"], batch_size=BATCH)
    Membership.objects.bulk_create(
        [
            Membership(
                person_id=r["person_id"],
                node_id=r["node_id"],
                valid_from=r["valid_from"],
                is_manager=r["is_manager"],
                start_stated=r["start_stated"],
            )
            for r in opening.iter_rows(named=True)
        ],
        batch_size=BATCH,
    )
    recredit_many(
        corrections=[
            Correction(r["person_id"], r["valid_from"], None, before.get(r["person_id"], []))
            for r in changed.iter_rows(named=True)
        ]
    )


def _store_logins(rows: pl.DataFrame) -> None:
    """New logins (without a password until an admin sets one), renamed logins, and the
    Django admin access of logins whose person's role changed (as ``user_access_sync``)."""
    created = []
    for r in rows.filter(pl.col("user_action") == "create").iter_rows(named=True):
        user = User(
            username=r["v_username"],
            is_staff=r["role"] == Role.ADMIN,
            is_superuser=r["role"] == Role.ADMIN,
            is_active=r["db_is_active"] is not False,
        )
        user.set_unusable_password()
        created.append((r["person_id"], user))
    User.objects.bulk_create([u for _p, u in created], batch_size=BATCH)
    Person.objects.bulk_update(
        [Person(pk=p, user_id=u.pk) for p, u in created], ["user"], batch_size=BATCH
    )
    renamed = [
        User(pk=r["db_user_id"], username=r["v_username"])
        for r in rows.filter(pl.col("user_action") == "rename").iter_rows(named=True)
    ]
    User.objects.bulk_update(renamed, ["username"], batch_size=BATCH)
    access = [
        User(
            pk=r["db_user_id"],
            is_staff=r["role"] == Role.ADMIN,
            is_superuser=r["role"] == Role.ADMIN,
        )
        for r in rows.filter(
            pl.col("db_user_id").is_not_null() & (pl.col("role") != pl.col("db_role"))
        ).iter_rows(named=True)
    ]
    User.objects.bulk_update(access, ["is_staff", "is_superuser"], batch_size=BATCH)
