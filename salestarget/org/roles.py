"""The groups of roles that menu entries and home panels are opened to."""

from __future__ import annotations

from salestarget.org.models import Role

ALL_ROLES = frozenset(Role.values)
LEADERS = frozenset({Role.ADMIN, Role.EXECUTIVE, Role.MANAGER})
OFFICE = frozenset({Role.ADMIN, Role.FINANCE})
ADMIN_ONLY = frozenset({Role.ADMIN})
