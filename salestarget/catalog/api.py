"""Catalog master data over the API. Customers follow the caller's scope (by owner)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from salestarget.catalog import queries
from salestarget.org.scoping import request_scope

router = Router(tags=["catalog"])


class CodedOut(Schema):
    id: int
    code: str
    name: str
    is_active: bool


class ProductLineOut(CodedOut):
    category_id: int


class ProductOut(CodedOut):
    line_id: int
    unit: str


class RegionOut(CodedOut):
    parent_id: int | None
    level: str


class CustomerOut(CodedOut):
    customer_type_id: int
    region_id: int
    channel_id: int
    owner_id: int | None
    first_purchase_on: dt.date | None


@router.get("/product-categories", response=list[CodedOut])
def list_product_categories(request: HttpRequest) -> object:
    return queries.product_categories()


@router.get("/product-lines", response=list[ProductLineOut])
def list_product_lines(request: HttpRequest) -> object:
    return queries.product_lines()


@router.get("/products", response=list[ProductOut])
@paginate
def list_products(request: HttpRequest, active: bool | None = None) -> object:
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
def list_customers(request: HttpRequest, q: str = "", active: bool | None = None) -> object:
    return queries.customers_visible(request_scope(request), search=q, active=active)


@router.get("/customers/{customer_id}", response=CustomerOut)
def get_customer(request: HttpRequest, customer_id: int) -> object:
    return get_object_or_404(queries.customers_visible(request_scope(request)), pk=customer_id)
