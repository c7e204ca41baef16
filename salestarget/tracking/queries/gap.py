"""Gap analysis (差距分析): for a subject, how much of its gap each child unit, person or
member of a dimension contributes, ranked; and, for revenue, the split of the change against
last year into price, volume and mix effects (``core.gap``).

The reference each member is measured against, stated on the page:

- ``targets`` — the members have targets in the plan: their expected-to-date (target × time
  progress; a level target itself);
- ``mix`` — the subject has a target but its members do not: the subject's expected-to-date
  spread over the members by their share of last year's actual in the same days (exactly, to
  the cent, ``core.allocation``);
- ``last_year`` — no target: last year's actual in the same days (the gap is the decline).

Facts credited to the subject but to none of the members shown (someone who left the unit,
a product without a category) form an "other" row, so the members' gaps always add up to the
subject's gap exactly. A ratio metric's gaps do not add up; they are listed without shares.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from salestarget.catalog.models import Product
from salestarget.core.allocation import allocate
from salestarget.core.gap import (
    MixItem,
    PriceVolumeMix,
    gap_contributions,
    price_volume_mix,
)
from salestarget.core.money import to_minor
from salestarget.core.weights import history_weights
from salestarget.org.scoping import Scope
from salestarget.tracking.queries.dashboard import (
    DIMENSIONS,
    Figure,
    breakdown,
    children,
    drop_idle_managers,
    figures,
)
from salestarget.tracking.queries.frame import Frame
from salestarget.tracking.queries.subjects import Subject
from salestarget.tracking.queries.sums import grouped_sums
from salestarget.tracking.queries.uncosted import uncosted_note

OTHER = "__other__"


@dataclass
class GapRow:
    key: str
    label: str
    reference: Decimal
    actual: Decimal
    gap: Decimal
    share: Decimal | None
    drill: str = ""
    has_target: bool = False


@dataclass
class GapAnalysis:
    subject: Subject
    dim: str
    basis: str  # "targets" | "mix" | "last_year"
    reference: Decimal | None
    actual: Decimal | None
    gap: Decimal | None
    rows: list[GapRow]
    additive: bool
    pvm: PriceVolumeMix | None = None
    pvm_labels: dict[str, str] | None = None
    uncosted: Decimal | None = None  # revenue of unknown cost left out of ``actual``

    @property
    def uncosted_note(self) -> str:
        return uncosted_note(self.uncosted)


GAP_DIMENSIONS = ("org", *DIMENSIONS)


def gap_dimensions(subject: Subject) -> tuple[str, ...]:
    """What a subject's gap can be broken down by: a person has no sub-units."""
    return GAP_DIMENSIONS if subject.person is None else DIMENSIONS


def gap_dimension_default(subject: Subject) -> str:
    """The breakdown a gap analysis shows first (the page and the API alike): a unit's by its
    sub-units and people, a person's by product category."""
    return "org" if subject.person is None else "product_category"


def gap_analysis(frame: Frame, subject: Subject, dim: str, scope: Scope) -> GapAnalysis:
    metric = frame.metric
    whole = figures(frame, [subject])[0]
    if dim == "org":
        kids = children(frame, subject, scope)
        members = drop_idle_managers(figures(frame, kids), kids)
    elif dim in DIMENSIONS:
        members = breakdown(frame, subject, dim) or []
    else:
        raise ValueError(f"unknown dimension {dim!r}")
    additive = metric.accumulates
    decimals = frame.progress.decimals
    if (
        whole.result is not None
        and members
        and all(m.result is not None for m in members if m.actual)
    ):
        basis = "targets"
        refs = [m.result.expected_to_date if m.result else Decimal(0) for m in members]
        total_ref = whole.result.expected_to_date
    elif whole.result is not None:
        basis = "mix"
        total_ref = whole.result.expected_to_date
        refs = (
            _spread(total_ref, [m.last_year for m in members], decimals)
            if additive
            else [whole.result.expected_to_date for _m in members]
        )
    else:
        basis = "last_year"
        total_ref = whole.last_year or Decimal(0)
        refs = [m.last_year or Decimal(0) for m in members]
    total_actual = whole.actual or Decimal(0)
    entries: list[tuple[str, Decimal | int, Decimal | int]] = [
        (m.key, ref, m.actual or Decimal(0)) for m, ref in zip(members, refs, strict=True)
    ]
    if additive:
        rest_ref = total_ref - sum(refs, Decimal(0))
        rest_actual = total_actual - sum((m.actual or Decimal(0) for m in members), Decimal(0))
        if rest_ref or rest_actual:
            entries.append((OTHER, rest_ref, rest_actual))
    result = gap_contributions(entries, direction=metric.direction)
    by_key: dict[str, Figure] = {m.key: m for m in members}
    rows = [
        GapRow(
            key=c.key,
            label=by_key[c.key].label if c.key in by_key else "",
            reference=c.reference,
            actual=c.actual,
            gap=c.gap,
            share=c.share if additive else None,
            drill=by_key[c.key].drill if c.key in by_key and dim == "org" else "",
            has_target=c.key in by_key and by_key[c.key].result is not None,
        )
        for c in result.items
    ]
    analysis = GapAnalysis(
        subject=subject,
        dim=dim,
        basis=basis,
        reference=total_ref,
        actual=whole.actual,
        gap=result.gap if additive else None,
        rows=rows,
        additive=additive,
        uncosted=whole.uncosted,
    )
    if metric.code == "revenue" and frame.started:
        analysis.pvm, analysis.pvm_labels = revenue_mix(frame, subject)
    return analysis


def _spread(total: Decimal, history: list[Decimal | None], decimals: int) -> list[Decimal]:
    """``total`` over the members by last year's shares, exactly."""
    if not history:
        return []
    weights = history_weights(history)
    try:
        to_minor(total, decimals)
    except ValueError:
        total = total.quantize(Decimal(1).scaleb(-decimals))
    return list(allocate(total, weights, decimals=decimals).shares)


def revenue_mix(
    frame: Frame, subject: Subject
) -> tuple[PriceVolumeMix, dict[str, str]] | tuple[None, None]:
    """Revenue to date against last year's same days, by product: price, volume and mix."""
    start, day = frame.span
    ly_start, ly_day = frame.last_year_span
    kwargs: dict[str, Any] = {
        "group": "product",
        "node": subject.node,
        "person_id": subject.person.pk if subject.person else None,
        "version": frame.version,
    }
    now = grouped_sums(("amount", "quantity"), start=start, end=day, **kwargs) or {}
    before = grouped_sums(("amount", "quantity"), start=ly_start, end=ly_day, **kwargs) or {}
    keys = sorted(set(now) | set(before), key=lambda k: (k is None, k))
    if not keys:
        return None, None
    zero = {"amount": Decimal(0), "quantity": Decimal(0)}
    items = [
        MixItem(
            key=str(k),
            base_quantity=before.get(k, zero)["quantity"],
            base_revenue=before.get(k, zero)["amount"],
            quantity=now.get(k, zero)["quantity"],
            revenue=now.get(k, zero)["amount"],
        )
        for k in keys
    ]
    names = dict(Product.objects.filter(pk__in=[k for k in keys if k]).values_list("pk", "name"))
    return price_volume_mix(items), {str(k): names.get(k, str(k)) for k in keys}
