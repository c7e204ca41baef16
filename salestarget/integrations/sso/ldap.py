"""LDAP / Active Directory sign-in through django-auth-ldap: it binds, finds the person's entry
(``SALESTARGET_LDAP_USER_FILTER``) and checks their password against the directory; this module
hands the entry's employee number, mail, name and groups to :func:`directory_sign_in`.

A refusal or an unreachable directory is kept on the request, and the login form shows it
instead of "wrong password".
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_auth_ldap.backend import LDAPBackend, ldap_error

from salestarget.integrations.sso.identity import REFUSAL, DirectoryIdentity, SignInRefused
from salestarget.integrations.sso.sign_in import directory_sign_in

log = logging.getLogger("salestarget.logins")


def ldap_enabled() -> bool:
    return bool(settings.AUTH_LDAP_SERVER_URI)


def _first(attrs: Any, name: str) -> str:
    values = attrs.get(name) if attrs is not None and name else None
    return str(values[0]) if values else ""


def identity_from_entry(ldap_user: Any) -> DirectoryIdentity:
    attrs = ldap_user.attrs
    groups = tuple(ldap_user.group_names) if settings.AUTH_LDAP_GROUP_SEARCH else ()
    return DirectoryIdentity(
        via="ldap",
        employee_no=_first(attrs, settings.SALESTARGET_LDAP_EMPLOYEE_ATTR),
        email=_first(attrs, "mail"),
        name=_first(attrs, "displayName") or _first(attrs, "cn"),
        groups=groups,
    )


class DirectoryLDAPBackend(LDAPBackend):  # type: ignore[misc]  # untyped library
    """Does nothing until ``SALESTARGET_LDAP_URI`` is set."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if not ldap_enabled():
            return None
        return super().authenticate(request, username, password, **kwargs)  # type: ignore[no-any-return]

    def get_or_build_user(self, username: str, ldap_user: Any) -> tuple[User, bool]:
        try:
            return directory_sign_in(identity=identity_from_entry(ldap_user)), False
        except SignInRefused as refusal:
            log.warning("LDAP sign-in refused: %s (%s)", username, refusal.message)
            if ldap_user._request is not None:
                setattr(ldap_user._request, REFUSAL, refusal.message)
            raise ldap_user.AuthenticationFailed(refusal.message) from refusal


def _unreachable(sender: Any, context: str, request: Any = None, **kwargs: Any) -> None:
    log.warning("LDAP error while %s: %s", context, kwargs.get("exception"))
    if request is not None and context in ("authenticate", "search_for_user_dn"):
        setattr(
            request,
            REFUSAL,
            _("无法连接公司目录（LDAP），请稍后再试或联系管理员。"),
        )


def ldap_errors_connect() -> None:
    ldap_error.connect(_unreachable, dispatch_uid="sso-ldap-error")
