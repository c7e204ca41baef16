"""What WeCom's (企业微信) and DingTalk's (钉钉) logins share: both are OAuth 2 without OpenID
Connect (no ID token, no keys to check one with), so each has a small backend that turns the
one-time code into a :class:`DirectoryIdentity` by the provider's own API, and the same two
views around it: off to the provider with a state kept in the session, and back, signing the
person in or saying on the login page why not."""

from __future__ import annotations

import logging
import secrets
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any

import requests
from django.contrib import auth, messages
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from salestarget.integrations.sso.identity import REFUSAL, DirectoryIdentity, SignInRefused
from salestarget.integrations.sso.sign_in import directory_sign_in

log = logging.getLogger("salestarget.logins")
TIMEOUT = 10


class ProviderUnanswered(Exception):  # noqa: N818 - the provider said no or did not answer
    pass


def provider_json(
    call: Callable[[], requests.Response], *, what: str, unknown: int | None = None
) -> dict[str, Any]:
    """The JSON the provider answered, or :class:`ProviderUnanswered` (no answer, not JSON, or
    an ``errcode`` other than 0: both providers' way of saying no); ``{}`` for the errcode
    ``unknown`` (the provider's "no such person")."""
    try:
        response = call()
        response.raise_for_status()
        answer = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise ProviderUnanswered(f"{what}: {exc}") from exc
    if isinstance(answer, dict) and unknown is not None and answer.get("errcode") == unknown:
        return {}
    if not isinstance(answer, dict) or answer.get("errcode", 0) != 0:
        raise ProviderUnanswered(f"{what}: {answer}")
    return answer


class ChatLoginBackend(ModelBackend, ABC):
    """Signs in whoever a provider's one-time code names, passed as ``<key>_code``. Each
    provider's backend (``wecom``, ``dingtalk``) says whether it is set up and whose code it is."""

    key = ""

    @abstractmethod
    def enabled(self) -> bool: ...

    @abstractmethod
    def identity(self, code: str) -> DirectoryIdentity:
        """Who the code belongs to; :class:`SignInRefused` for somebody outside the company."""

    def authenticate(  # type: ignore[override]
        self, request: HttpRequest | None, **kwargs: Any
    ) -> User | None:
        code = kwargs.get(f"{self.key}_code")
        if request is None or not code or not self.enabled():
            return None
        try:
            identity = self.identity(str(code))
            request.sign_in_name = identity.employee_no  # type: ignore[attr-defined]  # audit
            return directory_sign_in(identity=identity)
        except SignInRefused as refusal:
            log.warning("%s sign-in refused: %s (%s)", self.key, refusal.who, refusal.message)
            setattr(request, REFUSAL, refusal.message)
            return None


def back_to_login(request: HttpRequest, message: str) -> HttpResponse:
    messages.error(request, message)
    return HttpResponseRedirect(reverse("login"))


def login_start(
    request: HttpRequest,
    *,
    backend: ChatLoginBackend,
    provider: str | Promise,
    authorize_url: Callable[[str, str], str],
) -> HttpResponse:
    """Off to the provider: ``authorize_url(state, redirect_uri)``."""
    if not backend.enabled():
        return back_to_login(
            request, _("本系统没有配置%(provider)s登录。") % {"provider": provider}
        )
    state = secrets.token_urlsafe(16)
    request.session[f"{backend.key}_state"] = state
    callback = request.build_absolute_uri(reverse(f"sso_{backend.key}_callback"))
    return HttpResponseRedirect(authorize_url(state, callback))


def login_finish(
    request: HttpRequest, *, backend: ChatLoginBackend, provider: str | Promise, code: str
) -> HttpResponse:
    """Back from the provider with ``code``: signed in, or told why not on the login page."""
    expected = request.session.pop(f"{backend.key}_state", None)
    if not expected or request.GET.get("state") != expected or not code:
        return back_to_login(
            request,
            _("%(provider)s登录未完成：登录请求已过期或无效，请重新点击%(provider)s登录。")
            % {"provider": provider},
        )
    try:
        user = auth.authenticate(request, **{f"{backend.key}_code": code})
    except ProviderUnanswered as exc:
        log.warning("%s did not answer: %s", backend.key, exc)
        return back_to_login(
            request,
            _("%(provider)s登录未完成：%(provider)s没有应答，请稍后再试或联系管理员。")
            % {"provider": provider},
        )
    if user is None:
        refusal = getattr(request, REFUSAL, "")
        return back_to_login(
            request, refusal or _("%(provider)s登录未完成。") % {"provider": provider}
        )
    auth.login(request, user)
    return HttpResponseRedirect(reverse("home"))
