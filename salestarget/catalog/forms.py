"""Forms of the catalog pages. They parse input; the rules are in ``catalog.services``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from salestarget.catalog.models import (
    CalendarDayKind,
    Channel,
    Customer,
    CustomerType,
    Product,
    ProductCategory,
    ProductLine,
    Region,
)
from salestarget.catalog.services import HOLIDAY_COUNTRIES
from salestarget.org.scoping import Scope
from salestarget.ui.forms import BootstrapForm, ServiceModelForm, model_choices

CODED = ["code", "name", "sort_order"]


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Region) -> str:  # type: ignore[override]
        return f"{'　' * region_depth(obj)}{obj.name}"


class ProductLineChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ProductLine) -> str:  # type: ignore[override]
        return f"{obj.category.name} / {obj.name}"


def region_depth(region: Region) -> int:
    return max(region.path.count("/") - 2, 0)


def active_regions() -> Any:
    return Region.objects.filter(is_active=True).order_by("path")


def owner_choices(scope: Scope) -> Any:
    return scope.people().filter(is_active=True).order_by("name")


class CatalogForm(ServiceModelForm):
    """A catalog item's form; ``scope`` narrows the choices where they depend on it."""

    def __init__(self, *args: Any, scope: Scope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scope = scope


class ProductCategoryForm(CatalogForm):
    class Meta:
        model = ProductCategory
        fields = CODED


class ProductLineForm(CatalogForm):
    class Meta:
        model = ProductLine
        fields = ["category", *CODED]

    def __init__(self, *args: Any, scope: Scope, **kwargs: Any) -> None:
        super().__init__(*args, scope=scope, **kwargs)
        model_choices(self, "category").queryset = ProductCategory.objects.filter(is_active=True)


class ProductForm(CatalogForm):
    class Meta:
        model = Product
        fields = ["line", *CODED, "unit", "list_price", "standard_cost"]
        field_classes = {"line": ProductLineChoiceField}

    def __init__(self, *args: Any, scope: Scope, **kwargs: Any) -> None:
        super().__init__(*args, scope=scope, **kwargs)
        model_choices(self, "line").queryset = ProductLine.objects.filter(
            is_active=True
        ).select_related("category")


class RegionForm(CatalogForm):
    class Meta:
        model = Region
        fields = ["parent", "level", *CODED]
        field_classes = {"parent": RegionChoiceField}

    def __init__(self, *args: Any, scope: Scope, **kwargs: Any) -> None:
        super().__init__(*args, scope=scope, **kwargs)
        model_choices(self, "parent").queryset = active_regions()
        model_choices(self, "parent").empty_label = _("（无，最上级）")


class CustomerTypeForm(CatalogForm):
    class Meta:
        model = CustomerType
        fields = CODED


class ChannelForm(CatalogForm):
    class Meta:
        model = Channel
        fields = CODED


class CustomerForm(CatalogForm):
    class Meta:
        model = Customer
        fields = [
            "code",
            "name",
            "customer_type",
            "region",
            "channel",
            "owner",
        ]
        field_classes = {"region": RegionChoiceField}

    def __init__(self, *args: Any, scope: Scope, **kwargs: Any) -> None:
        super().__init__(*args, scope=scope, **kwargs)
        model_choices(self, "customer_type").queryset = CustomerType.objects.filter(is_active=True)
        model_choices(self, "channel").queryset = Channel.objects.filter(is_active=True)
        model_choices(self, "region").queryset = active_regions()
        # The current owner stays on offer even when inactive, so the service can say why.
        owners = owner_choices(scope)
        if self.instance.owner_id:
            owners = scope.people().filter(pk=self.instance.owner_id) | owners
        model_choices(self, "owner").queryset = owners.order_by("name")


class CalendarDayForm(BootstrapForm):
    date = forms.DateField(label=_("日期"))
    kind = forms.ChoiceField(label=_("类型"), choices=CalendarDayKind.choices)
    name = forms.CharField(label=_("名称"), max_length=60, required=False)


# The holiday calendar a company in each currency most likely keeps (the form's default).
CURRENCY_COUNTRY = {
    "HKD": "HK",
    "MOP": "MO",
    "TWD": "TW",
    "SGD": "SG",
    "MYR": "MY",
    "THB": "TH",
    "VND": "VN",
    "IDR": "ID",
    "PHP": "PH",
    "INR": "IN",
    "JPY": "JP",
    "KRW": "KR",
    "AED": "AE",
    "AUD": "AU",
    "GBP": "GB",
    "USD": "US",
    "CAD": "CA",
}


class CalendarLoadForm(BootstrapForm):
    country = forms.ChoiceField(
        label=_("国家或地区"), choices=list(HOLIDAY_COUNTRIES.items()), required=False
    )
    year = forms.IntegerField(label=_("年份"), min_value=2000, max_value=2100)
