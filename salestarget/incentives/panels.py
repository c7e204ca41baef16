"""The rep's expected-commission panel on the home page (registered from AppConfig.ready)."""

from __future__ import annotations

from salestarget.org.models import Role
from salestarget.ui.home import HomePanel, home_panel_register


def panels_register() -> None:
    home_panel_register(
        HomePanel(
            slot="tracking",
            template="incentives/home_panel.html",
            roles=frozenset({Role.REP, Role.MANAGER}),
            order=50,
        )
    )
