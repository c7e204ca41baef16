"""The assessment pages' menu entries (registered from ``AssessmentConfig.ready``)."""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from salestarget.org.roles import ALL_ROLES, LEADERS, OFFICE
from salestarget.ui.menu import MenuEntry, menu_entry_register

SECTION = pgettext_lazy("menu", "绩效考核")


def menu_register() -> None:
    menu_entry_register(
        MenuEntry(
            pgettext_lazy("menu", "我的考核"),
            "assessment:mine",
            ALL_ROLES,
            SECTION,
            "award",
            order=600,
        ),
        MenuEntry(
            pgettext_lazy("menu", "团队考核"),
            "assessment:team",
            LEADERS | OFFICE,
            SECTION,
            "people",
            order=610,
        ),
        MenuEntry(
            pgettext_lazy("menu", "考核周期"),
            "assessment:cycles",
            LEADERS | OFFICE,
            SECTION,
            "calendar-range",
            order=620,
        ),
    )
