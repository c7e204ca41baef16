"""What every form of the product shares: Bootstrap widgets, and errors from services.

Forms parse and type the input; the rules live in the services (shared with the API), so a
form hands its instance to a service and shows the service's ``ValidationError`` with
:func:`form_errors_from`.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _


class BootstrapFormMixin:
    """Bootstrap 5 classes on every widget; dates as the browser's date picker."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            style_field(field)


def style_field(field: forms.Field) -> None:
    if isinstance(field, forms.DateField) and not isinstance(field.widget, forms.HiddenInput):
        field.widget = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    widget = field.widget
    if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
        css = "form-check-input"
    elif isinstance(widget, forms.Select | forms.SelectMultiple):
        css = "form-select"
    elif isinstance(widget, forms.HiddenInput):
        return
    else:
        css = "form-control"
    widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class BootstrapForm(BootstrapFormMixin, forms.Form):
    pass


# Django's ModelForm takes no type parameter at run time; the stubs want one.
if TYPE_CHECKING:
    _ModelForm = forms.ModelForm[Any]
else:
    _ModelForm = forms.ModelForm


class ServiceModelForm(BootstrapFormMixin, _ModelForm):
    """A model form whose uniqueness and business rules are checked by the service."""

    def validate_unique(self) -> None:
        # The service reports duplicates (with a clearer message) together with its rules.
        return None


def form_errors_from(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ``ValidationError`` on ``form``: on its field when the form has it,
    above the form otherwise."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        target = field if field in form.fields else None
        if field == NON_FIELD_ERRORS:
            target = None
        for error in errors:
            form.add_error(target, error)


def model_choices(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    """The form's field ``name`` that offers model instances, to narrow its ``queryset`` or
    its ``empty_label`` once the form knows its user."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{name} is not a model choice field")
    return field


def form_error_messages(form: forms.BaseForm) -> list[str]:
    """Every error of ``form`` as text, for a page that shows them as messages."""
    return [str(message) for errors in form.errors.values() for message in errors]


class AmountField(forms.DecimalField):
    """An amount as people type it: 5000000, 5,000,000, ¥5,000,000.00, 500万, 1.2亿元,
    full-width digits — read exactly (500万 is 5,000,000, not a float's neighbour)."""

    widget = forms.TextInput
    default_error_messages = {
        "invalid": _("请输入数字，如 5000000、5,000,000 或 500万。"),
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value: Any) -> Any:  # a Decimal or None; the stubs say int
        if isinstance(value, str):
            value = amount_typed(value)
        return super().to_python(value)

    def prepare_value(self, value: Any) -> Any:
        """A stored amount as the form shows it (80,000, not 80000.00); what the reader
        typed stays as typed."""
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return amount_for_input(Decimal(value), self.decimal_places)
        return super().prepare_value(value)


def amount_for_input(value: Decimal, places: int | None = None) -> str:
    """``value`` exactly, as a form shows an amount to edit: with thousands separators, a
    whole amount without decimals, any other to at least two places (80,000; 80,000.50;
    0.1234) and at most ``places`` — what ``AmountField`` reads back as the same number."""
    if not value.is_finite():
        return str(value)
    if value == value.to_integral_value():
        return f"{value:,.0f}"
    exponent = value.normalize().as_tuple().exponent
    shown = max(2, -exponent if isinstance(exponent, int) else 2)
    if places is not None:
        shown = min(shown, max(places, 2))
    return f"{value:,.{shown}f}"


AMOUNT_UNITS = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}
AMOUNT_MARKS = re.compile(r"^(?:RMB|CNY|¥|\$)|[,\s]|元$", re.IGNORECASE)


def amount_typed(text: str) -> str:
    """``text`` as a plain decimal number when it is an amount as people write it, else as
    it was (the field then says it is not a number)."""
    folded = unicodedata.normalize("NFKC", text).strip()  # full-width digits, ￥ → ¥, ， → ,
    plain = AMOUNT_MARKS.sub("", folded)
    factor = Decimal(1)
    if plain[-1:] in AMOUNT_UNITS:
        plain, factor = plain[:-1], AMOUNT_UNITS[plain[-1]]
    try:
        number = Decimal(plain)
    except InvalidOperation:
        return text
    if not number.is_finite():
        return text
    return str(number * factor)
