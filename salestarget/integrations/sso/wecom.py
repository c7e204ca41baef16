"""WeCom (企业微信) sign-in (the flow both chat logins share is in ``chat_login``).

WeCom's login page gets the company's CorpID, the app's AgentID and a state, and sends the
person back with a one-time ``code``; the server asks WeCom for the app's token (``gettoken``:
CorpID + the app's Secret) and then whose code it is (``auth/getuserinfo``), which answers the
member's ``userid``. The userid is taken as the employee number (companies usually make it the
工号); WeCom sends no groups, so the role stays as the product has it.
"""

from __future__ import annotations

from urllib.parse import urlencode

import requests
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from salestarget.integrations.sso.chat_login import (
    TIMEOUT,
    ChatLoginBackend,
    login_finish,
    login_start,
    provider_json,
)
from salestarget.integrations.sso.identity import DirectoryIdentity, SignInRefused

PROVIDER = gettext_lazy("企业微信")


def wecom_enabled() -> bool:
    return bool(settings.SALESTARGET_WECOM_CORP_ID and settings.SALESTARGET_WECOM_SECRET)


def _wecom_get(path: str, **params: str) -> dict[str, object]:
    url = settings.SALESTARGET_WECOM_API.rstrip("/") + path
    return provider_json(lambda: requests.get(url, params=params, timeout=TIMEOUT), what=path)


class WeComBackend(ChatLoginBackend):
    key = "wecom"

    def enabled(self) -> bool:
        return wecom_enabled()

    def identity(self, code: str) -> DirectoryIdentity:
        token = _wecom_get(
            "/cgi-bin/gettoken",
            corpid=settings.SALESTARGET_WECOM_CORP_ID,
            corpsecret=settings.SALESTARGET_WECOM_SECRET,
        )["access_token"]
        member = _wecom_get("/cgi-bin/auth/getuserinfo", access_token=str(token), code=code)
        userid = str(member.get("userid") or member.get("UserId") or "")
        if not userid:  # an "openid" only: somebody outside the company
            raise SignInRefused(_("企业微信没有认出你是本企业的成员。"))
        return DirectoryIdentity(via="wecom", employee_no=userid)


def wecom_start(request: HttpRequest) -> HttpResponse:
    def authorize_url(state: str, callback: str) -> str:
        query = {
            "login_type": "CorpApp",
            "appid": settings.SALESTARGET_WECOM_CORP_ID,
            "agentid": settings.SALESTARGET_WECOM_AGENT_ID,
            "redirect_uri": callback,
            "state": state,
        }
        return f"{settings.SALESTARGET_WECOM_LOGIN_URL}?{urlencode(query)}"

    return login_start(
        request, backend=WeComBackend(), provider=PROVIDER, authorize_url=authorize_url
    )


def wecom_callback(request: HttpRequest) -> HttpResponse:
    return login_finish(
        request, backend=WeComBackend(), provider=PROVIDER, code=request.GET.get("code", "")
    )
