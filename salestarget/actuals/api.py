"""Actuals over the API: batch ingestion per fact kind, and scoped lists.

``POST /api/actuals/<kind>`` takes ``{"source": "crm", "mode": "all"|"good", "records": [...]}``.
Each record names its fields as in the file mapping (``sold_on``, ``customer``, ``amount`` …);
customers, products, people, channels, org nodes and regions are given by code or exact name.
``external_id`` is required: sending the same record again updates it instead of adding it.
The answer lists every error with the record's ``index`` and the ``field``; with mode ``all``
(the default) a batch with any error writes nothing and answers 422.

Sales lines may name customers and products nobody has yet: with ``"create_new": true`` (who
may edit master data only) they are made first, as the file import's option makes them.
Sales lines without a ``person`` are credited by the batch's ``credit`` rule (the customer's
owner, a table from region / customer type / channel to a person or team, or a default
person: the mapping page's and ``salestarget import --credit``'s rules); a batch that names
none uses the rule last chosen for its ``source`` (a file import's), if any.
"""

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field, create_model

from salestarget.actuals import queries
from salestarget.actuals.import_kinds import FACT_KINDS
from salestarget.actuals.importing.crediting import credit_options, credit_remembered
from salestarget.importing.api import BatchResult, batch_result, batch_status
from salestarget.importing.kinds import KindSpec
from salestarget.importing.queries import batches_visible
from salestarget.importing.services import records_import
from salestarget.org.masterdata import require_master_data_editor
from salestarget.org.scoping import request_scope
from salestarget.ui.params import path_id, query_id

router = Router(tags=["actuals"])
BatchId = Annotated[int, path_id("the import batch")]

Value = str | int | float | None


class CreditIn(Schema):
    """Who sales lines without a ``person`` are credited to."""

    rule: Literal["owner", "dimension", "default"] = Field(
        description="owner: the customer's owner; dimension: by the `map` of `by`; default: "
        "the `default` person"
    )
    by: Literal["region", "customer_type", "channel"] = Field(
        "region", description="the dimension `map` names (rule dimension)"
    )
    map: dict[str, str] = Field(
        default_factory=dict,
        description="a region (customer type, channel) by code or name → a person (employee "
        "no. or name) or an org node (its manager on the sale date); a region covers the "
        "regions below it",
    )
    default: str = Field(
        "", description="a person credited with what the rule leaves (everything: rule default)"
    )


def _record_schema(spec: KindSpec) -> type[Schema]:
    fields: dict[str, Any] = {}
    for f in spec.fields:
        required = f.required or f.name == "external_id"
        fields[f.name] = (Value, Field(... if required else None, description=str(f.label)))
    return create_model(f"{spec.model_name}Record", __base__=Schema, **fields)


def _ingest_endpoint(spec: KindSpec) -> None:
    record = _record_schema(spec)
    # pydantic builds the batch model at run time, from the kind's record model.
    batch_fields: dict[str, Any] = {
        "source": (str, Field("api", max_length=40, description="the sending system")),
        "mode": (
            Literal["all", "good"],
            Field(
                "all", description="all: any error rejects the batch; good: write the good records"
            ),
        ),
        "records": (list[record], Field(..., max_length=100_000)),  # type: ignore[valid-type]
    }
    if spec.batch_options is not None:  # sales: the crediting rule
        batch_fields["credit"] = (
            CreditIn | None,
            Field(
                None,
                description="how lines without a person are credited; default: the "
                "rule last chosen for the source",
            ),
        )
    if spec.importer.create_new:  # sales: make the customers and products nobody has yet
        batch_fields["create_new"] = (
            bool,
            Field(
                False,
                description="make the customers and products the records name and nobody has "
                "yet (code = the record's customer/product, name = customer_name/product_name), "
                "then import every record; only for who may edit master data (else 403)",
            ),
        )
    body = create_model(f"{spec.model_name}Batch", __base__=Schema, **batch_fields)

    def ingest(request: HttpRequest, payload: body) -> Status:  # type: ignore[valid-type]
        scope = request_scope(request)
        spec.importer.require(scope)  # activities: reps and managers too, in their scope
        options = _credit(spec, payload)
        if getattr(payload, "create_new", False):
            require_master_data_editor(scope)
            options = {**options, "create_new": True}
        records = [r.dict() for r in payload.records]  # type: ignore[attr-defined]
        for r in records:
            if r.get("external_id") is None:
                r["external_id"] = ""  # required for idempotency: reported per record
        batch = records_import(
            kind=spec.key,
            source=payload.source,  # type: ignore[attr-defined]
            records=records,
            user=request.user,  # type: ignore[attr-defined]
            mode=payload.mode,  # type: ignore[attr-defined]
            scope=scope,  # type: ignore[attr-defined]
            options=options,
        )
        return Status(batch_status(batch), batch_result(batch))

    ingest.__name__ = f"ingest_{spec.key}"
    router.post(
        f"/{spec.api_path}",
        response={200: BatchResult, 422: BatchResult},
        summary=f"Import {spec.api_path} (idempotent by source + external_id)",
        operation_id=f"actuals_ingest_{spec.key}",
    )(ingest)


def _credit(spec: KindSpec, payload: Any) -> dict[str, object]:
    if spec.batch_options is None:
        return {}
    credit: CreditIn | None = payload.credit
    if credit is None:
        return credit_remembered(kind=spec, source=payload.source)
    return credit_options(credit.rule, by=credit.by, table=credit.map, default=credit.default)


for _spec in FACT_KINDS.values():
    _ingest_endpoint(_spec)


class SalesLineOut(Schema):
    id: int
    source: str
    external_id: str
    sold_on: dt.date
    order_no: str
    line_no: str
    customer_id: int
    product_id: int
    person_id: int
    node_id: int
    channel_id: int
    customer_type_id: int
    region_id: int
    quantity: Decimal
    amount: Decimal
    cost: Decimal | None = Field(
        None, description="null: unknown (no cost, profit or margin given, no standard cost)"
    )
    batch_id: int | None


class ExpenseOut(Schema):
    id: int
    source: str
    external_id: str
    spent_on: dt.date
    person_id: int | None
    node_id: int
    category: str
    amount: Decimal


class PaymentOut(Schema):
    id: int
    source: str
    external_id: str
    received_on: dt.date
    customer_id: int
    person_id: int
    node_id: int
    amount: Decimal


class OpportunityOut(Schema):
    id: int
    source: str
    external_id: str
    name: str
    customer_id: int
    person_id: int
    node_id: int
    amount: Decimal
    opened_on: dt.date
    closed_on: dt.date | None
    stage: str


class SurveyOut(Schema):
    id: int
    source: str
    external_id: str
    surveyed_on: dt.date
    customer_id: int
    person_id: int
    node_id: int
    score: Decimal


class MarketSizeOut(Schema):
    id: int
    source: str
    external_id: str
    region_id: int
    month: dt.date
    amount: Decimal


class ActivityOut(Schema):
    id: int
    source: str
    external_id: str
    occurred_on: dt.date
    occurred_at: str = Field(description='"HH:MM", or "" when no time was given')
    kind: str = Field(description="visit, call, email, demo, event, followup or lead")
    status: str = Field(description="done or planned (only done activities are counted)")
    person_id: int
    node_id: int
    customer_id: int | None
    lead: str
    new_customer: bool
    outcome: str = Field(description='interested, opportunity, deal, no_interest or ""')
    notes: str


OUT = {
    "sales": SalesLineOut,
    "expense": ExpenseOut,
    "payment": PaymentOut,
    "opportunity": OpportunityOut,
    "survey": SurveyOut,
    "market_size": MarketSizeOut,
    "activity": ActivityOut,
}


def _list_endpoint(spec: KindSpec) -> None:
    def list_facts(
        request: HttpRequest,
        date_from: dt.date | None = Query(None, description="from this day on (inclusive)"),
        date_to: dt.date | None = Query(None, description="up to this day (inclusive)"),
        person_id: int | None = query_id("only the facts credited to this person"),
        node_id: int | None = query_id("only the facts credited to this org node"),
        q: str = Query(
            "", description="part of the external id (or order no., category, name by kind)"
        ),
    ) -> object:
        return queries.facts_visible(
            request_scope(request),
            spec.key,
            date_from=date_from,
            date_to=date_to,
            person_id=person_id,
            node_id=node_id,
            search=q,
        )

    list_facts.__name__ = f"list_{spec.key}"
    router.get(
        f"/{spec.api_path}",
        response=list[OUT[spec.key]],  # type: ignore[valid-type,name-defined]
        summary=f"List {spec.api_path} in your scope",
        operation_id=f"actuals_list_{spec.key}",
    )(paginate(list_facts))


for _spec in FACT_KINDS.values():
    _list_endpoint(_spec)


@router.get("/batches/{batch_id}", response=BatchResult)
def get_batch(request: HttpRequest, batch_id: BatchId) -> dict[str, object]:
    from django.shortcuts import get_object_or_404

    batch = get_object_or_404(batches_visible(request_scope(request)), pk=batch_id)
    return batch_result(batch)
