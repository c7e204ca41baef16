"""The forecasting pages' menu entries (registered from ``ForecastingConfig.ready``)."""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from salestarget.org.models import Role
from salestarget.org.roles import ALL_ROLES, LEADERS, OFFICE
from salestarget.ui.menu import MenuEntry, menu_entry_register

SECTION = pgettext_lazy("menu", "预测")
# Those who submit a forecast of their own: people in a unit who sell or lead sellers.
SUBMITTERS = frozenset({Role.REP, Role.MANAGER, Role.EXECUTIVE})
# Those who plan targets (``Scope.can_plan``) model quota scenarios.
PLANNERS = frozenset({Role.MANAGER, Role.EXECUTIVE, Role.ADMIN})


def menu_register() -> None:
    menu_entry_register(
        MenuEntry(
            pgettext_lazy("menu", "目标展望"),
            "forecasting:outlook",
            ALL_ROLES,
            SECTION,
            "graph-up",
            order=700,
        ),
        MenuEntry(
            pgettext_lazy("menu", "预测提报"),
            "forecasting:submit",
            SUBMITTERS,
            SECTION,
            "send-check",
            order=710,
        ),
        MenuEntry(
            pgettext_lazy("menu", "团队预测汇总"),
            "forecasting:team",
            LEADERS,
            SECTION,
            "people",
            order=720,
        ),
        MenuEntry(
            pgettext_lazy("menu", "目标建议"),
            "forecasting:proposals",
            LEADERS | OFFICE,
            SECTION,
            "lightbulb",
            order=730,
        ),
        MenuEntry(
            pgettext_lazy("menu", "配额方案"),
            "forecasting:scenarios",
            PLANNERS,
            SECTION,
            "sliders",
            order=740,
        ),
        MenuEntry(
            pgettext_lazy("menu", "客户分析"),
            "forecasting:customers",
            LEADERS | OFFICE,
            SECTION,
            "people-fill",
            order=750,
        ),
        MenuEntry(
            pgettext_lazy("menu", "客户价值趋势"),
            "forecasting:customer_value",
            LEADERS | OFFICE,
            SECTION,
            "gem",
            order=760,
        ),
        MenuEntry(
            pgettext_lazy("menu", "阶段转化"),
            "forecasting:conversion",
            LEADERS | OFFICE,
            SECTION,
            "funnel",
            order=770,
        ),
    )
