"""Forms of the actuals pages: manual entry of a sales line (the upload and the column mapping
are the import's: :mod:`salestarget.importing.forms`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from salestarget.catalog.models import Channel, Customer, CustomerType, Product, Region
from salestarget.org.models import Person
from salestarget.ui.forms import AmountField

INPUT = {"class": "form-control"}
SELECT = {"class": "form-select"}


class SalesLineForm(forms.Form):
    """Add or correct one sales line; saved through the same pipeline as a file."""

    sold_on = forms.DateField(
        label=_("销售日期"), widget=forms.DateInput(attrs={**INPUT, "type": "date"})
    )
    order_no = forms.CharField(
        label=_("订单号"), max_length=60, required=False, widget=forms.TextInput(attrs=INPUT)
    )
    line_no = forms.CharField(
        label=_("行号"), max_length=20, required=False, widget=forms.TextInput(attrs=INPUT)
    )
    customer = forms.ModelChoiceField(
        label=_("客户"), queryset=Customer.objects.none(), widget=forms.Select(attrs=SELECT)
    )
    product = forms.ModelChoiceField(
        label=_("产品"), queryset=Product.objects.none(), widget=forms.Select(attrs=SELECT)
    )
    person = forms.ModelChoiceField(
        label=_("销售人员"), queryset=Person.objects.none(), widget=forms.Select(attrs=SELECT)
    )
    channel = forms.ModelChoiceField(
        label=_("渠道"),
        queryset=Channel.objects.none(),
        required=False,
        widget=forms.Select(attrs=SELECT),
        help_text=_("留空则取客户的渠道"),
    )
    region = forms.ModelChoiceField(
        label=_("区域"),
        queryset=Region.objects.none(),
        required=False,
        widget=forms.Select(attrs=SELECT),
        help_text=_("留空则取客户的区域"),
    )
    customer_type = forms.ModelChoiceField(
        label=_("客户类型"),
        queryset=CustomerType.objects.none(),
        required=False,
        widget=forms.Select(attrs=SELECT),
        help_text=_("留空则取客户的客户类型"),
    )
    quantity = forms.DecimalField(
        label=_("数量"),
        max_digits=19,
        decimal_places=4,
        widget=forms.NumberInput(attrs={**INPUT, "step": "any"}),
        help_text=_("退货填负数"),
    )
    amount = AmountField(
        label=_("金额"),
        max_digits=19,
        decimal_places=4,
        widget=forms.TextInput(attrs=INPUT),
    )
    cost = AmountField(
        label=_("成本"),
        max_digits=19,
        decimal_places=4,
        required=False,
        widget=forms.TextInput(attrs=INPUT),
        help_text=_("留空则按产品标准成本 × 数量"),
    )

    def __init__(self, *args: object, people: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["customer"].queryset = Customer.objects.order_by("code")  # type: ignore[attr-defined]
        self.fields["product"].queryset = Product.objects.order_by("code")  # type: ignore[attr-defined]
        self.fields["person"].queryset = people  # type: ignore[attr-defined]
        self.fields["channel"].queryset = Channel.objects.order_by("sort_order", "code")  # type: ignore[attr-defined]
        self.fields["region"].queryset = Region.objects.order_by("path")  # type: ignore[attr-defined]
        self.fields["customer_type"].queryset = CustomerType.objects.order_by("sort_order", "code")  # type: ignore[attr-defined]

    def record(self) -> dict[str, object]:
        d = self.cleaned_data
        return {
            "sold_on": d["sold_on"],
            "order_no": d["order_no"] or None,
            "line_no": d["line_no"] or None,
            "customer": d["customer"].code,
            "product": d["product"].code,
            "person": d["person"].employee_no,
            "channel": d["channel"].code if d.get("channel") else None,
            "region": d["region"].code if d.get("region") else None,
            "customer_type": d["customer_type"].code if d.get("customer_type") else None,
            "quantity": d["quantity"],
            "amount": d["amount"],
            "cost": d.get("cost"),
        }
