"""Forms of the actuals pages: the upload, the column mapping, and manual entry of a sales line."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from salestarget.actuals.kinds import KINDS, KindSpec
from salestarget.actuals.models import ImportBatch
from salestarget.catalog.models import Channel, Customer, Product
from salestarget.org.models import Person
from salestarget.ui.uploads import UploadField

INPUT = {"class": "form-control"}
SELECT = {"class": "form-select"}


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("数据类型"),
        choices=[(k.key, k.label) for k in KINDS.values()],
        widget=forms.Select(attrs=SELECT),
    )
    source = forms.SlugField(
        label=_("来源系统"),
        max_length=40,
        initial="erp",
        help_text=_(
            "如 erp、crm、shop：同一来源的外部编号相同即视为同一条记录；列映射按来源记住。"
        ),
        widget=forms.TextInput(attrs=INPUT),
    )
    file = UploadField(
        label=_("文件"),
        help_text=_("CSV（UTF-8、GBK/GB18030 均可）或 Excel（.xlsx、.xls）。"),
        widget=forms.ClearableFileInput(
            attrs={"class": "form-control", "accept": ".csv,.txt,.tsv,.xlsx,.xls,.xlsm,.ods"}
        ),
    )


class MappingForm(forms.Form):
    """One select per file column (which field it is, or ignored), plus the options."""

    date_order = forms.ChoiceField(
        label=_("日期顺序"),
        required=False,
        choices=[
            ("", _("自动（年-月-日；03/05/2024 这类须能从数据判断）")),
            ("mdy", _("月/日/年")),
            ("dmy", _("日/月/年")),
        ],
        widget=forms.Select(attrs=SELECT),
    )
    decimal_comma = forms.BooleanField(
        label=_("小数点是逗号（1.234,56）"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    mode = forms.ChoiceField(
        label=_("导入方式"),
        choices=ImportBatch.Mode.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args: object, kind: KindSpec, headers: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.kind = kind
        self.headers = headers
        offer = kind.importer.create_missing if kind.importer is not None else ""
        if offer:  # master data may make what the file names and nobody has yet
            self.fields["create_missing"] = forms.BooleanField(
                label=offer,
                required=False,
                widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
            )
        choices = [("", _("（不导入）"))] + [
            (f.name, f"{f.label}{' *' if f.required else ''}") for f in kind.fields
        ]
        for i, header in enumerate(headers):
            self.fields[f"col_{i}"] = forms.ChoiceField(
                label=header,
                required=False,
                choices=choices,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )

    def column_fields(self) -> list[tuple[str, forms.BoundField]]:
        return [(h, self[f"col_{i}"]) for i, h in enumerate(self.headers)]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        chosen: dict[str, str] = {}
        for i, header in enumerate(self.headers):
            field = data.get(f"col_{i}")
            if not field:
                continue
            if field in chosen:
                raise forms.ValidationError(
                    _("“%(field)s”被映射了两次：%(a)s 和 %(b)s")
                    % {
                        "field": self.kind.field(str(field)).label,
                        "a": chosen[str(field)],
                        "b": header,
                    }
                )
            chosen[str(field)] = header
        data["mapping"] = chosen
        return data

    @staticmethod
    def initial_for(
        headers: list[str], mapping: dict[str, str], options: dict[str, object], mode: str
    ) -> dict[str, object]:
        by_header = {h: f for f, h in mapping.items()}
        initial: dict[str, object] = {
            f"col_{i}": by_header.get(h, "") for i, h in enumerate(headers)
        }
        initial.update(options)
        initial["mode"] = mode
        return initial


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
    quantity = forms.DecimalField(
        label=_("数量"),
        max_digits=19,
        decimal_places=4,
        widget=forms.NumberInput(attrs={**INPUT, "step": "any"}),
        help_text=_("退货填负数"),
    )
    amount = forms.DecimalField(
        label=_("金额"),
        max_digits=19,
        decimal_places=4,
        widget=forms.NumberInput(attrs={**INPUT, "step": "any"}),
    )
    cost = forms.DecimalField(
        label=_("成本"),
        max_digits=19,
        decimal_places=4,
        required=False,
        widget=forms.NumberInput(attrs={**INPUT, "step": "any"}),
        help_text=_("留空则按产品标准成本 × 数量"),
    )

    def __init__(self, *args: object, people: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["customer"].queryset = Customer.objects.order_by("code")  # type: ignore[attr-defined]
        self.fields["product"].queryset = Product.objects.order_by("code")  # type: ignore[attr-defined]
        self.fields["person"].queryset = people  # type: ignore[attr-defined]
        self.fields["channel"].queryset = Channel.objects.order_by("sort_order", "code")  # type: ignore[attr-defined]

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
            "quantity": d["quantity"],
            "amount": d["amount"],
            "cost": d.get("cost"),
        }
