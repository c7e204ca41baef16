"""Exact decimal columns (money, quantities, scores) on every database.

SQLite has no decimal type: Django's ``DecimalField`` is stored there as a binary float, so
``SUM()`` in SQL drifts. ``ExactDecimalField`` stores a value as a 64-bit integer count of
1/10,000 (four decimal places, the finest precision we accept from imports) and hands out
``Decimal`` values. Sums, differences and ratios of two money columns stay exact in SQL on
SQLite and PostgreSQL alike, and bigint aggregates are faster than ``numeric`` ones.

The range is ±922 trillion (9.2e14) units of currency per value or sum.

Caveat for raw SQL and ORM expressions: the stored number is ``amount * 10_000``.
``SUM``, ``+``, ``-`` and ratios of two money columns need no care; multiplying a money
column by a non-money expression or comparing it with a literal in raw SQL does.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django import forms
from django.core import exceptions
from django.db import models
from django.db.models.expressions import Combinable
from django.utils.translation import gettext_lazy as _

EXACT_PLACES = 4
EXACT_SCALE = 10**EXACT_PLACES
EXACT_QUANTUM = Decimal(1).scaleb(-EXACT_PLACES)
EXACT_LIMIT = 2**63 - 1


def decimal_to_units(value: Decimal | int | str) -> int:
    """``Decimal('12.3456')`` → ``123456``; refuses more than four decimal places."""
    amount = value if isinstance(value, Decimal) else Decimal(str(value))
    if not amount.is_finite():
        raise ValueError(f"not a finite amount: {value!r}")
    units = amount.scaleb(EXACT_PLACES)
    if units != units.to_integral_value():
        raise ValueError(f"{value!r} has more than {EXACT_PLACES} decimal places")
    result = int(units)
    if abs(result) > EXACT_LIMIT:
        raise ValueError(f"{value!r} is out of range")
    return result


def units_to_decimal(units: int) -> Decimal:
    return Decimal(int(units)).scaleb(-EXACT_PLACES).quantize(EXACT_QUANTUM)


if TYPE_CHECKING:
    # The stubs' fields are generic in the types set and read, Django's classes are not;
    # Any here lets the types below (and ``null=True``) decide.
    _BigInteger = models.BigIntegerField[Any, Any]
else:
    _BigInteger = models.BigIntegerField


class ExactDecimalField(_BigInteger):
    """A Decimal with four decimal places, stored as an integer number of 1/10,000."""

    # What the type checker's Django plugin gives a model attribute of this field.
    _pyi_private_set_type: Decimal | int | str | Combinable  # type: ignore[assignment]
    _pyi_private_get_type: Decimal  # type: ignore[assignment]

    description = _("精确小数（4 位小数）")

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Decimal | None:
        if value is None:
            return None
        if isinstance(value, Decimal):  # e.g. PostgreSQL's SUM(bigint) is numeric
            return (value.scaleb(-EXACT_PLACES)).quantize(EXACT_QUANTUM)
        return units_to_decimal(int(value))

    def to_python(self, value: Any) -> Decimal | None:
        if value is None or isinstance(value, Decimal):
            return value
        try:
            return Decimal(str(value).strip())
        except InvalidOperation as exc:
            raise exceptions.ValidationError(
                _("“%(value)s” 不是有效的金额。"), code="invalid", params={"value": value}
            ) from exc

    def get_prep_value(self, value: Any) -> int | None:
        if value is None:
            return None
        if hasattr(value, "resolve_expression"):
            return value  # type: ignore[no-any-return]
        amount = self.to_python(value)
        assert amount is not None
        try:
            return decimal_to_units(amount)
        except ValueError as exc:
            raise exceptions.ValidationError(str(exc), code="invalid") from exc

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if not prepared:
            value = self.get_prep_value(value)
        return value

    def validate(self, value: Any, model_instance: Any) -> None:
        super().validate(value, model_instance)
        if value is not None:
            try:
                decimal_to_units(value)
            except ValueError as exc:
                raise exceptions.ValidationError(
                    _("金额最多保留 4 位小数：%(value)s"), code="precision", params={"value": value}
                ) from exc

    def formfield(
        self,
        form_class: type[forms.Field] | None = None,
        choices_form_class: type[forms.ChoiceField] | None = None,
        **kwargs: Any,
    ) -> forms.Field | None:
        defaults: dict[str, Any] = {"decimal_places": EXACT_PLACES, "max_digits": 19, **kwargs}
        return models.Field.formfield(
            self,
            form_class=form_class or forms.DecimalField,
            choices_form_class=choices_form_class,
            **defaults,
        )

    def get_internal_type(self) -> str:
        return "BigIntegerField"

    def value_to_string(self, obj: Any) -> str:
        value = self.value_from_object(obj)
        return "" if value is None else str(value)
