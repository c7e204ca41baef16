"""The audit trail's menu entry: under settings, for the admin."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from salestarget.org.roles import ADMIN_ONLY
from salestarget.ui.menu import MenuEntry, menu_entry_register

SETTINGS = _("设置")


def menu_register() -> None:
    menu_entry_register(
        MenuEntry(
            pgettext_lazy("menu", "审计日志"),
            "audit:entry_list",
            ADMIN_ONLY,
            SETTINGS,
            "journal-text",
            order=920,
        ),
    )
