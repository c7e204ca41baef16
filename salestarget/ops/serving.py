"""What a server checks before it serves.

Commands and tests may run on the built-in development key, but a server with DEBUG off on it
would sign sessions and CSRF tokens with a key anyone can read in the source: gunicorn (through
``salestarget.wsgi``) and ``salestarget start`` refuse to start instead."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _


def secret_key_require() -> None:
    """Refuse to serve in production (DEBUG off) on the built-in development key."""
    if not settings.DEBUG and settings.SECRET_KEY == settings.SALESTARGET_DEV_SECRET_KEY:
        raise ImproperlyConfigured(
            _(
                "没有设置 SECRET_KEY：生产环境（DEBUG 未开启）拒绝使用内置的开发密钥启动。"
                "请设置环境变量 SECRET_KEY（至少 50 个随机字符）；在开发机上用 make run 或 DEBUG=1 启动。"
            )
        )
