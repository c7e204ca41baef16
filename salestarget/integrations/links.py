"""Links that leave the product (a chat group, a calendar application) start with its public
address, ``SALESTARGET_SITE_URL``."""

from __future__ import annotations

from django.conf import settings


def absolute(link: str) -> str:
    if "://" in link:
        return link
    return str(settings.SALESTARGET_SITE_URL).rstrip("/") + link
