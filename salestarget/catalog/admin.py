"""The Django admin for master data (admins only)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from salestarget.catalog.models import (
    CalendarDay,
    Channel,
    Customer,
    CustomerType,
    Product,
    ProductCategory,
    ProductLine,
    Region,
)
from salestarget.catalog.services import region_save

CODED: list[str | Callable[[Any], str | bool]] = ["code", "name", "sort_order", "is_active"]


@admin.register(ProductCategory, CustomerType, Channel)
class CodedAdmin(admin.ModelAdmin):
    list_display = CODED
    list_filter = ["is_active"]
    search_fields = ["code", "name"]


@admin.register(ProductLine)
class ProductLineAdmin(admin.ModelAdmin):
    list_display = [*CODED, "category"]
    list_filter = ["is_active", "category"]
    search_fields = ["code", "name"]
    list_select_related = ["category"]


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = [*CODED, "line", "unit", "list_price", "standard_cost"]
    list_filter = ["is_active", "line__category", "line"]
    search_fields = ["code", "name"]
    list_select_related = ["line"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = [*CODED, "level", "parent"]
    list_filter = ["is_active", "level"]
    search_fields = ["code", "name"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    readonly_fields = ["path"]

    def save_model(self, request: HttpRequest, obj: Region, form: Any, change: bool) -> None:
        region_save(region=obj)


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "name",
        "customer_type",
        "region",
        "channel",
        "owner",
        "first_purchase_on",
        "is_active",
    ]
    list_filter = ["is_active", "customer_type", "channel", "region__level"]
    search_fields = ["code", "name", "owner__name"]
    list_select_related = ["customer_type", "region", "channel", "owner"]
    autocomplete_fields = ["region", "owner"]
    readonly_fields = ["first_purchase_on"]  # derived from the sales lines
    list_per_page = 50


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]
    search_fields = ["name"]
    date_hierarchy = "date"
