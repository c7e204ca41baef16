"""What a directory says about somebody signing in, and the company's map from directory groups
to the product's roles (and, for people created at sign-in, their org node).

The map is a setting (``SALESTARGET_SSO_GROUP_MAP``), not a page: it names the directory's own
groups (in Entra ID, object ids) and belongs with the rest of the directory's set-up (client
id, secret, claim names), which IT changes together, outside the product, and can version and
review; a page would let one wrong edit lock every manager out with no way back in but the
break-glass login.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.conf import settings

from salestarget.org.models import Role

# Where a refusal's message waits for the login page: on the request (the OIDC callback
# reloads its session from the database after the token call, and a form reads no session).
REFUSAL = "sso_refusal"


class SignInRefused(Exception):  # noqa: N818 - a refusal, not a programming error
    """The directory vouched for somebody the product will not let in; ``message`` says why
    in the reader's language."""

    def __init__(self, message: str, *, who: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.who = who


@dataclass(frozen=True)
class DirectoryIdentity:
    """One person as the directory describes them."""

    via: str  # "oidc" or "ldap"
    employee_no: str
    email: str = ""
    name: str = ""
    groups: tuple[str, ...] = ()


@dataclass(frozen=True)
class GroupRule:
    """Members of ``group`` get ``role``; people created at sign-in also join ``node_code``."""

    group: str
    role: str
    node_code: str = ""


@dataclass(frozen=True)
class GroupMap:
    rules: tuple[GroupRule, ...] = field(default_factory=tuple)

    def rule_for(self, groups: Iterable[str]) -> GroupRule | None:
        """The first rule (in the map's order) whose group the person is in."""
        held = set(groups)
        return next((rule for rule in self.rules if rule.group in held), None)


class GroupMapError(ValueError):
    pass


def group_map_parse(raw: str | Mapping[str, str]) -> GroupMap:
    """``{"sales-north-managers": "manager@HB", "sales-reps": "rep", "it-admins": "admin"}``:
    a group, then a role, optionally ``@`` the code of the org node new people join."""
    if isinstance(raw, str):
        if not raw.strip():
            return GroupMap()
        try:
            raw = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise GroupMapError(f"not JSON: {exc}") from exc
    if not isinstance(raw, Mapping):
        raise GroupMapError('expected an object {"group": "role[@node code]"}')
    rules = []
    for group, target in raw.items():
        if not isinstance(target, str):
            raise GroupMapError(f"group {group!r}: expected a string role[@node code]")
        role, _at, node_code = target.partition("@")
        if role not in Role.values:
            raise GroupMapError(
                f"group {group!r}: unknown role {role!r}, one of {', '.join(Role.values)}"
            )
        rules.append(GroupRule(group=str(group), role=role, node_code=node_code.strip()))
    return GroupMap(tuple(rules))


def group_map() -> GroupMap:
    return group_map_parse(settings.SALESTARGET_SSO_GROUP_MAP)
