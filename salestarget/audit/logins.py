"""Logins, logouts, failed logins and exports of the company's data go into the audit trail
beside the changes, as "access" entries on the user (a failed login for a name nobody has is
kept under that name). A sign-in records how the person signed in (``method``: password, oidc,
ldap, wecom, dingtalk — single sign-on, salestarget.integrations.sso); a refused single sign-on is kept under
the employee number or e-mail the directory gave."""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django.contrib.auth import get_user_model, user_logged_in, user_logged_out, user_login_failed
from django.contrib.contenttypes.models import ContentType

LOGIN = "login"
LOGOUT = "logout"
LOGIN_FAILED = "login_failed"
EXPORT = "export"


# The authentication backend's class → how the person signed in.
METHODS = {
    "DirectoryOIDCBackend": "oidc",
    "DirectoryLDAPBackend": "ldap",
    "WeComBackend": "wecom",
    "DingTalkBackend": "dingtalk",
    "LocalPasswordBackend": "password",
}


def access_record(*, event: str, username: str, user: Any = None, method: str = "") -> LogEntry:
    """One access entry; the channel stamp adds the actor, the address and ``via``."""
    return LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(get_user_model()),
        object_pk=str(user.pk) if user is not None else "",
        object_id=user.pk if user is not None else None,
        object_repr=username,
        action=LogEntry.Action.ACCESS,
        changes={},
        actor=user if event != LOGIN_FAILED else None,
        additional_data={"event": event, **({"method": method} if method else {})},
    )


def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    backend = str(getattr(user, "backend", "") or "").rpartition(".")[2]
    method = METHODS.get(backend, "password" if backend else "")
    access_record(event=LOGIN, username=user.get_username(), user=user, method=method)


def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        access_record(event=LOGOUT, username=user.get_username(), user=user)


def _failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    username = str(credentials.get("username") or getattr(request, "sign_in_name", ""))[:150]
    user = get_user_model().objects.filter(username=username).first()
    access_record(event=LOGIN_FAILED, username=username, user=user)


def logins_connect() -> None:
    user_logged_in.connect(_logged_in, dispatch_uid="audit-login")
    user_logged_out.connect(_logged_out, dispatch_uid="audit-logout")
    user_login_failed.connect(_failed, dispatch_uid="audit-login-failed")
