"""Which stored series a target's forecast comes from (``key_of``), and the key of a series:
its kind, node, person, and the product line, a dimension's member or a cell's grain code."""

from __future__ import annotations

from salestarget.forecasting.models import DIMENSION_KINDS, SeriesKind
from salestarget.forecasting.series_cells import grain_code, grain_of

SeriesKey = tuple[str, int | None, int | None, int | str | None]


def key_of(target: object) -> SeriesKey | None:
    """The series a target's forecast comes from: a person, a node's subtree, a node's
    product line, a node's region, channel or customer type (one of them), or for any other
    coordinates (a product, a product category, a person with a dimension, two dimensions)
    the target's own grain (a ``cell``); None for a target naming nothing."""
    grain = grain_of(target)
    if not any(grain):
        return None
    cell = (SeriesKind.CELL.value, grain[0], grain[1], grain_code(grain))
    if any(getattr(target, f"{d}_id", None) for d in ("product_category", "product")):
        return cell
    person = getattr(target, "person_id", None)
    node = getattr(target, "node_id", None)
    line = getattr(target, "product_line_id", None)
    members = {
        dim: value for dim in DIMENSION_KINDS if (value := getattr(target, f"{dim}_id", None))
    }
    if members:
        if person or line or not node or len(members) > 1:
            return cell
        ((dim, value),) = members.items()
        return (DIMENSION_KINDS[dim].value, node, None, value)
    if person and not line:
        return (SeriesKind.PERSON.value, None, person, None)
    if node and line and not person:
        return (SeriesKind.NODE_LINE.value, node, None, line)
    if node and not person:
        return (SeriesKind.NODE.value, node, None, None)
    return cell
