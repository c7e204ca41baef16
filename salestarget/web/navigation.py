"""The main menu: each entry names the roles that see it. Apps add their pages here."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from salestarget.org.models import Role

ALL_ROLES = frozenset(Role.values)
LEADERS = frozenset({Role.ADMIN, Role.EXECUTIVE, Role.MANAGER})
OFFICE = frozenset({Role.ADMIN, Role.FINANCE})
ADMIN_ONLY = frozenset({Role.ADMIN})


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    roles: frozenset[str]
    section: str | Promise = ""
    icon: str = ""


# Order is menu order. Sections group entries under a dropdown.
MENU: list[NavItem] = [
    NavItem(_("首页"), "home", ALL_ROLES, icon="house"),
    NavItem(_("组织架构"), "org:node_list", LEADERS | OFFICE, _("主数据"), "diagram-3"),
    NavItem(_("人员"), "org:person_list", LEADERS | OFFICE, _("主数据"), "people"),
    NavItem(_("产品"), "catalog:product_list", ALL_ROLES, _("主数据"), "box"),
    NavItem(_("区域"), "catalog:region_list", ALL_ROLES, _("主数据"), "geo-alt"),
    NavItem(_("客户"), "catalog:customer_list", ALL_ROLES, _("主数据"), "person-vcard"),
    NavItem(_("客户类型"), "catalog:customertype_list", OFFICE, _("主数据"), "tags"),
    NavItem(_("渠道"), "catalog:channel_list", OFFICE, _("主数据"), "signpost-split"),
    NavItem(_("工作日历"), "catalog:calendar", ALL_ROLES, _("主数据"), "calendar3"),
    NavItem(_("公司设置"), "org:company_settings", ADMIN_ONLY, _("设置"), "sliders"),
    NavItem(_("API 令牌"), "org:token_list", ALL_ROLES, _("设置"), "key"),
]


def menu_for(role: str | None) -> list[NavItem]:
    return [item for item in MENU if role is not None and role in item.roles]
