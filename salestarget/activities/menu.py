"""The activities pages' menu entries (registered from ``ActivitiesConfig.ready``)."""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from salestarget.org.models import Role
from salestarget.org.roles import LEADERS
from salestarget.ui.menu import MenuEntry, menu_entry_register

SECTION = pgettext_lazy("menu", "销售活动")
# The people who do sales work (finance keeps the books, it does not visit customers).
SALES_ROLES = frozenset({Role.ADMIN, Role.EXECUTIVE, Role.MANAGER, Role.REP})


def menu_register() -> None:
    menu_entry_register(
        MenuEntry(
            pgettext_lazy("menu", "记录活动"),
            "activities:log",
            SALES_ROLES,
            SECTION,
            "pencil-square",
            order=800,
        ),
        MenuEntry(
            pgettext_lazy("menu", "日报周报"),
            "activities:report",
            SALES_ROLES,
            SECTION,
            "journal-check",
            order=810,
        ),
        MenuEntry(
            pgettext_lazy("menu", "团队日报"),
            "activities:team_reports",
            LEADERS,
            SECTION,
            "people",
            order=820,
        ),
        MenuEntry(
            pgettext_lazy("menu", "行动计划"),
            "activities:plans",
            SALES_ROLES,
            SECTION,
            "list-check",
            order=830,
        ),
        MenuEntry(
            pgettext_lazy("menu", "先行指标"),
            "activities:leading",
            SALES_ROLES,
            SECTION,
            "signpost-split",
            order=840,
        ),
    )
