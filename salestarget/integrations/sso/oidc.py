"""OpenID Connect sign-in through mozilla-django-oidc: its views run the code flow (state,
nonce, PKCE) and check the ID token's signature; this module decides who the person is.

Claims are read from the ID token and the user-info answer together: Entra ID puts groups and
optional claims such as the employee id in the ID token only, Keycloak and node's providers
in both. Whatever goes wrong after the provider sent the person back (a refusal, a stale
state, the provider not answering) brings them to the login page with a message saying so,
never to an error page.
"""

from __future__ import annotations

import logging
from typing import Any

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from salestarget.integrations.sso.identity import REFUSAL, DirectoryIdentity, SignInRefused
from salestarget.integrations.sso.sign_in import directory_sign_in

log = logging.getLogger("salestarget.logins")


def oidc_enabled() -> bool:
    return bool(settings.OIDC_RP_CLIENT_ID and settings.OIDC_OP_AUTHORIZATION_ENDPOINT)


def claim_text(claims: dict[str, Any], name: str) -> str:
    value = claims.get(name)
    if isinstance(value, list):
        value = value[0] if value else ""
    return "" if value is None else str(value)


def claim_groups(claims: dict[str, Any], name: str) -> tuple[str, ...]:
    value = claims.get(name) or ()
    if isinstance(value, str):
        value = [value]
    return tuple(str(group) for group in value) if isinstance(value, list | tuple) else ()


def identity_from_claims(claims: dict[str, Any]) -> DirectoryIdentity:
    return DirectoryIdentity(
        via="oidc",
        employee_no=claim_text(claims, settings.SALESTARGET_SSO_EMPLOYEE_CLAIM),
        email=claim_text(claims, "email"),
        name=claim_text(claims, "name"),
        groups=claim_groups(claims, settings.SALESTARGET_SSO_GROUPS_CLAIM),
    )


class DirectoryOIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]  # untyped library
    """Does nothing until OIDC is configured, so it can stay in AUTHENTICATION_BACKENDS."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.enabled = oidc_enabled()
        if self.enabled:
            super().__init__(*args, **kwargs)

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        if not self.enabled or request is None:
            return None
        return super().authenticate(request, **kwargs)  # type: ignore[no-any-return]

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        """The library checks the signature, expiry and nonce; the audience too, here: an ID
        token the provider made for another application is not ours to accept."""
        payload: dict[str, Any] = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if settings.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token for another audience")
        return payload

    def get_or_create_user(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> User | None:
        userinfo = self.get_userinfo(access_token, id_token, payload)
        claims = {**payload, **(userinfo if isinstance(userinfo, dict) else {})}
        identity = identity_from_claims(claims)
        request = self.request
        request.sign_in_name = identity.employee_no or identity.email  # for the audit trail
        try:
            return directory_sign_in(identity=identity)
        except SignInRefused as refusal:
            log.warning("OIDC sign-in refused: %s (%s)", refusal.who, refusal.message)
            setattr(request, REFUSAL, refusal.message)
            return None


class DirectoryOIDCRequestView(OIDCAuthenticationRequestView):  # type: ignore[misc]
    """The SSO button's target: off to the provider (or back to the login page if there is
    none configured)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if oidc_enabled():
            super().__init__(*args, **kwargs)
        else:
            super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not oidc_enabled():
            messages.error(request, _("本系统没有配置单点登录，请用用户名和密码登录。"))
            return HttpResponseRedirect(reverse("login"))
        return super().get(request)  # type: ignore[no-any-return]


class DirectoryOIDCCallbackView(OIDCAuthenticationCallbackView):  # type: ignore[misc]
    """The provider's way back; every failure ends on the login page with its reason."""

    def get(self, request: HttpRequest) -> HttpResponse:
        try:
            return super().get(request)  # type: ignore[no-any-return]
        except (SuspiciousOperation, jwt.PyJWTError, KeyError) as exc:
            log.warning("OIDC callback refused: %r", exc)
            return self._back_to_login(
                _("单点登录未完成：登录请求已过期或无效，请重新点击单点登录。")
            )
        except (requests.RequestException, ValueError) as exc:
            log.warning("OIDC provider did not answer: %s", exc)
            return self._back_to_login(
                _("单点登录未完成：无法连接身份提供方，请稍后再试或联系管理员。")
            )

    def login_failure(self) -> HttpResponse:
        refusal = getattr(self.request, REFUSAL, None)
        if refusal is None and self.request.GET.get("error"):
            refusal = _("身份提供方没有让你登录（%(error)s）。") % {
                "error": self.request.GET.get("error_description") or self.request.GET["error"]
            }
        return self._back_to_login(refusal or _("单点登录未完成，请重试。"))

    def _back_to_login(self, message: str) -> HttpResponse:
        messages.error(self.request, message)
        return HttpResponseRedirect(reverse("login"))
