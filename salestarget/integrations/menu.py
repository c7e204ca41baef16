"""The integrations' menu entry, under settings (registered from ``IntegrationsConfig.ready``)."""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from salestarget.org.menu import SETTINGS
from salestarget.org.roles import ADMIN_ONLY, ALL_ROLES, LEADERS
from salestarget.ui.menu import MenuEntry, menu_entry_register


def menu_register() -> None:
    menu_entry_register(
        MenuEntry(
            pgettext_lazy("menu", "我的日历"),
            "integrations:calendar",
            ALL_ROLES,
            SETTINGS,
            "calendar-event",
            order=912,
        ),
        MenuEntry(
            pgettext_lazy("menu", "群机器人"),
            "integrations:robot_list",
            LEADERS,
            SETTINGS,
            "robot",
            order=915,
        ),
        MenuEntry(
            pgettext_lazy("menu", "工作通知应用"),
            "integrations:work_apps",
            ADMIN_ONLY,
            SETTINGS,
            "chat-dots",
            order=916,
        ),
    )
