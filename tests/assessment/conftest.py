"""北京一组 assessed for FY2026-Q2: 王小明 (rep) and three more reps who review each other.

The rep template: revenue 50% (linear, capped at 120), expense rate 20% (lower is better),
沟通能力 15% and 团队协作 15% rated 1–5 by self 10%, manager 60%, peers 20%, customers 10%.
Every rep has a Q2 target of 100,000 revenue and a 10% expense-rate ceiling; 王小明 sold
93,000 and spent 7,440 (an 8% expense rate).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import timezone

from salestarget.actuals.models import Expense, SalesLine
from salestarget.actuals.rollups import rollups_rebuild
from salestarget.assessment.models import (
    AssessmentCycle,
    ItemKind,
    Review,
    ScorecardTemplate,
    TemplateItem,
)
from salestarget.assessment.services.cycles import cycle_open
from salestarget.org.models import Person, Role
from salestarget.targets.models import Status, Target, TargetPlan
from salestarget.tracking.cache import cache_clear
from tests.personas import Company, person

D = Decimal
Q2_START, Q2_END = dt.date(2026, 4, 1), dt.date(2026, 6, 30)


@pytest.fixture(autouse=True)
def _fresh_tracking_cache() -> None:
    cache_clear()


@dataclass
class Team:
    company: Company
    rep: Person
    peers: list[Person]
    lead: Person
    template: ScorecardTemplate

    @property
    def reps(self) -> list[Person]:
        return [self.rep, *self.peers]

    def item(self, name: str) -> TemplateItem:
        return self.template.items.get(name=name)


def rep_template() -> ScorecardTemplate:
    template = ScorecardTemplate.objects.create(name="销售代表考核表", role=Role.REP)
    TemplateItem.objects.create(
        template=template,
        kind=ItemKind.QUANTITATIVE,
        name="销售额",
        weight=D(50),
        metric="revenue",
        sort_order=1,
    )
    TemplateItem.objects.create(
        template=template,
        kind=ItemKind.QUANTITATIVE,
        name="销售费用率",
        weight=D(20),
        metric="expense_rate",
        sort_order=2,
    )
    for order, name in ((3, "沟通能力"), (4, "团队协作")):
        TemplateItem.objects.create(
            template=template, kind=ItemKind.QUALITATIVE, name=name, weight=D(15), sort_order=order
        )
    return template


@pytest.fixture
def team(company: Company) -> Team:
    peers = [person(f"peer{i}", f"同事{i}", Role.REP, company.team_bj) for i in (1, 2, 3)]
    template = rep_template()
    plan = TargetPlan.objects.create(
        name="FY2026-Q2",
        metric="revenue",
        period="FY2026-Q2",
        scope_node=company.root,
        owner=company.director,
        status=Status.APPROVED,
    )
    rate_plan = TargetPlan.objects.create(
        name="FY2026-Q2 费用率",
        metric="expense_rate",
        period="FY2026-Q2",
        scope_node=company.root,
        owner=company.director,
        status=Status.APPROVED,
    )
    for p in [company.rep, *peers]:
        for the_plan, value in ((plan, D(100_000)), (rate_plan, D("0.10"))):
            Target.objects.create(
                plan=the_plan,
                metric=the_plan.metric,
                period="FY2026-Q2",
                period_start=Q2_START,
                period_end=Q2_END,
                node=company.team_bj,
                person=p,
                value=value,
                status=Status.APPROVED,
            )
    SalesLine.objects.create(
        external_id="a1",
        sold_on=dt.date(2026, 5, 10),
        customer=company.customer_bj,
        product=company.product_a,
        person=company.rep,
        node=company.team_bj,
        channel=company.channel,
        customer_type=company.customer_type,
        region=company.customer_bj.region,
        quantity=D(1),
        amount=D(93_000),
        cost=D(0),
    )
    Expense.objects.create(
        external_id="e1",
        spent_on=dt.date(2026, 5, 12),
        person=company.rep,
        node=company.team_bj,
        category="差旅",
        amount=D(7_440),
    )
    rollups_rebuild()
    return Team(company, company.rep, peers, company.team_lead, template)


def deadlines(start: dt.datetime | None = None) -> dict[str, dt.datetime]:
    start = start or timezone.now()
    fields = ("self_review_by", "reviews_by", "proposal_by", "calibration_by", "feedback_by")
    return {f: start + dt.timedelta(days=7 * (i + 1)) for i, f in enumerate(fields)}


@pytest.fixture
def open_cycle(team: Team) -> Callable[..., AssessmentCycle]:
    def _open(**kwargs: object) -> AssessmentCycle:
        options: dict = {
            "period": "FY2026-Q2",
            "root": team.company.root,
            "roles": [Role.REP],
            "deadlines": deadlines(),
            "by": team.company.finance.user,
        }
        options.update(kwargs)
        return cycle_open(**options)

    return _open


def review_of(cycle: AssessmentCycle, subject: Person, reviewer: Person) -> Review:
    return Review.objects.get(scorecard__cycle=cycle, scorecard__person=subject, reviewer=reviewer)


def rate(team: Team, review: Review, communication: int, teamwork: int) -> dict[int, int]:
    return {team.item("沟通能力").pk: communication, team.item("团队协作").pk: teamwork}


def reviewed(team: Team, cycle: AssessmentCycle, peers_answering: int) -> None:
    """The lead rates 王小明 3/3; ``peers_answering`` peers rate him 5/5, 1/1, 3/3 in turn
    with comments no one else may ever read; then the cycle is computed."""
    from salestarget.assessment.models import Scorecard
    from salestarget.assessment.services.reviews import peer_nominate, review_submit
    from salestarget.assessment.services.scoring import scorecard_compute

    card = Scorecard.objects.get(cycle=cycle, person=team.rep)
    for peer in team.peers:
        peer_nominate(scorecard=card, reviewer=peer, by=team.lead.user)
    review_submit(
        review=review_of(cycle, team.rep, team.lead),
        answers=rate(team, None, 3, 3),
        by=team.lead.user,
    )
    for i, (peer, rating) in enumerate(zip(team.peers[:peers_answering], (5, 1, 3), strict=False)):
        review_submit(
            review=review_of(cycle, team.rep, peer),
            answers=rate(team, None, rating, rating),
            comments={team.item("沟通能力").pk: f"PEER-SECRET-{i}"},
            comment=f"PEER-OVERALL-{i}",
            by=peer.user,
        )
    scorecard_compute(cycle=cycle)
