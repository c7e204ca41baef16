"""Panels of the home pages. Areas add theirs without touching the web app's templates:

    home_panel_register(HomePanel(slot="targets", template="targets/home_panel.html",
                                  roles=frozenset({Role.MANAGER, Role.REP})))

(from their ``AppConfig.ready``). A panel's template gets the home page's context (``scope``,
``person``, ``home_node`` …). A slot nobody fills yet shows a placeholder saying what will
appear there.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from salestarget.org.models import Role

ALL_ROLES = frozenset(Role.values)


@dataclass(frozen=True)
class HomePanel:
    slot: str
    template: str
    roles: frozenset[str] = ALL_ROLES
    order: int = 100


@dataclass(frozen=True)
class HomeSlot:
    name: str
    title: Promise
    placeholder: Promise | None  # None: nothing shows while no panel fills the slot
    icon: str


# The slots every role's home page shows, in order.
SLOTS: list[HomeSlot] = [
    HomeSlot("setup", _("开始使用"), None, "list-check"),
    HomeSlot(
        "targets",
        _("目标"),
        _("目标制定与分解上线后，这里显示你负责的目标、草案和待审批事项。"),
        "bullseye",
    ),
    HomeSlot(
        "tracking",
        _("进度跟踪"),
        _("录入销售数据后，这里显示完成率、时间进度和差距。"),
        "graph-up-arrow",
    ),
]

_PANELS: list[HomePanel] = []


def home_panel_register(panel: HomePanel) -> None:
    if panel not in _PANELS:
        _PANELS.append(panel)


def home_slots(role: str | None) -> list[dict[str, object]]:
    """Each slot with the templates of the panels that fill it for ``role``."""
    slots = []
    for slot in SLOTS:
        panels = sorted(
            (p for p in _PANELS if p.slot == slot.name and role in p.roles),
            key=lambda p: p.order,
        )
        if panels or slot.placeholder is not None:
            slots.append({"slot": slot, "templates": [p.template for p in panels]})
    return slots
