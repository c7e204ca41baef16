"""Metrics (目标指标): what a target measures, how its actual is computed from fact sums and
how it rolls up the tree.

The apps reduce recorded facts to named sums per node and period (``amount``, ``cost`` …, see
FACTS); a metric turns those sums into its value. Rolling up means adding the children's
*sums* and evaluating again, so a ratio is always a ratio of sums, never an average of the
children's ratios. Percent metrics are fractions: 0.085 means 8.5%.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from salestarget.core.formula import Formula, FormulaError, parse_formula
from salestarget.core.money import DECIMAL_CONTEXT


class Unit(StrEnum):
    MONEY = "money"
    COUNT = "count"
    PERCENT = "percent"  # stored and computed as a fraction; shown ×100
    SCORE = "score"


class Direction(StrEnum):
    HIGHER_IS_BETTER = "higher"
    LOWER_IS_BETTER = "lower"  # 费用率, 退货率, cost budgets


class Aggregation(StrEnum):
    SUM = "sum"  # adds up across children and over time
    RATIO = "ratio"  # ratio of sums
    COUNT_DISTINCT = "count_distinct"  # distinct entities: recount at each node
    WEIGHTED_MEAN = "weighted_mean"  # sum of weighted values / sum of weights


@dataclass(frozen=True)
class Fact:
    """A named sum the actuals app provides per node and period."""

    name: str
    description: str
    additive: bool = True  # False: a child's figures cannot simply be added (distinct counts)


@dataclass(frozen=True)
class ActivityCount:
    """A count of done activities (拜访, 电话 …) the rollups keep per person and day: a fact
    and a built-in metric of the same name, so an activity target is split, tracked and
    alerted like a revenue target."""

    fact: str
    name: str
    name_en: str
    description: str
    metric: bool = True  # False: a fact only (read by conversion rates), not a target metric


ACTIVITY_COUNTS: tuple[ActivityCount, ...] = (
    ActivityCount("visits", "拜访次数", "Visits", "visits done (拜访)"),
    ActivityCount(
        "new_customer_visits",
        "新客户拜访",
        "Visits to new customers",
        "visits done to a lead or a customer without a purchase before the visit",
    ),
    ActivityCount("calls", "电话次数", "Calls", "calls made"),
    ActivityCount("emails", "邮件次数", "E-mails", "e-mails sent"),
    ActivityCount("demos", "演示次数", "Demos", "demos and presentations given"),
    ActivityCount("events", "展会活动", "Events", "events and trade shows attended (展会)"),
    ActivityCount("followups", "跟进次数", "Follow-ups", "lead follow-ups (跟进)"),
    ActivityCount("new_leads", "新线索", "New leads", "new leads recorded"),
    ActivityCount(
        "activity_opportunities",
        "产生商机的活动",
        "Activities that opened an opportunity",
        "activities done whose outcome was an opportunity or a deal",
        metric=False,
    ),
)

FACTS: dict[str, Fact] = {
    f.name: f
    for f in (
        Fact("amount", "sales line amounts, returns as negative lines (净销售额)"),
        Fact("gross_amount", "sales line amounts before returns (gross sold)"),
        Fact("returned_amount", "amount of returned goods, as a positive number"),
        Fact("quantity", "sales line quantities, returns negative"),
        Fact("cost", "cost of the goods on the sales lines whose cost is known"),
        Fact(
            "uncosted_amount",
            "amount of the sales lines whose cost is unknown (no cost, profit, margin or "
            "standard cost): gross profit leaves it out instead of counting it as 100% margin",
        ),
        Fact("expense", "recorded sales expenses"),
        Fact("payment", "payments received (回款)"),
        Fact("market_size", "market size entered for the region and period"),
        Fact("survey_score_sum", "sum of customer survey scores"),
        Fact("survey_count", "number of customer survey answers"),
        Fact("won", "opportunities won"),
        Fact("closed", "opportunities closed, won or lost"),
        Fact("acquisition_spend", "spend on acquiring customers"),
        Fact(
            "new_customers",
            "distinct customers whose first purchase falls in the period",
            additive=False,
        ),
        *(Fact(a.fact, a.description) for a in ACTIVITY_COUNTS),
    )
}


@dataclass(frozen=True)
class MetricDefinition:
    """One metric. Give either ``numerator`` (and ``denominator`` for a ratio or weighted
    mean), or a ``formula`` over fact names; a SUM formula must add up (be linear).

    ``accumulates`` tells tracking how to read a target: a SUM or COUNT_DISTINCT target is
    reached gradually over the period (expected-to-date = target × time progress); a RATIO or
    WEIGHTED_MEAN target is a level to hold all along (expected-to-date = the target).
    """

    code: str
    name: str
    unit: Unit
    direction: Direction
    aggregation: Aggregation
    numerator: str | None = None
    denominator: str | None = None
    formula: str | None = None
    name_en: str = ""
    parsed: Formula | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for attr, enum in (("unit", Unit), ("direction", Direction), ("aggregation", Aggregation)):
            object.__setattr__(self, attr, enum(getattr(self, attr)))
        if self.formula is not None:
            self._check_formula(self.formula)
        else:
            self._check_fact_names()

    def _check_formula(self, text: str) -> None:
        if self.numerator or self.denominator:
            raise ValueError(
                f"metric {self.code}: give a formula or numerator/denominator, not both"
            )
        if self.aggregation is Aggregation.COUNT_DISTINCT:
            raise ValueError(
                f"metric {self.code}: a count-distinct metric names one fact, not a formula"
            )
        formula = parse_formula(text, allowed_names=FACTS)
        if self.aggregation is Aggregation.SUM and not formula.is_additive:
            raise FormulaError(
                text,
                0,
                f"metric {self.code}: {text!r} does not add up across "
                "children, so it cannot aggregate as a sum; use 'ratio'",
            )
        object.__setattr__(self, "parsed", formula)

    def _check_fact_names(self) -> None:
        needs_denominator = self.aggregation in (Aggregation.RATIO, Aggregation.WEIGHTED_MEAN)
        if not self.numerator:
            raise ValueError(
                f"metric {self.code}: a {self.aggregation} metric needs a "
                "numerator fact or a formula"
            )
        if needs_denominator != bool(self.denominator):
            raise ValueError(
                f"metric {self.code}: a {self.aggregation} metric "
                + ("needs" if needs_denominator else "takes no")
                + " denominator"
            )
        for name in (self.numerator, self.denominator):
            if name is not None and name not in FACTS:
                raise ValueError(
                    f"metric {self.code}: unknown fact {name!r}; known facts: "
                    f"{', '.join(sorted(FACTS))}"
                )

    @property
    def fact_names(self) -> frozenset[str]:
        """The fact sums this metric reads."""
        if self.parsed is not None:
            return self.parsed.names
        return frozenset(n for n in (self.numerator, self.denominator) if n)

    @property
    def accumulates(self) -> bool:
        return self.aggregation in (Aggregation.SUM, Aggregation.COUNT_DISTINCT)

    @property
    def is_ratio(self) -> bool:
        return not self.accumulates


def evaluate(metric: MetricDefinition, sums: Mapping[str, Decimal]) -> Decimal | None:
    """The metric's value from one node's fact sums; a missing sum counts as 0.

    None when a denominator is zero (no sales yet, no surveys yet): there is no value,
    which is not the same as a value of 0.
    """
    if metric.parsed is not None:
        return metric.parsed.evaluate(sums)
    assert metric.numerator is not None  # guaranteed by MetricDefinition
    numerator = Decimal(sums.get(metric.numerator, Decimal(0)))
    if metric.denominator is None:
        return numerator
    denominator = Decimal(sums.get(metric.denominator, Decimal(0)))
    if not denominator:
        return None
    return DECIMAL_CONTEXT.divide(numerator, denominator)


def rollup_sums(
    metric: MetricDefinition,
    children: Iterable[Mapping[str, Decimal]],
    *,
    disjoint: bool = False,
) -> dict[str, Decimal]:
    """The parent's fact sums from its children's: evaluate the result to get the parent's
    value (a ratio of sums, never an average of ratios).

    A distinct count (``new_customers``) only adds up when no entity is counted under two
    children; pass ``disjoint=True`` to say so, otherwise recount at the parent.
    """
    names = sorted(metric.fact_names)
    shared = [n for n in names if not FACTS[n].additive]
    if shared and not disjoint:
        raise ValueError(
            f"metric {metric.code}: {', '.join(shared)} is a distinct count and "
            "does not add up across children; recount it at the parent, or pass "
            "disjoint=True if no entity appears under two children"
        )
    totals = {name: Decimal(0) for name in names}
    for child in children:
        for name in names:
            totals[name] = DECIMAL_CONTEXT.add(totals[name], Decimal(child.get(name, 0)))
    return totals


class Tone(StrEnum):
    """What a change or a gap means for the business, whatever its sign."""

    GOOD = "good"
    BAD = "bad"
    FLAT = "flat"


def change_tone(direction: Direction | str, change: Decimal | None) -> Tone:
    """Good news or bad: a rise is good for a higher-is-better metric (revenue) and bad for
    a lower-is-better one (费用率, 退货率); no change, or none known, is flat."""
    if change is None or not change:
        return Tone.FLAT
    rising = change > 0
    good = rising if Direction(direction) is Direction.HIGHER_IS_BETTER else not rising
    return Tone.GOOD if good else Tone.BAD


def change_arrow(change: Decimal | None) -> str:
    """The arrow of a change: it points the way the figure moved (↓ for a falling 费用率, which
    is good news shown in the good colour), never the way the news is."""
    if change is None or not change:
        return "→"
    return "↑" if change > 0 else "↓"


@dataclass(frozen=True)
class Change:
    """A metric's change from a reference (last year, last week) to now, as pages read it.

    ``amount`` is a relative change (0.05 = +5%) for amounts and counts, and a change in
    percentage points for percent metrics (6.52% → 6.43% is −0.09 pp, ``amount`` −0.09): a
    relative change of a ratio (−1.4%) reads as if the ratio itself had moved by that much.
    """

    amount: Decimal | None
    in_points: bool
    tone: Tone
    arrow: str


def metric_change(
    metric: MetricDefinition, *, value: Decimal | None, reference: Decimal | None
) -> Change:
    """How ``metric`` moved from ``reference`` to ``value``; ``amount`` None when either is
    unknown, or (for a relative change) when the reference is 0."""
    in_points = metric.unit is Unit.PERCENT
    amount: Decimal | None = None
    if value is not None and reference is not None:
        if in_points:
            amount = DECIMAL_CONTEXT.multiply(
                DECIMAL_CONTEXT.subtract(Decimal(value), Decimal(reference)), Decimal(100)
            )
        elif reference:
            amount = DECIMAL_CONTEXT.divide(
                DECIMAL_CONTEXT.subtract(Decimal(value), Decimal(reference)),
                abs(Decimal(reference)),
            )
    return Change(
        amount=amount,
        in_points=in_points,
        tone=change_tone(metric.direction, amount),
        arrow=change_arrow(amount),
    )


def _builtin(*metrics: MetricDefinition) -> dict[str, MetricDefinition]:
    return {m.code: m for m in metrics}


_H, _L = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER

BUILTIN_METRICS: dict[str, MetricDefinition] = _builtin(
    MetricDefinition(
        "revenue", "销售额", Unit.MONEY, _H, Aggregation.SUM, "amount", name_en="Revenue"
    ),
    MetricDefinition(
        "quantity", "销售量", Unit.COUNT, _H, Aggregation.SUM, "quantity", name_en="Quantity"
    ),
    MetricDefinition(
        "gross_profit",
        "销售利润",
        Unit.MONEY,
        _H,
        Aggregation.SUM,
        formula="amount - uncosted_amount - cost",
        name_en="Gross profit",
    ),
    MetricDefinition(
        "expenses", "销售费用", Unit.MONEY, _L, Aggregation.SUM, "expense", name_en="Sales expenses"
    ),
    MetricDefinition(
        "expense_rate",
        "销售费用率",
        Unit.PERCENT,
        _L,
        Aggregation.RATIO,
        "expense",
        "amount",
        name_en="Expense rate",
    ),
    MetricDefinition(
        "new_customers",
        "新客户数",
        Unit.COUNT,
        _H,
        Aggregation.COUNT_DISTINCT,
        "new_customers",
        name_en="New customers",
    ),
    MetricDefinition(
        "collections", "回款", Unit.MONEY, _H, Aggregation.SUM, "payment", name_en="Collections"
    ),
    MetricDefinition(
        "market_share",
        "市场占有率",
        Unit.PERCENT,
        _H,
        Aggregation.RATIO,
        "amount",
        "market_size",
        name_en="Market share",
    ),
    MetricDefinition(
        "satisfaction",
        "客户满意度",
        Unit.SCORE,
        _H,
        Aggregation.WEIGHTED_MEAN,
        "survey_score_sum",
        "survey_count",
        name_en="Customer satisfaction",
    ),
    MetricDefinition(
        "conversion_rate",
        "转化率",
        Unit.PERCENT,
        _H,
        Aggregation.RATIO,
        "won",
        "closed",
        name_en="Conversion rate",
    ),
    MetricDefinition(
        "return_rate",
        "退货率",
        Unit.PERCENT,
        _L,
        Aggregation.RATIO,
        "returned_amount",
        "gross_amount",
        name_en="Return rate",
    ),
    MetricDefinition(
        "cac",
        "获客成本",
        Unit.MONEY,
        _L,
        Aggregation.RATIO,
        "acquisition_spend",
        "new_customers",
        name_en="Customer acquisition cost",
    ),
    *(
        MetricDefinition(a.fact, a.name, Unit.COUNT, _H, Aggregation.SUM, a.fact, name_en=a.name_en)
        for a in ACTIVITY_COUNTS
        if a.metric
    ),
)
