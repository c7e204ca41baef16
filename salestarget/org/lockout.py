"""Repeated wrong passwords lock the login out for a while (django-axes), per account and
address: after ``AXES_FAILURE_LIMIT`` failures from one address for one username, that pair is
refused for ``AXES_COOLOFF_TIME`` even with the right password. The person is told on the
login page how long to wait, and the lockout is logged."""

from __future__ import annotations

import logging
import math
from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_client_ip_address, get_client_username, get_cool_off
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

log = logging.getLogger("salestarget.logins")


class LoginLockoutBackend(AxesStandaloneBackend):
    """Axes' check before the password is tried. A call with no request comes from code in the
    process (the test client, a shell), never from a visitor, and is let through."""

    def authenticate(  # type: ignore[override]
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)  # type: ignore[no-any-return]


def not_a_password_sign_in(request: HttpRequest, credentials: dict[str, Any] | None) -> bool:
    """Axes leaves single sign-on alone (AXES_WHITELIST_CALLABLE): there the directory checked
    who it is and nobody guesses a password here. Its refusals carry no user name, so counted
    as failures of "no user name" from one address they would lock everybody behind that
    address (an office's NAT) out of single sign-on after five of them."""
    return credentials is not None and "username" not in credentials


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """The login page again, saying why and for how long (HTTP 429)."""
    username = get_client_username(request, credentials) or ""
    cool_off = get_cool_off(request)
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else 0
    log.warning(
        "login locked out: username=%r address=%s for %d minutes",
        username,
        get_client_ip_address(request),
        minutes,
    )
    message = _(
        "登录失败次数过多，账号“%(username)s”在此地址已被暂时锁定，请 %(minutes)d 分钟后再试，或请管理员解锁。"
    ) % {
        "username": username,
        "minutes": minutes,
    }
    return render(request, "registration/login.html", {"locked_out": message}, status=429)
