"""Catalog master data over the API. Customers follow the caller's scope (by owner).

Writes are for admin and finance (else 403) and go through ``catalog.services``, so they
check exactly what the pages check (422 with the errors by field).

(No ``from __future__ import annotations`` here: ``_item_writes`` builds endpoints whose
annotations django-ninja must see as classes, not as names to look up.)
"""

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from salestarget.catalog import queries, services
from salestarget.catalog.importing.customers import CUSTOMERS
from salestarget.catalog.importing.products import PRODUCTS
from salestarget.catalog.importing.regions import REGIONS
from salestarget.catalog.importing.simple import CHANNELS, CUSTOMER_TYPES
from salestarget.catalog.models import (
    CalendarDay,
    Channel,
    Customer,
    CustomerType,
    MasterData,
    Product,
    ProductCategory,
    ProductLine,
    Region,
)
from salestarget.importing.api import master_batch_endpoint
from salestarget.org.api import WRITE_ERRORS, apply_patch
from salestarget.org.scoping import Scope, request_scope
from salestarget.ui.params import path_id, query_id

router = Router(tags=["catalog"])
ItemId = Annotated[
    int, path_id("the item of the collection the path names (a product, region, customer …)")
]
DayId = Annotated[int, path_id("the calendar day")]

# Batches (the import's checks, per-record errors): POST /api/catalog/<kind>/batch. First,
# so that "batch" is not taken for an item's id by the routes below.
for _kind in (REGIONS, CUSTOMER_TYPES, CHANNELS, PRODUCTS, CUSTOMERS):
    master_batch_endpoint(router, f"/{_kind.api_path}", _kind)


class CodedOut(Schema):
    id: int
    code: str
    name: str
    sort_order: int
    is_active: bool


class ProductLineOut(CodedOut):
    category_id: int


class ProductOut(CodedOut):
    line_id: int
    unit: str
    list_price: Decimal
    standard_cost: Decimal


class RegionOut(CodedOut):
    parent_id: int | None
    level: str


class CustomerOut(CodedOut):
    customer_type_id: int
    region_id: int
    channel_id: int
    owner_id: int | None
    first_purchase_on: dt.date | None


class CalendarDayOut(Schema):
    id: int
    date: dt.date
    kind: str
    name: str


@router.get("/product-categories", response=list[CodedOut])
def list_product_categories(request: HttpRequest) -> object:
    return queries.product_categories()


@router.get("/product-lines", response=list[ProductLineOut])
def list_product_lines(request: HttpRequest) -> object:
    return queries.product_lines()


@router.get("/products", response=list[ProductOut])
@paginate
def list_products(
    request: HttpRequest,
    active: bool | None = Query(
        None, description="true: only active products, false: only deactivated ones; default all"
    ),
) -> object:
    return queries.products(active=active)


@router.get("/regions", response=list[RegionOut])
def list_regions(request: HttpRequest) -> object:
    return queries.regions()


@router.get("/customer-types", response=list[CodedOut])
def list_customer_types(request: HttpRequest) -> object:
    return queries.customer_types()


@router.get("/channels", response=list[CodedOut])
def list_channels(request: HttpRequest) -> object:
    return queries.channels()


@router.get("/customers", response=list[CustomerOut])
@paginate
def list_customers(
    request: HttpRequest,
    q: str = Query("", description="part of the customer's code or name"),
    active: bool | None = Query(
        None, description="true: only active customers, false: only deactivated ones"
    ),
    customer_type_id: int | None = query_id("only customers of this customer type"),
    region_id: int | None = query_id("only customers in this region or a region below it"),
    channel_id: int | None = query_id("only customers of this channel"),
    owner_id: int | None = query_id("only customers this person owns"),
) -> object:
    return queries.customers_visible(
        request_scope(request),
        search=q,
        active=active,
        customer_type_id=customer_type_id,
        region_id=region_id,
        channel_id=channel_id,
        owner_id=owner_id,
    )


@router.get("/customers/{item_id}", response=CustomerOut)
def get_customer(request: HttpRequest, item_id: ItemId) -> object:
    return get_object_or_404(queries.customers_visible(request_scope(request)), pk=item_id)


@router.get("/calendar-days", response=list[CalendarDayOut])
def list_calendar_days(
    request: HttpRequest,
    year: int = Query(..., ge=1, le=9999, description="the calendar year (1 … 9999)"),
) -> object:
    return CalendarDay.objects.filter(date__year=year).order_by("date")


# --- writes ----------------------------------------------------------------------------------


class CodedIn(Schema):
    code: str
    name: str
    sort_order: int = 0


class CodedPatch(Schema):
    code: str | None = None
    name: str | None = None
    sort_order: int | None = None


class ProductLineIn(CodedIn):
    category_id: int


class ProductLinePatch(CodedPatch):
    category_id: int | None = None


class ProductIn(CodedIn):
    line_id: int
    unit: str = "件"
    list_price: Decimal = Decimal(0)
    standard_cost: Decimal = Decimal(0)


class ProductPatch(CodedPatch):
    line_id: int | None = None
    unit: str | None = None
    list_price: Decimal | None = None
    standard_cost: Decimal | None = None


class RegionIn(CodedIn):
    parent_id: int | None = None
    level: str


class RegionPatch(CodedPatch):
    parent_id: int | None = None
    level: str | None = None


class CustomerIn(CodedIn):
    customer_type_id: int
    region_id: int
    channel_id: int
    owner_id: int | None = None

    # first_purchase_on is derived from the sales lines (read-only): sending it is refused
    # with a 422 naming it rather than silently dropped.
    model_config = ConfigDict(extra="forbid")


class CustomerPatch(CodedPatch):
    customer_type_id: int | None = None
    region_id: int | None = None
    channel_id: int | None = None
    owner_id: int | None = None

    model_config = ConfigDict(extra="forbid")


def _item_writes(
    path: str,
    name: str,
    model: type[MasterData],
    schema_in: type[Schema],
    schema_patch: type[Schema],
    schema_out: type[Schema],
) -> None:
    """POST ``path``, PATCH ``path/{id}``, POST ``path/{id}/deactivate`` and ``/activate``."""

    def visible(scope: Scope) -> QuerySet[Any]:
        if model is Customer:
            return queries.customers_visible(scope)
        return model._default_manager.all()

    def create(request: HttpRequest, payload: schema_in) -> object:  # type: ignore[valid-type]
        item = model()
        apply_patch(item, payload)
        return Status(201, services.catalog_item_create(by=request_scope(request), item=item))

    def update(request: HttpRequest, item_id: ItemId, payload: schema_patch) -> object:  # type: ignore[valid-type]
        scope = request_scope(request)
        item = get_object_or_404(visible(scope), pk=item_id)
        apply_patch(item, payload)
        return services.catalog_item_update(by=scope, item=item)

    def deactivate(request: HttpRequest, item_id: ItemId) -> object:
        scope = request_scope(request)
        item = get_object_or_404(visible(scope), pk=item_id)
        return services.catalog_item_deactivate(by=scope, item=item)

    def activate(request: HttpRequest, item_id: ItemId) -> object:
        scope = request_scope(request)
        item = get_object_or_404(visible(scope), pk=item_id)
        return services.catalog_item_activate(by=scope, item=item)

    words = name.replace("_", " ")
    for method, route, view, status in (
        (router.post, path, create, 201),
        (router.patch, f"{path}/{{item_id}}", update, 200),
        (router.post, f"{path}/{{item_id}}/deactivate", deactivate, 200),
        (router.post, f"{path}/{{item_id}}/activate", activate, 200),
    ):
        verb = view.__name__
        method(
            route,
            response={status: schema_out, **WRITE_ERRORS},
            operation_id=f"catalog_{verb}_{name}",
            summary=f"{verb.capitalize()} {words}",
        )(view)


_item_writes(
    "/product-categories", "product_category", ProductCategory, CodedIn, CodedPatch, CodedOut
)
_item_writes(
    "/product-lines", "product_line", ProductLine, ProductLineIn, ProductLinePatch, ProductLineOut
)
_item_writes("/products", "product", Product, ProductIn, ProductPatch, ProductOut)
_item_writes("/regions", "region", Region, RegionIn, RegionPatch, RegionOut)
_item_writes("/customer-types", "customer_type", CustomerType, CodedIn, CodedPatch, CodedOut)
_item_writes("/channels", "channel", Channel, CodedIn, CodedPatch, CodedOut)
_item_writes("/customers", "customer", Customer, CustomerIn, CustomerPatch, CustomerOut)


class CalendarDayIn(Schema):
    date: dt.date
    kind: str
    name: str = ""


@router.post("/calendar-days", response={201: CalendarDayOut, **WRITE_ERRORS})
def create_calendar_day(request: HttpRequest, payload: CalendarDayIn) -> object:
    day = services.calendar_day_create(
        by=request_scope(request), day=payload.date, kind=payload.kind, name=payload.name
    )
    return Status(201, day)


@router.delete("/calendar-days/{day_id}", response={204: None, **WRITE_ERRORS})
def delete_calendar_day(request: HttpRequest, day_id: DayId) -> object:
    entry = get_object_or_404(CalendarDay, pk=day_id)
    services.calendar_day_delete(by=request_scope(request), entry=entry)
    return Status(204, None)
