"""The org's menu entries: the tree and the people under master data, company settings and
API tokens under settings (registered from ``OrgConfig.ready``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from salestarget.org.roles import ADMIN_ONLY, ALL_ROLES, LEADERS, OFFICE
from salestarget.ui.menu import MenuEntry, menu_entry_register

MASTER_DATA = _("主数据")
SETTINGS = _("设置")


def menu_register() -> None:
    menu_entry_register(
        MenuEntry(
            pgettext_lazy("menu", "组织架构"),
            "org:node_list",
            LEADERS | OFFICE,
            MASTER_DATA,
            "diagram-3",
            order=300,
        ),
        MenuEntry(
            pgettext_lazy("menu", "人员"),
            "org:person_list",
            LEADERS | OFFICE,
            MASTER_DATA,
            "people",
            order=310,
        ),
        MenuEntry(
            pgettext_lazy("menu", "公司设置"),
            "org:company_settings",
            ADMIN_ONLY,
            SETTINGS,
            "sliders",
            order=900,
        ),
        MenuEntry(
            pgettext_lazy("menu", "API 令牌"),
            "org:token_list",
            ALL_ROLES,
            SETTINGS,
            "key",
            order=910,
        ),
    )
