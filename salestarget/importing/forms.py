"""Forms every import shares: the upload (which kind, from which system, the file) and the
column mapping with its options."""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.utils.translation import gettext_lazy as _

from salestarget.importing.kinds import KindSpec
from salestarget.importing.models import ImportBatch

INPUT = {"class": "form-control"}
SELECT = {"class": "form-select"}


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("数据类型"),
        choices=[],
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

    def __init__(
        self,
        *args: object,
        kinds: Iterable[KindSpec],
        file_field: type[forms.FileField] = forms.FileField,
        **kwargs: object,
    ) -> None:
        """``file_field``: the page's upload field (the ui's, which checks the upload limit)."""
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["kind"].choices = [(k.key, k.label) for k in kinds]  # type: ignore[attr-defined]
        self.fields["file"] = file_field(
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
        offer = kind.importer.create_missing
        if offer:  # master data may make what the file names and nobody has yet
            self.fields["create_missing"] = forms.BooleanField(
                label=str(offer),
                required=False,
                widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
            )
        new = kind.importer.create_new
        if new:  # facts may make the customers and products they name and nobody has yet
            self.fields["create_new"] = forms.BooleanField(
                label=str(new),
                required=False,
                widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
            )
        if kind.batch_options is not None:  # the kind's own choices (sales: crediting)
            self.fields.update(kind.batch_options.fields())
        choices = [("", _("（不导入）"))] + [
            (
                f.name,
                f"{f.label} *" if f.required else f"{f.label}（{f.rule}）" if f.rule else f.label,
            )
            for f in kind.fields
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

    def batch_option_fields(self) -> list[forms.BoundField]:
        options = self.kind.batch_options
        return [self[name] for name in options.fields()] if options is not None else []

    def batch_options(self) -> dict[str, object]:
        """The kind's own choices, cleaned, to keep in the batch's options."""
        options = self.kind.batch_options
        if options is None:
            return {}
        return {name: self.cleaned_data.get(name) for name in options.fields()}

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
