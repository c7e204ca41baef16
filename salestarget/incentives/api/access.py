"""Who calls: the signed-in user, and the door of finance's operations (plans, credit,
bonus tables, competitions), shared by the incentives API modules."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from salestarget.incentives.permissions import is_finance
from salestarget.org.scoping import request_scope


def request_user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def finance_user(request: HttpRequest) -> User:
    """The caller, when finance or an admin; 403 otherwise."""
    if not is_finance(request_scope(request)):
        raise PermissionDenied("plans are kept by finance")
    return request_user(request)
