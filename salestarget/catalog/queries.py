"""Reads of master data. Products, regions, types and channels are company-wide reference
data every signed-in user may read; customers are scoped by their owner."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from salestarget.catalog.calendar import work_calendar_of
from salestarget.catalog.models import (
    CalendarDay,
    CalendarDayKind,
    Channel,
    Customer,
    CustomerType,
    Product,
    ProductCategory,
    ProductLine,
    Region,
)
from salestarget.org.scoping import Scope


def _active(qs: QuerySet, active: bool | None) -> QuerySet:
    return qs if active is None else qs.filter(is_active=active)


def product_categories() -> QuerySet[ProductCategory]:
    return ProductCategory.objects.all()


def product_lines() -> QuerySet[ProductLine]:
    return ProductLine.objects.select_related("category")


def products(*, active: bool | None = None) -> QuerySet[Product]:
    qs = Product.objects.select_related("line__category")
    return qs if active is None else qs.filter(is_active=active)


def product_tree(
    *, active: bool | None = None, search: str = "", batch_id: int | None = None
) -> list[ProductCategory]:
    """Categories with ``.lines_shown`` and each line's ``.products_shown``: three queries.

    With a search, only the products matching it (by code or name) and their ancestors; with
    ``batch_id``, only those the import made (``Product.created_batch``)."""
    search = search.strip()
    product_qs = _active(Product.objects.all(), active)
    if search:
        product_qs = product_qs.filter(Q(code__icontains=search) | Q(name__icontains=search))
    if batch_id is not None:
        product_qs = product_qs.filter(created_batch_id=batch_id)
    line_qs = _active(ProductLine.objects.all(), active).prefetch_related(
        Prefetch("products", queryset=product_qs, to_attr="products_shown")
    )
    categories = list(
        _active(ProductCategory.objects.all(), active).prefetch_related(
            Prefetch("lines", queryset=line_qs, to_attr="lines_shown")
        )
    )
    if search or batch_id is not None:
        for category in categories:
            category.lines_shown = [  # type: ignore[attr-defined]
                line
                for line in category.lines_shown  # type: ignore[attr-defined]
                if line.products_shown
            ]
        categories = [c for c in categories if c.lines_shown]  # type: ignore[attr-defined]
    return categories


def regions() -> QuerySet[Region]:
    return Region.objects.all()


def region_tree(*, active: bool | None = None) -> QuerySet[Region]:
    """Regions in tree order, each with ``customer_count`` and ``depth`` from its path."""
    return _active(Region.objects.all(), active).annotate(customer_count=Count("customers"))


def customer_types() -> QuerySet[CustomerType]:
    return CustomerType.objects.all()


def channels() -> QuerySet[Channel]:
    return Channel.objects.all()


def with_customer_counts(qs: QuerySet) -> QuerySet:
    return qs.annotate(customer_count=Count("customers"))


def customers_visible(
    scope: Scope,
    *,
    search: str = "",
    active: bool | None = None,
    customer_type_id: int | None = None,
    region_id: int | None = None,
    channel_id: int | None = None,
    owner_id: int | None = None,
    batch_id: int | None = None,
) -> QuerySet[Customer]:
    """Customers whose owner the scope reaches; ``region_id`` includes the region's subtree;
    ``batch_id``: those the import made (``Customer.created_batch``)."""
    qs = Customer.objects.select_related("customer_type", "region", "channel", "owner")
    if not scope.everything:
        qs = qs.filter(owner__in=scope.people())
    search = search.strip()
    if search:
        qs = qs.filter(Q(code__icontains=search) | Q(name__icontains=search))
    if active is not None:
        qs = qs.filter(is_active=active)
    if customer_type_id is not None:
        qs = qs.filter(customer_type_id=customer_type_id)
    if channel_id is not None:
        qs = qs.filter(channel_id=channel_id)
    if owner_id is not None:
        qs = qs.filter(owner_id=owner_id)
    if batch_id is not None:
        qs = qs.filter(created_batch_id=batch_id)
    if region_id is not None:
        path = Region.objects.filter(pk=region_id).values_list("path", flat=True).first()
        qs = qs.filter(region__path__startswith=path) if path else qs.none()
    return qs.order_by("code")


# --- calendar --------------------------------------------------------------------------------


@dataclass
class CalendarMonth:
    month: int
    days: int
    working_days: int
    entries: list[CalendarDay] = field(default_factory=list)


@dataclass
class CalendarYear:
    year: int
    months: list[CalendarMonth]
    holidays: int
    makeup_workdays: int
    working_days: int


def calendar_year(year: int) -> CalendarYear:
    """The holidays and make-up working days of ``year`` by month, with working-day counts."""
    entries = list(CalendarDay.objects.filter(date__year=year).order_by("date"))
    work = work_calendar_of((e.date, e.kind) for e in entries)
    months = []
    for month in range(1, 13):
        last = calendar.monthrange(year, month)[1]
        first_day, last_day = dt.date(year, month, 1), dt.date(year, month, last)
        months.append(
            CalendarMonth(
                month=month,
                days=last,
                working_days=work.working_days(first_day, last_day),
                entries=[e for e in entries if e.date.month == month],
            )
        )
    return CalendarYear(
        year=year,
        months=months,
        holidays=sum(e.kind == CalendarDayKind.HOLIDAY for e in entries),
        makeup_workdays=sum(e.kind == CalendarDayKind.MAKEUP_WORKDAY for e in entries),
        working_days=sum(m.working_days for m in months),
    )
