"""The outlook panel of the role home pages (``ui.home``, slot "tracking", after tracking's
run-rate panel): a placeholder that loads its figures through htmx."""

from __future__ import annotations

from salestarget.ui.home import HomePanel, home_panel_register


def panels_register() -> None:
    home_panel_register(
        HomePanel(slot="tracking", template="forecasting/home_panel.html", order=200)
    )
