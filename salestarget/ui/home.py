"""The panels areas add to the role home pages, without touching the web app's templates:

    home_panel_register(HomePanel(slot="targets", template="targets/home_panel.html",
                                  roles=frozenset({Role.MANAGER, Role.REP})))

(from their ``AppConfig.ready``). ``web`` lays out the slots and reads the panels that fill
them (``web.home.home_slots``); a panel's template gets the home page's context (``scope``,
``person``, ``home_node`` …).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HomePanel:
    slot: str
    template: str
    roles: frozenset[str] | None = None  # None: every role
    order: int = 100

    def shown_to(self, role: str | None) -> bool:
        return role is not None and (self.roles is None or role in self.roles)


_PANELS: list[HomePanel] = []


def home_panel_register(panel: HomePanel) -> None:
    if panel not in _PANELS:
        _PANELS.append(panel)


def home_panels(slot: str, role: str | None) -> list[HomePanel]:
    """The panels filling ``slot`` for ``role``, in their order."""
    return sorted(
        (p for p in _PANELS if p.slot == slot and p.shown_to(role)), key=lambda p: p.order
    )
