"""Whether a company is already loaded: cheap to import (no NumPy), for ``demo --if-empty``."""

from __future__ import annotations

from salestarget.org.models import OrgNode


def demo_present() -> bool:
    """Whether the database already holds a company (the demo or anyone else's)."""
    return OrgNode.objects.exists()
