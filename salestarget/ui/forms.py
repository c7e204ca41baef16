"""What every form of the product shares: Bootstrap widgets, and errors from services.

Forms parse and type the input; the rules live in the services (shared with the API), so a
form hands its instance to a service and shows the service's ``ValidationError`` with
:func:`form_errors_from`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


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
    if isinstance(widget, forms.CheckboxInput):
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
