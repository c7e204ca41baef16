"""API authentication: the browser's session, or a bearer token (``Authorization: Bearer …``).

A token's secret is shown once, when it is made; only its SHA-256 is kept. It works until it
expires (30 days to a year, as its owner chose) or is revoked."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from salestarget.org.models import ApiToken
from salestarget.wording import series

TOKEN_DAYS = (30, 90, 180, 365)
DEFAULT_TOKEN_DAYS = 90
# A token's last use is written at most this often: the tokens page shows it to the minute,
# and an integration calling the API in a loop would otherwise write a row per request.
LAST_USE_STEP = dt.timedelta(minutes=1)


def api_token_create(*, user: User, name: str, days: int = DEFAULT_TOKEN_DAYS) -> str:
    """Create a token for ``user`` valid for ``days`` and return its secret; only its digest
    is kept."""
    if days not in TOKEN_DAYS:
        raise ValidationError(
            {"days": _("有效期只能选择 %(days)s 天。") % {"days": series(TOKEN_DAYS)}}
        )
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("请给令牌起个名字，例如它的用途。")})
    if len(name) > ApiToken._meta.get_field("name").max_length:  # type: ignore[operator]
        raise ValidationError({"name": _("名称太长。")})
    secret = "st_" + secrets.token_urlsafe(32)
    ApiToken.objects.create(
        user=user,
        name=name,
        digest=hashlib.sha256(secret.encode()).hexdigest(),
        prefix=secret[:8],
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    return secret


def api_token_revoke(*, user: User, token: ApiToken) -> ApiToken:
    """Revoke one of ``user``'s own tokens; it stops working at once."""
    if token.user_id != user.pk:
        raise ApiToken.DoesNotExist
    token.is_active = False
    token.save(update_fields=["is_active"])
    return token


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        digest = hashlib.sha256(token.encode()).hexdigest()
        found = (
            ApiToken.objects.select_related("user")
            .filter(
                digest=digest,
                is_active=True,
                expires_at__gt=timezone.now(),
                user__is_active=True,
            )
            .first()
        )
        if found is None:
            return None
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at >= LAST_USE_STEP:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user
