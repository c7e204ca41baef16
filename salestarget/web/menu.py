"""The shell's own menu entry: the home page, first (registered from ``WebConfig.ready``)."""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from salestarget.org.roles import ALL_ROLES
from salestarget.ui.menu import MenuEntry, menu_entry_register


def menu_register() -> None:
    menu_entry_register(
        MenuEntry(pgettext_lazy("menu", "首页"), "home", ALL_ROLES, icon="house", order=0)
    )
