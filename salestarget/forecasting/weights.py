"""How much of an open opportunity a category counts (stated on the pages)."""

from __future__ import annotations

from decimal import Decimal

from salestarget.forecasting.models import Category

# A rep's commit closes nine times in ten, best case half the time, the rest of the pipeline
# one time in five; an opportunity nobody has categorised counts as pipeline.
CATEGORY_WEIGHTS: dict[str, Decimal] = {
    Category.COMMIT: Decimal("0.9"),
    Category.BEST_CASE: Decimal("0.5"),
    Category.PIPELINE: Decimal("0.2"),
    Category.OMITTED: Decimal(0),
}
