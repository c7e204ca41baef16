"""A value that is not one of a fixed set of choices: the error names the valid ones.

Forms, services and the API all refuse an unknown metric, axis, method, dimension or role the
same way, so that whoever typed it (a person, an integrator's code) learns what to send."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from salestarget.wording import series


def choice_message(value: object, valid: Iterable[object]) -> str:
    """“x” is not one of the choices, which are: a, b, c."""
    return _("“%(value)s”不是可选的值；可选：%(valid)s") % {
        "value": value,
        "valid": series(valid),
    }


def choice_refused(field: str, value: object, valid: Iterable[object]) -> ValidationError:
    """The ValidationError of ``field`` holding ``value``, none of ``valid``."""
    return ValidationError({field: [choice_message(value, valid)]})
