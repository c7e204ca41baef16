"""No N+1: a page costs the same number of queries whatever the number of rows it shows.

Comparing two runs keeps the tests independent of what other areas add to every page
(context processors, the navbar), which a fixed maximum would not.
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def queries_of(client: Client, url: str, params: dict[str, Any] | None = None) -> int:
    """How many queries one GET of ``url`` costs (after a first, warming GET)."""
    client.get(url, params or {})
    with CaptureQueriesContext(connection) as ctx:
        resp = client.get(url, params or {})
    assert resp.status_code == 200
    return len(ctx)
