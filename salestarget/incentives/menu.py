"""The incentives pages' menu entries (registered from ``IncentivesConfig.ready``)."""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from salestarget.org.roles import ALL_ROLES, OFFICE
from salestarget.ui.menu import MenuEntry, menu_entry_register

SECTION = pgettext_lazy("menu", "激励")


def menu_register() -> None:
    menu_entry_register(
        MenuEntry(
            pgettext_lazy("menu", "提成明细"),
            "incentives:statements",
            ALL_ROLES,
            SECTION,
            "cash-coin",
            order=500,
        ),
        MenuEntry(
            pgettext_lazy("menu", "申诉"),
            "incentives:disputes",
            ALL_ROLES,
            SECTION,
            "chat-left-text",
            order=510,
        ),
        MenuEntry(
            pgettext_lazy("menu", "销售竞赛"),
            "incentives:competitions",
            ALL_ROLES,
            SECTION,
            "flag",
            order=515,
        ),
        MenuEntry(
            pgettext_lazy("menu", "业绩分成"),
            "incentives:credits",
            ALL_ROLES,
            SECTION,
            "people",
            order=518,
        ),
        MenuEntry(
            pgettext_lazy("menu", "提成方案"),
            "incentives:plans",
            OFFICE,
            SECTION,
            "sliders",
            order=520,
        ),
    )
