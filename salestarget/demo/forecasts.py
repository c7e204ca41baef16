"""The demo's forecast submissions: the two story reps (rep_001, rep_029) call November 2026
in each of its last three weeks, and 北京组's lead rolls the team up with an adjustment. The
forecasts themselves are computed by the forecasting task the demo's rollup rebuild enqueues
(``salestarget start`` runs the worker)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Sum

from salestarget.actuals.models import Opportunity, OpportunityStage, SalesMonthly
from salestarget.demo.scales import DEMO_END
from salestarget.forecasting.models import Category, OpportunityCall, Submission
from salestarget.forecasting.services.submissions import week_of
from salestarget.org.models import Membership, Person

# (login, commit as a share of their November last year, best case share)
CALLS = (
    ("rep_001", Decimal("1.15"), Decimal("1.35")),
    ("rep_029", Decimal("0.85"), Decimal("1.0")),
)
WEEKS = 3


def demo_submissions_create() -> int:
    """Write the story reps' weekly calls and one adjusted roll-up; returns how many."""
    month = DEMO_END.replace(day=1)
    last_year = month.replace(year=month.year - 1)
    written = 0
    for username, commit_share, best_share in CALLS:
        person = Person.objects.filter(user__username=username).first()
        membership = Membership.objects.filter(person=person).order_by("-valid_from").first()
        if person is None or membership is None:
            continue
        base = SalesMonthly.objects.filter(person=person, month=last_year).aggregate(
            total=Sum("amount")
        )["total"] or Decimal(100000)
        for k in range(WEEKS):
            drift = Decimal(1) + Decimal(k - WEEKS + 1) / Decimal(20)  # calls firm up each week
            Submission.objects.create(
                kind=Submission.Kind.REP,
                person=person,
                node=membership.node,
                month=month,
                week=week_of(DEMO_END - dt.timedelta(days=7 * (WEEKS - 1 - k))),
                commit=(base * commit_share * drift).quantize(Decimal(1)),
                best_case=(base * best_share).quantize(Decimal(1)),
            )
            written += 1
        open_ids = (
            Opportunity.objects.filter(person=person, stage=Opportunity.Stage.OPEN)
            .order_by("-amount")
            .values_list("pk", flat=True)[:3]
        )
        called = list(zip(open_ids, (Category.COMMIT, Category.BEST_CASE), strict=False))
        OpportunityCall.objects.bulk_create(
            OpportunityCall(opportunity_id=pk, category=category) for pk, category in called
        )
        OpportunityStage.objects.bulk_create(  # bulk writes skip the call's own record
            OpportunityStage(opportunity_id=pk, stage=category, changed_on=DEMO_END)
            for pk, category in called
        )
        if username == "rep_001":
            rolled = Submission.objects.filter(person=person, month=month).latest("week").commit
            Submission.objects.create(
                kind=Submission.Kind.ROLLUP,
                node=membership.node,
                month=month,
                week=week_of(DEMO_END),
                commit=(rolled * Decimal("0.95")).quantize(Decimal(1)),
                best_case=(base * best_share).quantize(Decimal(1)),
                rolled_up=rolled,
                note="大客户的订单可能推迟到 12 月",
            )
            written += 1
    return written
