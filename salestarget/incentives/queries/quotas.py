"""Quotas from the people's targets: the value, base (保底) or challenge (挑战) figure of the
person's own target on the measure for the period (no product, region, customer type or
channel slice), from the newest approved or locked plan. One query per component and
period; a base or challenge figure that was never set falls back to the target value."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from salestarget.incentives.models import QuotaSource
from salestarget.targets.models import Status, Target


def target_quotas(
    *, metric: str, periods: Iterable[str], person_ids: Iterable[int], source: str
) -> dict[int, Decimal]:
    """``{person: quota}``: the sum over ``periods`` (one period, or the months of a
    year-to-date) of each person's target figure."""
    column = {
        QuotaSource.BASE: "base_value",
        QuotaSource.CHALLENGE: "challenge_value",
    }.get(QuotaSource(source), "value")
    rows = (
        Target.objects.filter(
            metric=metric,
            period__in=list(periods),
            person_id__in=list(person_ids),
            plan__status__in=[Status.APPROVED, Status.LOCKED],
            product_category__isnull=True,
            product_line__isnull=True,
            product__isnull=True,
            region__isnull=True,
            customer_type__isnull=True,
            channel__isnull=True,
        )
        .order_by("person_id", "period", "-plan_id")
        .values_list("person_id", "period", "value", column)
    )
    chosen: dict[tuple[int, str], Decimal] = {}
    for person_id, period, value, figure in rows:
        # The newest plan comes first for each person and period; older plans are ignored.
        chosen.setdefault((person_id, period), figure if figure is not None else value)
    quotas: dict[int, Decimal] = {}
    for (person_id, _period), figure in chosen.items():
        quotas[person_id] = quotas.get(person_id, Decimal(0)) + figure
    return quotas
