"""A wrong group map is told at start-up (``manage.py check``, every server start), not at the
first sign-in."""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, register

from salestarget.integrations.sso.identity import GroupMapError, group_map


@register()
def group_map_check(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    try:
        group_map()
    except GroupMapError as exc:
        return [Error(f"SALESTARGET_SSO_GROUP_MAP: {exc}", id="integrations.E001")]
    return []
