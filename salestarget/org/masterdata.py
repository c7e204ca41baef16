"""What every write to master data shares, for pages and API alike.

Services call :func:`require_master_data_editor` first, then collect the field errors of
:func:`master_data_errors` and their own business rules in one :class:`Errors`, so a form
and an API request get the same messages from the same code, and bad input writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext as _

from salestarget.org.scoping import Scope, request_scope
from salestarget.ui.choices import choice_message


def require_master_data_editor(scope: Scope) -> None:
    """Only admin and finance create, change and deactivate master data."""
    if not scope.can_edit_master_data:
        raise PermissionDenied(_("只有管理员和财务/销售管理可以维护主数据。"))


def require_admin(scope: Scope) -> None:
    if not scope.is_admin:
        raise PermissionDenied(_("只有系统管理员可以执行此操作。"))


def editor_scope(request: HttpRequest) -> Scope:
    """The scope of a user who may change master data; anyone else is refused (403)."""
    scope = request_scope(request)
    require_master_data_editor(scope)
    return scope


def admin_scope(request: HttpRequest) -> Scope:
    """The scope of an admin; anyone else is refused (403)."""
    scope = request_scope(request)
    require_admin(scope)
    return scope


class Errors:
    """Field errors collected before anything is written."""

    def __init__(self) -> None:
        self.by_field: dict[str, list[str]] = {}

    def add(self, field: str | None, message: str) -> None:
        self.by_field.setdefault(field or NON_FIELD_ERRORS, []).append(message)

    def merge(self, exc: ValidationError) -> None:
        if hasattr(exc, "error_dict"):
            for field, messages in exc.message_dict.items():
                for message in messages:
                    self.add(field, message)
        else:
            for message in exc.messages:
                self.add(None, message)

    def has(self, field: str) -> bool:
        return field in self.by_field

    def raise_if_any(self) -> None:
        if self.by_field:
            raise ValidationError(self.by_field)


def _choices_unknown(instance: models.Model, exclude: Iterable[str]) -> dict[str, str]:
    """Fields of fixed choices holding none of them, each with a message naming the valid
    ones (Django's own says only that the value "is not a valid choice")."""
    found = {}
    skipped = set(exclude)
    for field in instance._meta.concrete_fields:
        if not field.choices or field.name in skipped:
            continue
        value = getattr(instance, field.attname)
        if value in field.empty_values:
            continue  # blank or not: full_clean says so
        valid = [str(key) for key, _label in field.flatchoices]
        if str(value) not in valid:
            found[field.name] = choice_message(value, valid)
    return found


def master_data_errors(
    instance: models.Model,
    *,
    unique: Iterable[str] = ("code",),
    exclude: Iterable[str] = (),
    constraints: bool = True,
) -> Errors:
    """The model's own field checks, and a clear message for a duplicate code.

    ``constraints=False`` leaves database constraints to the caller's own, clearer checks.
    """
    errors = Errors()
    unchosen = _choices_unknown(instance, exclude)
    for name, message in unchosen.items():
        errors.add(name, message)
    try:
        instance.full_clean(
            exclude=[*exclude, *unchosen], validate_unique=False, validate_constraints=constraints
        )
    except ValidationError as exc:
        errors.merge(exc)
    model = type(instance)
    for name in unique:
        value: Any = getattr(instance, name)
        if value in (None, "") or errors.has(name):
            continue
        taken = model._default_manager.filter(**{name: value}).exclude(pk=instance.pk)
        if taken.exists():
            label = getattr(model._meta.get_field(name), "verbose_name", name)
            errors.add(
                name,
                _("%(field)s“%(value)s”已被使用。") % {"field": label, "value": value},
            )
    return errors
