"""What the login page offers: the SSO button, the password form, or both."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from salestarget.integrations.sso.dingtalk import dingtalk_enabled
from salestarget.integrations.sso.ldap import ldap_enabled
from salestarget.integrations.sso.oidc import oidc_enabled
from salestarget.integrations.sso.passwords import local_passwords_on
from salestarget.integrations.sso.wecom import wecom_enabled

BREAK_GLASS = "break-glass"


def sign_in(request: HttpRequest) -> dict[str, Any]:
    if request.resolver_match is None or request.resolver_match.url_name != "login":
        return {}
    buttons = {
        "sso_oidc": oidc_enabled(),
        "sso_wecom": wecom_enabled(),
        "sso_dingtalk": dingtalk_enabled(),
    }
    return {
        **buttons,
        "sso_oidc_label": settings.SALESTARGET_SSO_LABEL,
        "sso_any": any(buttons.values()),
        # With passwords off and no SSO configured the form stays: superusers still sign in.
        "sso_password_form": local_passwords_on()
        or ldap_enabled()
        or not any(buttons.values())
        or BREAK_GLASS in request.GET
        or BREAK_GLASS in request.POST,
    }
