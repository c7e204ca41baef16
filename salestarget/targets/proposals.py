"""Proposing a plan's top figure (目标设定方法): last period × growth (历史分析法), market
capacity × target share (市场容量法), a competitor's figure × the ratio aimed at (竞争对比法).

Inputs are Decimals typed by the user; results are rounded half-up to the target's decimals.
"""

from __future__ import annotations

from decimal import Decimal

from salestarget.core.money import DECIMAL_CONTEXT, quantize

HUNDRED = Decimal(100)


def _pct(value: Decimal) -> Decimal:
    return DECIMAL_CONTEXT.divide(value, HUNDRED)


def propose_from_history(*, last_actual: Decimal, growth_pct: Decimal, decimals: int) -> Decimal:
    factor = DECIMAL_CONTEXT.add(Decimal(1), _pct(growth_pct))
    return quantize(DECIMAL_CONTEXT.multiply(last_actual, factor), decimals)


def propose_from_market(*, capacity: Decimal, share_pct: Decimal, decimals: int) -> Decimal:
    return quantize(DECIMAL_CONTEXT.multiply(capacity, _pct(share_pct)), decimals)


def propose_from_competitor(
    *, competitor_value: Decimal, ratio_pct: Decimal, decimals: int
) -> Decimal:
    return quantize(DECIMAL_CONTEXT.multiply(competitor_value, _pct(ratio_pct)), decimals)


def implied_growth(value: Decimal, reference: Decimal | None) -> Decimal | None:
    """``value / reference − 1``; None without a positive reference."""
    if reference is None or reference <= 0:
        return None
    return DECIMAL_CONTEXT.subtract(DECIMAL_CONTEXT.divide(value, reference), Decimal(1))


def linear_trend_next(values: list[Decimal], *, ahead: int = 1) -> Decimal | None:
    """The point ``ahead`` steps after the last of the least-squares line through equally
    spaced ``values`` (2: the one after next, when the next is not complete yet)."""
    if len(values) < 2:
        return None
    n = Decimal(len(values))
    xs = [Decimal(i) for i in range(len(values))]
    mean_x = DECIMAL_CONTEXT.divide(sum(xs, Decimal(0)), n)
    mean_y = DECIMAL_CONTEXT.divide(sum(values, Decimal(0)), n)
    sxx = sum(((x - mean_x) ** 2 for x in xs), Decimal(0))
    sxy = sum(((x - mean_x) * (y - mean_y) for x, y in zip(xs, values, strict=True)), Decimal(0))
    slope = DECIMAL_CONTEXT.divide(sxy, sxx)
    return mean_y + slope * (n - 1 + ahead - mean_x)
