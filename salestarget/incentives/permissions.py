"""Who may do what with statements and plans, on top of ``org.scoping``: a rep reads their
own statements and disputes them; a manager reads and reviews their subtree's; finance and
admins read everything, approve, pay, resolve disputes and edit plans."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from salestarget.org.models import Role
from salestarget.org.scoping import Scope

FINANCE_ROLES = {Role.ADMIN, Role.FINANCE}


def is_finance(scope: Scope) -> bool:
    return scope.role in FINANCE_ROLES


def require_finance(scope: Scope) -> None:
    if not is_finance(scope):
        raise PermissionDenied(_("只有财务或管理员可以执行此操作"))


def can_review(scope: Scope) -> bool:
    return scope.role in {Role.MANAGER, Role.EXECUTIVE, Role.ADMIN}
