"""The targets panel of the role home pages (``ui.home``, slot "targets"). Registered from
here, not from the view that fills it: ``ready()`` must not import the views and what they
read (numpy through the decomposition), or every command pays for them when it starts."""

from __future__ import annotations

from salestarget.ui.home import HomePanel, home_panel_register


def panels_register() -> None:
    home_panel_register(HomePanel(slot="targets", template="targets/home_panel.html"))
