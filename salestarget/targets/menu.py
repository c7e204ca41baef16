"""The target pages' menu entries (registered from ``TargetsConfig.ready``)."""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from salestarget.org.roles import ALL_ROLES, LEADERS, OFFICE
from salestarget.ui.menu import MenuEntry, menu_entry_register

SECTION = pgettext_lazy("menu", "目标")


def menu_register() -> None:
    menu_entry_register(
        MenuEntry(
            pgettext_lazy("menu", "目标计划"),
            "targets:plan_list",
            ALL_ROLES,
            SECTION,
            "bullseye",
            order=100,
        ),
        MenuEntry(
            pgettext_lazy("menu", "我的目标"),
            "targets:my_targets",
            ALL_ROLES,
            SECTION,
            "person-check",
            order=110,
        ),
        MenuEntry(
            pgettext_lazy("menu", "待我审批"),
            "targets:approvals",
            LEADERS,
            SECTION,
            "check2-square",
            order=120,
        ),
        MenuEntry(
            pgettext_lazy("menu", "目标调整"),
            "targets:adjustment_list",
            LEADERS | OFFICE,
            SECTION,
            "sliders2",
            order=130,
        ),
        MenuEntry(
            pgettext_lazy("menu", "计划进度"),
            "targets:steps",
            LEADERS | OFFICE,
            SECTION,
            "calendar-check",
            order=140,
        ),
    )
