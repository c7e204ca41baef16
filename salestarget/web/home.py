"""The slots of the home pages, in order. Areas fill them with panels they register in
``ui.home`` (``home_panel_register``); a slot nobody fills yet shows a placeholder saying
what will appear there.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from salestarget.ui.home import home_panels


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
        pgettext_lazy("section", "目标"),
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


# A rep acts on their month: their progress comes first, on the first screen of a phone.
FIRST_FOR_ROLE = {"rep": "tracking"}


def home_slots(role: str | None) -> list[dict[str, object]]:
    """Each slot with the templates of the panels that fill it for ``role``."""
    first = FIRST_FOR_ROLE.get(role or "")
    ordered = sorted(SLOTS, key=lambda s: s.name != first) if first else SLOTS
    slots = []
    for slot in ordered:
        panels = home_panels(slot.name, role)
        if panels or slot.placeholder is not None:
            slots.append({"slot": slot, "templates": [p.template for p in panels]})
    return slots
