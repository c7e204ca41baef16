"""The main menu, filled by the apps: each registers its entries from its ``AppConfig.ready``
(or a ``menu`` module it calls there) and ``web`` shows the entries a role may see:

    menu_entry_register(
        MenuEntry(MY_LABEL, "incentives:statement", ALL_ROLES, SECTION, "cash-coin", order=520),
    )

``order`` is the place in the menu, across apps (bands in docs/engineering.md); entries of one
``section`` sit next to each other and show under one dropdown ("" stands alone).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class MenuEntry:
    label: str | Promise
    url_name: str
    roles: frozenset[str]
    section: str | Promise = ""
    icon: str = ""
    order: int = 0


_ENTRIES: list[MenuEntry] = []


def menu_entry_register(*entries: MenuEntry) -> None:
    """Add entries to the menu; registering one twice (a second ``ready``) keeps one."""
    for entry in entries:
        if entry not in _ENTRIES:
            _ENTRIES.append(entry)


def menu_entries() -> list[MenuEntry]:
    """Every registered entry in menu order (by ``order``, then as registered)."""
    return sorted(_ENTRIES, key=lambda entry: entry.order)


def menu_for(role: str | None) -> list[MenuEntry]:
    """The entries ``role`` sees, in menu order; nothing without a role."""
    return [entry for entry in menu_entries() if role is not None and role in entry.roles]
