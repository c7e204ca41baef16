"""The tracking panel of the role home pages (``ui.home``, slot "tracking"): a placeholder that
loads its figures through htmx, so the home page itself stays fast."""

from __future__ import annotations


def panels_register() -> None:
    from salestarget.ui.home import HomePanel, home_panel_register

    home_panel_register(HomePanel(slot="tracking", template="tracking/home_panel.html"))
