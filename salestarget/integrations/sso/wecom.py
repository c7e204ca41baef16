"""WeCom (企业微信) sign-in: its web login is OAuth 2 but not OpenID Connect (no ID token, no
keys to check one with), so it has this small backend instead of mozilla-django-oidc.

The flow: the button sends the person to WeCom's login page with the company's CorpID, the
app's AgentID and a state; WeCom sends them back with a one-time ``code``; the server asks
WeCom for the app's token (``gettoken``: CorpID + the app's Secret) and then who the code
belongs to (``auth/getuserinfo``), which answers the member's ``userid``. The userid is taken
as the employee number (companies usually set it to the 工号); WeCom sends no groups, so the
role stays as the product has it. Everything else is :func:`directory_sign_in`'s.
"""

from __future__ import annotations

import logging
import secrets
from typing import Any
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from salestarget.integrations.sso.identity import REFUSAL, DirectoryIdentity, SignInRefused
from salestarget.integrations.sso.sign_in import directory_sign_in

log = logging.getLogger("salestarget.logins")
STATE = "wecom_state"
TIMEOUT = 10


class WeComUnanswered(Exception):  # noqa: N818 - WeCom said no or did not answer
    pass


def wecom_enabled() -> bool:
    return bool(settings.SALESTARGET_WECOM_CORP_ID and settings.SALESTARGET_WECOM_SECRET)


def _wecom_get(path: str, **params: str) -> dict[str, Any]:
    try:
        response = requests.get(
            settings.SALESTARGET_WECOM_API.rstrip("/") + path, params=params, timeout=TIMEOUT
        )
        response.raise_for_status()
        answer = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise WeComUnanswered(str(exc)) from exc
    if not isinstance(answer, dict) or answer.get("errcode", 0) != 0:
        raise WeComUnanswered(f"{path}: {answer}")
    return answer


def wecom_userid(code: str) -> str:
    """The member the one-time ``code`` belongs to; "" for somebody outside the company."""
    token = _wecom_get(
        "/cgi-bin/gettoken",
        corpid=settings.SALESTARGET_WECOM_CORP_ID,
        corpsecret=settings.SALESTARGET_WECOM_SECRET,
    )["access_token"]
    answer = _wecom_get("/cgi-bin/auth/getuserinfo", access_token=str(token), code=code)
    return str(answer.get("userid") or answer.get("UserId") or "")


class WeComBackend(ModelBackend):
    """Signs in the member a WeCom ``code`` names; nothing else."""

    def authenticate(  # type: ignore[override]
        self, request: HttpRequest | None, wecom_code: str = "", **kwargs: Any
    ) -> User | None:
        if request is None or not wecom_code or not wecom_enabled():
            return None
        userid = wecom_userid(wecom_code)
        request.sign_in_name = userid  # type: ignore[attr-defined]  # for the audit trail
        try:
            if not userid:
                raise SignInRefused(_("企业微信没有认出你是本企业的成员。"))
            return directory_sign_in(identity=DirectoryIdentity(via="wecom", employee_no=userid))
        except SignInRefused as refusal:
            log.warning("WeCom sign-in refused: %s (%s)", userid, refusal.message)
            setattr(request, REFUSAL, refusal.message)
            return None


def _back_to_login(request: HttpRequest, message: str) -> HttpResponse:
    messages.error(request, message)
    return HttpResponseRedirect(reverse("login"))


def wecom_start(request: HttpRequest) -> HttpResponse:
    if not wecom_enabled():
        return _back_to_login(request, _("本系统没有配置企业微信登录。"))
    state = secrets.token_urlsafe(16)
    request.session[STATE] = state
    query = urlencode(
        {
            "login_type": "CorpApp",
            "appid": settings.SALESTARGET_WECOM_CORP_ID,
            "agentid": settings.SALESTARGET_WECOM_AGENT_ID,
            "redirect_uri": request.build_absolute_uri(reverse("sso_wecom_callback")),
            "state": state,
        }
    )
    return HttpResponseRedirect(f"{settings.SALESTARGET_WECOM_LOGIN_URL}?{query}")


def wecom_callback(request: HttpRequest) -> HttpResponse:
    expected = request.session.pop(STATE, None)
    code = request.GET.get("code", "")
    if not expected or request.GET.get("state") != expected or not code:
        return _back_to_login(
            request, _("企业微信登录未完成：登录请求已过期或无效，请重新点击企业微信登录。")
        )
    try:
        user = auth.authenticate(request, wecom_code=code)
    except WeComUnanswered as exc:
        log.warning("WeCom did not answer: %s", exc)
        return _back_to_login(
            request, _("企业微信登录未完成：企业微信没有应答，请稍后再试或联系管理员。")
        )
    if user is None:
        return _back_to_login(request, getattr(request, REFUSAL, "") or _("企业微信登录未完成。"))
    auth.login(request, user)
    return HttpResponseRedirect(reverse("home"))
