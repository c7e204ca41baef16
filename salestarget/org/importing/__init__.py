"""The organisation from files and API batches: org nodes (a tree, parents anywhere in the
file) and people (created or updated, placed in their node from a date, optionally with a
login). The rules are those of ``org.services`` (only an admin sets roles and logins, a node
must be active and in the caller's scope, history is never rewritten: a move closes the
current membership the day it starts the new one), applied column-wise to the whole file."""

from __future__ import annotations


def kinds_register() -> None:
    """Make the org's kinds importable (called when the app is ready)."""
    from salestarget.importing.kinds import kind_register
    from salestarget.org.importing.nodes import ORG_NODES
    from salestarget.org.importing.people import PEOPLE

    kind_register(ORG_NODES)
    kind_register(PEOPLE)
