"""Writes to master data that needs more than a form save."""

from __future__ import annotations

from salestarget.catalog.models import Region
from salestarget.trees import tree_node_save


def region_save(*, region: Region) -> Region:
    """Create or update a region, keeping the materialised paths of its subtree."""
    return tree_node_save(region)
