"""The main menu: each entry names the roles that see it. Apps add their pages here."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from salestarget.org.models import Role
from salestarget.targets import menu as targets_menu
from salestarget.tracking import menu as tracking_menu

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
    NavItem(pgettext_lazy("menu", "首页"), "home", ALL_ROLES, icon="house"),
    NavItem(targets_menu.PLANS, "targets:plan_list", ALL_ROLES, targets_menu.SECTION, "bullseye"),
    NavItem(
        targets_menu.MINE, "targets:my_targets", ALL_ROLES, targets_menu.SECTION, "person-check"
    ),
    NavItem(
        targets_menu.APPROVALS, "targets:approvals", LEADERS, targets_menu.SECTION, "check2-square"
    ),
    NavItem(
        targets_menu.ADJUSTMENTS,
        "targets:adjustment_list",
        LEADERS | OFFICE,
        targets_menu.SECTION,
        "sliders2",
    ),
    NavItem(
        targets_menu.STEPS,
        "targets:steps",
        LEADERS | OFFICE,
        targets_menu.SECTION,
        "calendar-check",
    ),
    NavItem(
        tracking_menu.DASHBOARD,
        "tracking:dashboard",
        ALL_ROLES,
        tracking_menu.SECTION,
        "speedometer2",
    ),
    NavItem(tracking_menu.TREE, "tracking:tree", ALL_ROLES, tracking_menu.SECTION, "diagram-2"),
    NavItem(
        tracking_menu.LEADERBOARD,
        "tracking:leaderboard",
        ALL_ROLES,
        tracking_menu.SECTION,
        "trophy",
    ),
    NavItem(
        tracking_menu.BATTLE, "tracking:battle", LEADERS | OFFICE, tracking_menu.SECTION, "flag"
    ),
    NavItem(
        tracking_menu.REPORTS,
        "tracking:report",
        LEADERS | OFFICE,
        tracking_menu.SECTION,
        "file-text",
    ),
    NavItem(tracking_menu.NEWS, "tracking:news", ALL_ROLES, tracking_menu.SECTION, "megaphone"),
    NavItem(tracking_menu.GAP, "tracking:gap", ALL_ROLES, tracking_menu.SECTION, "bar-chart-steps"),
    NavItem(
        pgettext_lazy("menu", "组织架构"),
        "org:node_list",
        LEADERS | OFFICE,
        _("主数据"),
        "diagram-3",
    ),
    NavItem(
        pgettext_lazy("menu", "人员"), "org:person_list", LEADERS | OFFICE, _("主数据"), "people"
    ),
    NavItem(pgettext_lazy("menu", "产品"), "catalog:product_list", ALL_ROLES, _("主数据"), "box"),
    NavItem(
        pgettext_lazy("menu", "区域"), "catalog:region_list", ALL_ROLES, _("主数据"), "geo-alt"
    ),
    NavItem(
        pgettext_lazy("menu", "客户"),
        "catalog:customer_list",
        ALL_ROLES,
        _("主数据"),
        "person-vcard",
    ),
    NavItem(
        pgettext_lazy("menu", "客户类型"), "catalog:customertype_list", OFFICE, _("主数据"), "tags"
    ),
    NavItem(
        pgettext_lazy("menu", "渠道"), "catalog:channel_list", OFFICE, _("主数据"), "signpost-split"
    ),
    NavItem(
        pgettext_lazy("menu", "工作日历"), "catalog:calendar", ALL_ROLES, _("主数据"), "calendar3"
    ),
    NavItem(
        pgettext_lazy("menu", "导入主数据"), "catalog:import", OFFICE, _("主数据"), "cloud-upload"
    ),
    NavItem(
        pgettext_lazy("menu", "实际数据"), "actuals:fact_list", ALL_ROLES, _("实际数据"), "receipt"
    ),
    NavItem(
        pgettext_lazy("menu", "导入数据"), "actuals:import_upload", OFFICE, _("实际数据"), "upload"
    ),
    NavItem(
        pgettext_lazy("menu", "公司设置"), "org:company_settings", ADMIN_ONLY, _("设置"), "sliders"
    ),
    NavItem(pgettext_lazy("menu", "API 令牌"), "org:token_list", ALL_ROLES, _("设置"), "key"),
]


def menu_for(role: str | None) -> list[NavItem]:
    return [item for item in MENU if role is not None and role in item.roles]
