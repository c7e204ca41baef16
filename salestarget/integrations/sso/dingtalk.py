"""DingTalk (钉钉) sign-in (the flow both chat logins share is in ``chat_login``).

DingTalk's login page (``login.dingtalk.com/oauth2/auth``) sends the person back with a
one-time ``authCode``. The server then takes five steps to the employee number: a user token
for the code (``/v1.0/oauth2/userAccessToken``), the person's ``unionId`` with it
(``/v1.0/contact/users/me``), the app's own token (``gettoken``), the person's ``userid`` in
the company (``/topapi/user/getbyunionid``) and their record (``/topapi/v2/user/get``), whose
``job_number`` (工号) is the employee number (or their ``userid``, if the company says so with
``SALESTARGET_DINGTALK_EMPLOYEE_FIELD=userid``). DingTalk sends no groups to an app's login,
so the role stays as the product has it.
"""

from __future__ import annotations

from typing import Any
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

PROVIDER = gettext_lazy("钉钉")


def dingtalk_enabled() -> bool:
    return bool(settings.SALESTARGET_DINGTALK_CLIENT_ID and settings.SALESTARGET_DINGTALK_SECRET)


def _api(path: str, *, token: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    """The new API (api.dingtalk.com): the user's token in a header."""
    url = settings.SALESTARGET_DINGTALK_API.rstrip("/") + path
    headers = {"x-acs-dingtalk-access-token": token} if token else {}
    if body is None:
        return provider_json(lambda: requests.get(url, headers=headers, timeout=TIMEOUT), what=path)
    return provider_json(lambda: requests.post(url, json=body, timeout=TIMEOUT), what=path)


# getbyunionid's "no such member in the company".
UNKNOWN_MEMBER = 60121


def _oapi(path: str, *, token: str = "", body: dict[str, Any] | None = None, **params: str) -> Any:
    """The older API (oapi.dingtalk.com): the app's token as a parameter, "errcode" 0 on
    success, the answer in "result" for the topapi calls ({} for an unknown member)."""
    url = settings.SALESTARGET_DINGTALK_OAPI.rstrip("/") + path
    if token:
        params["access_token"] = token
    if body is None:
        return provider_json(lambda: requests.get(url, params=params, timeout=TIMEOUT), what=path)
    answer = provider_json(
        lambda: requests.post(url, params=params, json=body, timeout=TIMEOUT),
        what=path,
        unknown=UNKNOWN_MEMBER,
    )
    return answer.get("result") or {}


class DingTalkBackend(ChatLoginBackend):
    key = "dingtalk"

    def enabled(self) -> bool:
        return dingtalk_enabled()

    def identity(self, code: str) -> DirectoryIdentity:
        client_id = settings.SALESTARGET_DINGTALK_CLIENT_ID
        secret = settings.SALESTARGET_DINGTALK_SECRET
        user_token = _api(
            "/v1.0/oauth2/userAccessToken",
            token="",
            body={
                "clientId": client_id,
                "clientSecret": secret,
                "code": code,
                "grantType": "authorization_code",
            },
        )["accessToken"]
        me = _api("/v1.0/contact/users/me", token=str(user_token))
        app_token = str(_oapi("/gettoken", appkey=client_id, appsecret=secret)["access_token"])
        member = _oapi(
            "/topapi/user/getbyunionid", token=app_token, body={"unionid": me.get("unionId")}
        )
        if not member.get("userid"):  # somebody outside the company
            raise SignInRefused(_("钉钉没有认出你是本企业的成员。"))
        record = _oapi("/topapi/v2/user/get", token=app_token, body={"userid": member["userid"]})
        field = settings.SALESTARGET_DINGTALK_EMPLOYEE_FIELD
        return DirectoryIdentity(
            via="dingtalk",
            employee_no=str(record.get(field) or ""),
            email=str(record.get("email") or me.get("email") or ""),
            name=str(record.get("name") or me.get("nick") or ""),
        )


def dingtalk_start(request: HttpRequest) -> HttpResponse:
    def authorize_url(state: str, callback: str) -> str:
        query = {
            "redirect_uri": callback,
            "response_type": "code",
            "client_id": settings.SALESTARGET_DINGTALK_CLIENT_ID,
            "scope": "openid",
            "state": state,
            "prompt": "consent",
        }
        return f"{settings.SALESTARGET_DINGTALK_LOGIN_URL}?{urlencode(query)}"

    return login_start(
        request, backend=DingTalkBackend(), provider=PROVIDER, authorize_url=authorize_url
    )


def dingtalk_callback(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("authCode") or request.GET.get("code", "")
    return login_finish(request, backend=DingTalkBackend(), provider=PROVIDER, code=code)
