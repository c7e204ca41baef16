"""Reads of master data. Products, regions, types and channels are company-wide reference
data every signed-in user may read; customers are scoped by their owner."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from salestarget.catalog.models import (
    Channel,
    Customer,
    CustomerType,
    Product,
    ProductCategory,
    ProductLine,
    Region,
)
from salestarget.org.scoping import Scope


def product_categories() -> QuerySet[ProductCategory]:
    return ProductCategory.objects.all()


def product_lines() -> QuerySet[ProductLine]:
    return ProductLine.objects.select_related("category")


def products(*, active: bool | None = None) -> QuerySet[Product]:
    qs = Product.objects.select_related("line__category")
    return qs if active is None else qs.filter(is_active=active)


def regions() -> QuerySet[Region]:
    return Region.objects.all()


def customer_types() -> QuerySet[CustomerType]:
    return CustomerType.objects.all()


def channels() -> QuerySet[Channel]:
    return Channel.objects.all()


def customers_visible(
    scope: Scope, *, search: str = "", active: bool | None = None
) -> QuerySet[Customer]:
    qs = Customer.objects.select_related("customer_type", "region", "channel", "owner")
    if not scope.everything:
        qs = qs.filter(owner__in=scope.people())
    if search:
        qs = qs.filter(Q(code__icontains=search) | Q(name__icontains=search))
    if active is not None:
        qs = qs.filter(is_active=active)
    return qs.order_by("code")
