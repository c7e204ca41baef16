"""The tracking pages' menu entries (registered from ``TrackingConfig.ready``)."""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from salestarget.org.roles import ALL_ROLES, LEADERS, OFFICE
from salestarget.ui.menu import MenuEntry, menu_entry_register

SECTION = pgettext_lazy("menu", "跟踪分析")


def menu_register() -> None:
    menu_entry_register(
        MenuEntry(
            pgettext_lazy("menu", "销售仪表板"),
            "tracking:dashboard",
            ALL_ROLES,
            SECTION,
            "speedometer2",
            order=200,
        ),
        MenuEntry(
            pgettext_lazy("menu", "跟踪树"),
            "tracking:tree",
            ALL_ROLES,
            SECTION,
            "diagram-2",
            order=210,
        ),
        MenuEntry(
            pgettext_lazy("menu", "排行榜"),
            "tracking:leaderboard",
            ALL_ROLES,
            SECTION,
            "trophy",
            order=220,
        ),
        MenuEntry(
            pgettext_lazy("menu", "战报"),
            "tracking:battle",
            LEADERS | OFFICE,
            SECTION,
            "flag",
            order=230,
        ),
        MenuEntry(
            pgettext_lazy("menu", "周报与月报"),
            "tracking:report",
            LEADERS | OFFICE,
            SECTION,
            "file-text",
            order=240,
        ),
        MenuEntry(
            pgettext_lazy("menu", "喜报"),
            "tracking:news",
            ALL_ROLES,
            SECTION,
            "megaphone",
            order=250,
        ),
        MenuEntry(
            pgettext_lazy("menu", "差距分析"),
            "tracking:gap",
            ALL_ROLES,
            SECTION,
            "bar-chart-steps",
            order=260,
        ),
    )
