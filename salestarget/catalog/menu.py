"""The catalog's menu entries, under master data after the org's (registered from
``CatalogConfig.ready``)."""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from salestarget.org.menu import MASTER_DATA
from salestarget.org.roles import ALL_ROLES, OFFICE
from salestarget.ui.menu import MenuEntry, menu_entry_register


def menu_register() -> None:
    menu_entry_register(
        MenuEntry(
            pgettext_lazy("menu", "产品"),
            "catalog:product_list",
            ALL_ROLES,
            MASTER_DATA,
            "box",
            order=320,
        ),
        MenuEntry(
            pgettext_lazy("menu", "区域"),
            "catalog:region_list",
            ALL_ROLES,
            MASTER_DATA,
            "geo-alt",
            order=330,
        ),
        MenuEntry(
            pgettext_lazy("menu", "客户"),
            "catalog:customer_list",
            ALL_ROLES,
            MASTER_DATA,
            "person-vcard",
            order=340,
        ),
        MenuEntry(
            pgettext_lazy("menu", "客户类型"),
            "catalog:customertype_list",
            OFFICE,
            MASTER_DATA,
            "tags",
            order=350,
        ),
        MenuEntry(
            pgettext_lazy("menu", "渠道"),
            "catalog:channel_list",
            OFFICE,
            MASTER_DATA,
            "signpost-split",
            order=360,
        ),
        MenuEntry(
            pgettext_lazy("menu", "工作日历"),
            "catalog:calendar",
            ALL_ROLES,
            MASTER_DATA,
            "calendar3",
            order=370,
        ),
        MenuEntry(
            pgettext_lazy("menu", "导入主数据"),
            "catalog:import",
            OFFICE,
            MASTER_DATA,
            "cloud-upload",
            order=380,
        ),
    )
