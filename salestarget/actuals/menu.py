"""The actuals' menu entries (registered from ``ActualsConfig.ready``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from salestarget.org.roles import ALL_ROLES, OFFICE
from salestarget.ui.menu import MenuEntry, menu_entry_register

SECTION = _("实际数据")


def menu_register() -> None:
    menu_entry_register(
        MenuEntry(
            pgettext_lazy("menu", "实际数据"),
            "actuals:fact_list",
            ALL_ROLES,
            SECTION,
            "receipt",
            order=400,
        ),
        MenuEntry(
            pgettext_lazy("menu", "导入数据"),
            "actuals:import_upload",
            OFFICE,
            SECTION,
            "upload",
            order=410,
        ),
    )
