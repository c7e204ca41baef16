"""What every form shares: Bootstrap classes on its widgets, a service's errors shown where
they belong, and choice fields narrowed once the form knows its user."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from salestarget.org.models import OrgNode
from salestarget.ui.forms import (
    AmountField,
    BootstrapForm,
    amount_typed,
    form_error_messages,
    form_errors_from,
    model_choices,
)


class MoveForm(BootstrapForm):
    node = forms.ModelChoiceField(queryset=OrgNode.objects.none())
    on = forms.DateField()
    note = forms.CharField(required=False)
    urgent = forms.BooleanField(required=False)


def test_widgets_get_bootstrap_classes_and_dates_the_date_picker() -> None:
    form = MoveForm()
    assert form.fields["node"].widget.attrs["class"] == "form-select"
    assert form.fields["note"].widget.attrs["class"] == "form-control"
    assert form.fields["urgent"].widget.attrs["class"] == "form-check-input"
    assert form.fields["on"].widget.input_type == "date"


def test_a_services_field_errors_land_on_their_fields_and_the_rest_above_the_form() -> None:
    form = MoveForm(data={"on": "2025-07-01"})
    form.is_valid()
    form_errors_from(
        form,
        ValidationError(
            {
                "on": "该日期之后已有任职记录。",
                "valid_to": "截止日期须晚于生效日期。",  # not a field of this form
                NON_FIELD_ERRORS: "只有管理员可以调动人员。",
            }
        ),
    )
    assert form.errors["on"] == ["该日期之后已有任职记录。"]
    assert form.non_field_errors() == ["截止日期须晚于生效日期。", "只有管理员可以调动人员。"]


def test_an_error_without_fields_goes_above_the_form_and_all_read_as_messages() -> None:
    form = MoveForm(data={"on": "2025-07-01"})
    form.is_valid()  # no node: the form's own error
    form_errors_from(form, ValidationError(["目标组织已停用。", "请先处理客户。"]))
    assert form.non_field_errors() == ["目标组织已停用。", "请先处理客户。"]
    assert form_error_messages(form) == [
        "这个字段是必填项。",
        "目标组织已停用。",
        "请先处理客户。",
    ]


@pytest.mark.django_db
def test_a_choice_field_is_narrowed_and_another_field_is_refused() -> None:
    form = MoveForm()
    model_choices(form, "node").queryset = OrgNode.objects.filter(is_active=True)
    assert form.fields["node"].queryset.model is OrgNode
    with pytest.raises(TypeError, match="note"):
        model_choices(form, "note")


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("5000000", "5000000"),
        ("5,000,000", "5000000"),
        ("￥5,000,000.00", "5000000.00"),
        ("¥500万元", "5000000"),
        ("RMB 1,000", "1000"),
        ("５００万", "5000000"),
        ("1.2亿", "120000000.0"),
        ("-3万", "-30000"),
        ("0.01万", "100.00"),
    ],
)
def test_an_amount_is_read_as_people_write_it(typed: str, read: str) -> None:
    assert amount_typed(typed) == read


@pytest.mark.parametrize("typed", ["一千万", "万", "NaN", "Infinity", "5,000abc"])
def test_what_is_not_an_amount_is_left_for_the_field_to_refuse(typed: str) -> None:
    assert amount_typed(typed) == typed
    field = AmountField(required=False, max_digits=19, decimal_places=4)
    with pytest.raises(ValidationError) as refused:
        field.clean(typed)
    assert refused.value.messages == ["请输入数字，如 5000000、5,000,000 或 500万。"]


class CallForm(BootstrapForm):
    commit = AmountField(max_digits=20, decimal_places=2)
    rate = AmountField(required=False, max_digits=19, decimal_places=4)


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("80000.00", "80,000"),
        ("80000.50", "80,000.50"),
        ("1234567.891", "1,234,567.891"),
        ("-30000", "-30,000"),
        ("0.1234", "0.1234"),
        ("0", "0"),
    ],
)
def test_a_stored_amount_shows_as_people_read_it_and_reads_back_the_same(
    stored: str, shown: str
) -> None:
    from decimal import Decimal

    form = CallForm(initial={"commit": Decimal(stored), "rate": Decimal(stored)})
    assert form["rate"].value() == shown
    assert f'value="{shown}"' in str(form["rate"])
    assert AmountField(max_digits=19, decimal_places=4).clean(shown) == Decimal(stored)


def test_what_the_reader_typed_is_shown_as_typed() -> None:
    form = CallForm({"commit": "8万", "rate": "abc"})
    assert not form.is_valid()
    assert form["commit"].value() == "8万"
    assert form["rate"].value() == "abc"
