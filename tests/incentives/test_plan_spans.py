"""The spans of a month under each plan are chosen per stretch of days between the offers'
bounds; a property test holds them to the day-by-day choice they replaced."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from salestarget.incentives.models import CommissionPlan
from salestarget.incentives.queries.assignments import PlanSpan, _spans

START = dt.date(2026, 6, 1)
PLANS = [CommissionPlan(pk=i, code=f"p{i}", name=f"p{i}", effective_from=START) for i in (1, 2, 3)]


def day_by_day(offers) -> list[PlanSpan]:
    """The choice the engine made before: each day to the lowest priority, first offered."""
    days: dict[dt.date, tuple[int, CommissionPlan]] = {}
    for lo, hi, rank, plan in offers:
        day = lo
        while day <= hi:
            if day not in days or days[day][0] > rank:
                days[day] = (rank, plan)
            day += dt.timedelta(days=1)
    spans: list[PlanSpan] = []
    for day in sorted(days):
        plan = days[day][1]
        last = spans[-1] if spans else None
        if last and last.plan.pk == plan.pk and last.end + dt.timedelta(days=1) == day:
            spans[-1] = PlanSpan(plan, last.start, day)
        else:
            spans.append(PlanSpan(plan, day, day))
    return spans


offer = st.tuples(
    st.integers(0, 29),
    st.integers(0, 29),
    st.sampled_from([0, 999, 1000, 10_000]),
    st.integers(0, 2),
).map(
    lambda t: (
        START + dt.timedelta(days=min(t[0], t[1])),
        START + dt.timedelta(days=max(t[0], t[1])),
        t[2],
        PLANS[t[3]],
    )
)


@settings(max_examples=300, deadline=None)
@given(st.lists(offer, min_size=1, max_size=6))
def test_stretches_choose_as_the_days_did(offers) -> None:
    assert _spans(offers) == day_by_day(offers)


def test_a_persons_own_plan_wins_over_the_role_in_the_middle_of_the_month() -> None:
    role = (START, START + dt.timedelta(days=29), 10_000, PLANS[0])
    own = (START + dt.timedelta(days=9), START + dt.timedelta(days=19), 0, PLANS[1])
    assert [(s.plan.code, s.start.day, s.end.day) for s in _spans([role, own])] == [
        ("p1", 1, 9),
        ("p2", 10, 20),
        ("p1", 21, 30),
    ]
