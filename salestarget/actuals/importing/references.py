"""Master data as small frames, for resolving the references of facts and crediting them to
the node of the person's membership on the day, column-wise."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import polars as pl
from django.db import models

from salestarget.catalog.models import Channel, Customer, CustomerType, Product, Region
from salestarget.fields import decimal_to_units
from salestarget.org.models import Membership, OrgNode, Person

ID = pl.Int64


def _frame(
    rows: Sequence[Sequence[object]], names: list[str], schema: Mapping[str, Any]
) -> pl.DataFrame:
    return pl.DataFrame(rows, schema={n: schema.get(n, ID) for n in names}, orient="row")


def reference_frame(kind: str) -> pl.DataFrame:
    """id, code, name (+ what the importer needs from the record) for one kind of reference."""
    text = {"code": pl.String, "name": pl.String}
    if kind == "customer":
        names = ["id", "code", "name", "customer_type_id", "region_id", "channel_id", "owner_id"]
        return _frame(list(Customer.objects.values_list(*names)), names, text)
    if kind == "product":
        rows = [
            (i, c, n, decimal_to_units(cost))
            for i, c, n, cost in Product.objects.values_list("id", "code", "name", "standard_cost")
        ]
        return _frame(rows, ["id", "code", "name", "standard_cost"], text)
    if kind == "person":
        people = list(Person.objects.values_list("id", "employee_no", "name"))
        return _frame(people, ["id", "code", "name"], text)
    model: type[models.Model] = {
        "channel": Channel,
        "region": Region,
        "customer_type": CustomerType,
        "node": OrgNode,
    }[kind]
    return _frame(
        list(model._default_manager.values_list("id", "code", "name")), ["id", "code", "name"], text
    )


def memberships_frame() -> pl.DataFrame:
    rows = list(
        Membership.objects.values_list(
            "person_id", "node_id", "valid_from", "valid_to", "start_stated"
        ).order_by()
    )
    return pl.DataFrame(
        rows,
        schema={
            "person_id": ID,
            "node_id": ID,
            "valid_from": pl.Date,
            "valid_to": pl.Date,
            "start_stated": pl.Boolean,
        },
        orient="row",
    )


def managers_frame() -> pl.DataFrame:
    """The managers' memberships: who manages which node from when to when."""
    rows = list(
        Membership.objects.filter(is_manager=True)
        .values_list("person_id", "node_id", "valid_from", "valid_to")
        .order_by()
    )
    return pl.DataFrame(
        rows,
        schema={"person_id": ID, "node_id": ID, "valid_from": pl.Date, "valid_to": pl.Date},
        orient="row",
    )


def region_ancestors() -> dict[int, list[int]]:
    """Each region with itself and the regions above it, nearest first."""
    parents: dict[int, int | None] = dict(Region.objects.values_list("id", "parent_id"))
    chains: dict[int, list[int]] = {}
    for region in parents:
        chain: list[int] = []
        at: int | None = region
        while at is not None and at not in chain:  # a cycle cannot be saved, but stay safe
            chain.append(at)
            at = parents.get(at)
        chains[region] = chain
    return chains


def first_memberships(members: pl.DataFrame) -> pl.DataFrame:
    """person_id, node_id, valid_from (start_stated) of each person's earliest membership."""
    return members.sort("valid_from").unique("person_id", keep="first")
