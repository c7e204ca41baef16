"""The demo company's assessments (绩效考核), run through the assessment services as its people
would:

- **2026 上半年绩效考核** (FY2026-H1), closed: every rep scored on revenue against their
  half-year target (the sum of their month targets) and rated on 沟通能力 / 团队协作 / 创新能力
  by themself, their lead, three teammates and a few of their customers; leads propose grades
  (two differ from the computed one, with reasons), one calibration session per area (one
  grade changed, then locked), interviews held and mostly acknowledged, improvement plans for
  the D grades (one already closed).
- **2026 第四季度绩效考核** (FY2026-Q4), open mid-way: the self-reviews were due on
  10 November (most are in), the reviews on 18 November (some leads and peers have answered;
  the rest were reminded, and escalated, on the demo's last evening).

Ratings come from a seeded generator, so the same seed gives the same demo.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
from django.contrib.auth.models import User
from django.db.models import F
from django.utils import timezone

from salestarget.assessment.models import (
    AssessmentCycle,
    FeedbackInterview,
    GradeChange,
    ItemKind,
    Review,
    ReviewAnswer,
    ReviewStatus,
    Scorecard,
    ScorecardTemplate,
    TemplateItem,
)
from salestarget.assessment.services.calibration import (
    calibration_change,
    calibration_lock,
    calibration_open,
    grade_propose,
)
from salestarget.assessment.services.cycles import cycle_advance, cycle_open
from salestarget.assessment.services.deadlines import assessment_deadlines_check
from salestarget.assessment.services.feedback import (
    improvement_action_add,
    improvement_action_done,
    improvement_plan_close,
    improvement_plan_open,
)
from salestarget.assessment.services.scoring import scorecard_compute
from salestarget.catalog.models import Customer
from salestarget.core.scoring.weighting import ReviewerGroup
from salestarget.demo.company import COMPANY_CODE
from salestarget.demo.scales import DEMO_END, random_stream
from salestarget.org.models import NodeKind, OrgNode, Person, Role

H1_NAME = "2026 上半年绩效考核"
Q4_NAME = "2026 第四季度绩效考核"
QUALITIES = (
    ("沟通能力", "Communication", 15),
    ("团队协作", "Teamwork", 15),
    ("创新能力", "Innovation", 10),
)
# The company's own thresholds (the total weighs 60% figures, 40% ratings).
GRADE_BANDS = [["S", "100"], ["A", "90"], ["B", "78"], ["C", "65"], ["D", "0"]]
LEVELS = [
    {"level": 1, "description": "远低于期望：经常需要他人补位"},
    {"level": 2, "description": "低于期望：偶有不足"},
    {"level": 3, "description": "符合期望：稳定可靠"},
    {"level": 4, "description": "超出期望：主动带动他人"},
    {"level": 5, "description": "远超期望：团队的榜样"},
]


@dataclass
class DemoAssessment:
    cycles: list[AssessmentCycle]
    scorecards: int
    reviews: int


def demo_assessment_create(*, seed: int) -> DemoAssessment:
    template = _template()
    director = Person.objects.select_related("user").get(user__username="director")
    by = director.user
    assert by is not None
    root = OrgNode.objects.get(code=COMPANY_CODE)
    rng = random_stream(seed, "assessment")
    h1 = _h1(template, root, by, rng)
    q4 = _q4(root, by, rng)
    assessment_deadlines_check(
        now=timezone.make_aware(dt.datetime.combine(DEMO_END, dt.time(18, 0)))
    )
    return DemoAssessment(
        [h1, q4],
        Scorecard.objects.filter(cycle__in=[h1, q4]).count(),
        Review.objects.filter(scorecard__cycle__in=[h1, q4]).count(),
    )


def _template() -> ScorecardTemplate:
    template = ScorecardTemplate.objects.create(name="销售代表考核表", role=Role.REP)
    TemplateItem.objects.create(
        template=template,
        kind=ItemKind.QUANTITATIVE,
        name="销售额完成率",
        name_en="Revenue achievement",
        weight=Decimal(60),
        metric="revenue",
        rule_params={"floor": 0, "cap": 120},
        sort_order=1,
    )
    for order, (name, name_en, weight) in enumerate(QUALITIES, 2):
        TemplateItem.objects.create(
            template=template,
            kind=ItemKind.QUALITATIVE,
            name=name,
            name_en=name_en,
            weight=Decimal(weight),
            levels=LEVELS,
            sort_order=order,
        )
    return template


def _at(day: dt.date, hour: int = 17, minute: int = 30) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _h1(
    template: ScorecardTemplate, root: OrgNode, by: User, rng: np.random.Generator
) -> AssessmentCycle:
    cycle = cycle_open(
        period="FY2026-H1",
        root=root,
        roles=[Role.REP],
        name=H1_NAME,
        grade_bands=GRADE_BANDS,
        deadlines={
            "self_review_by": _at(dt.date(2026, 7, 6)),
            "reviews_by": _at(dt.date(2026, 7, 13)),
            "proposal_by": _at(dt.date(2026, 7, 17)),
            "calibration_by": _at(dt.date(2026, 7, 24)),
            "feedback_by": _at(dt.date(2026, 7, 31)),
        },
        by=by,
    )
    _reviews_fill(cycle, rng, share=1.0)
    cycle = cycle_advance(cycle=cycle, by=by)
    cycle = cycle_advance(cycle=cycle, by=by)  # → proposal, computed
    cards = list(
        Scorecard.objects.filter(cycle=cycle, too_new=False)
        .exclude(computed_grade="")
        .select_related("manager__user", "person__user", "node", "cycle")
        .order_by("person__employee_no")
    )
    # The leads confirm the computed grades (written in one go, as ``grade_propose`` records
    # them) and raise two, with their reasons, through the service.
    GradeChange.objects.bulk_create(
        GradeChange(
            scorecard=card,
            kind="proposal",
            old_grade=card.computed_grade,
            new_grade=card.computed_grade,
            reason="与计算等级一致",
            by=_lead_user(card, by),
        )
        for card in cards
    )
    Scorecard.objects.filter(pk__in=[c.pk for c in cards]).update(
        proposed_grade=F("computed_grade")
    )
    for card in cards[3:12:8]:
        if card.computed_grade != "S":
            better = {"A": "S", "B": "A", "C": "B", "D": "C"}[card.computed_grade]
            grade_propose(
                scorecard=card,
                grade=better,
                reason="拿下年度重点客户，数字未完全体现",
                by=_lead_user(card, by),
            )
    cycle = cycle_advance(cycle=cycle, by=by)  # → calibration
    areas = OrgNode.objects.filter(parent=root, kind__in=(NodeKind.REGION, NodeKind.DIVISION))
    for number, area in enumerate(areas):
        session = calibration_open(cycle=cycle, node=area, by=by)
        if number == 0:
            # Calibrated across areas: the best B of the first area is raised to A.
            best_b = (
                Scorecard.objects.filter(
                    cycle=cycle, node__path__startswith=area.path, too_new=False, proposed_grade="B"
                )
                .order_by("-total_score")
                .first()
            )
            if best_b is not None:
                calibration_change(
                    session=session,
                    scorecard=best_b,
                    grade="A",
                    reason="与其他大区拉齐：同等业绩在其他大区评为 A",
                    by=by,
                )
        calibration_lock(session=session, by=by)
    cycle = cycle_advance(cycle=cycle, by=by)  # → feedback
    _feedback(cycle, by)
    return cycle_advance(cycle=cycle, by=by)  # → closed


def _feedback(cycle: AssessmentCycle, by: User) -> None:
    """Every rep had the interview on 28 July (written in one go); most acknowledged it. The
    D grades got an improvement plan through the services; the first is already closed."""
    cards = list(
        Scorecard.objects.filter(cycle=cycle, too_new=False)
        .select_related("manager__user", "person__user", "node", "cycle")
        .order_by("person__employee_no")
    )
    held = timezone.make_aware(dt.datetime.combine(dt.date(2026, 7, 28), dt.time(16, 0)))
    FeedbackInterview.objects.bulk_create(
        FeedbackInterview(
            scorecard=card,
            held_on=held.date(),
            notes=f"回顾上半年：总分 {card.total_score}，等级 {card.grade}。下半年重点：大客户拜访与回款。",
            by=_lead_user(card, by),
            acknowledged_at=held + dt.timedelta(days=1) if index % 7 else None,
        )
        for index, card in enumerate(cards)
    )
    for number, card in enumerate(c for c in cards if c.grade == "D"):
        lead = _lead_user(card, by)
        plan = improvement_plan_open(
            scorecard=card, goals="三个月内月度销售额达到目标的 80% 以上", by=lead
        )
        action = improvement_action_add(
            plan=plan,
            description="组长每周陪访两家客户",
            follow_up_on=dt.date(2026, 8, 31),
            by=lead,
        )
        if number == 0:
            improvement_action_done(action=action, notes="已陪访 9 次", by=lead)
            improvement_plan_close(plan=plan, outcome="9 月达到目标的 86%", by=lead)
        else:
            improvement_action_add(
                plan=plan, description="参加产品培训", follow_up_on=dt.date(2026, 9, 15), by=lead
            )


def _q4(root: OrgNode, by: User, rng: np.random.Generator) -> AssessmentCycle:
    cycle = cycle_open(
        period="FY2026-Q4",
        root=root,
        roles=[Role.REP],
        name=Q4_NAME,
        grade_bands=GRADE_BANDS,
        deadlines={
            "self_review_by": _at(dt.date(2026, 11, 10)),
            "reviews_by": _at(dt.date(2026, 11, 18)),
            "proposal_by": _at(dt.date(2027, 1, 8)),
            "calibration_by": _at(dt.date(2027, 1, 15)),
            "feedback_by": _at(dt.date(2027, 1, 29)),
        },
        by=by,
    )
    _reviews_fill(cycle, rng, share=0.6)
    cycle = cycle_advance(cycle=cycle, by=by)  # → reviews
    scorecard_compute(cycle=cycle, by=by)
    return cycle


def _lead_user(card: Scorecard, fallback: User) -> User:
    if card.manager is not None and card.manager.user is not None:
        return card.manager.user
    return fallback


def _reviews_fill(cycle: AssessmentCycle, rng: np.random.Generator, *, share: float) -> None:
    """Self and manager reviews answered (all of them, or ``share`` of the others), three
    teammates and up to two of the rep's customers asked and answered likewise."""
    cards = list(Scorecard.objects.filter(cycle=cycle).select_related("person"))
    items = list(
        TemplateItem.objects.filter(
            template__in={c.template_id for c in cards}, kind=ItemKind.QUALITATIVE
        )
    )
    team_of: dict[int, list[int]] = {}
    for card in cards:
        team_of.setdefault(card.node_id, []).append(card.person_id)
    customers: dict[int, list[int]] = {}
    for pk, owner in (
        Customer.objects.filter(owner__in=[c.person_id for c in cards])
        .values_list("pk", "owner_id")
        .order_by("pk")
    ):
        customers.setdefault(owner, []).append(pk)
    now = timezone.now()
    new_reviews = []
    for card in cards:
        mates = [p for p in team_of[card.node_id] if p != card.person_id]
        for mate in rng.permutation(mates)[:3].tolist():
            new_reviews.append(
                Review(
                    scorecard=card,
                    group=ReviewerGroup.PEER,
                    reviewer_id=mate,
                    status=ReviewStatus.REQUESTED,
                )
            )
        for customer in customers.get(card.person_id, [])[:2]:
            new_reviews.append(
                Review(
                    scorecard=card,
                    group=ReviewerGroup.CUSTOMER,
                    customer_id=customer,
                    status=ReviewStatus.REQUESTED,
                    expires_at=now + dt.timedelta(days=14),
                )
            )
    Review.objects.bulk_create(new_reviews)
    # Each rep has a true level per quality; reviewers see it with some noise, self-reviews
    # a little rosier.
    level = {c.person_id: rng.normal(3.4, 0.7, len(items)) for c in cards}
    answered: list[int] = []
    answers = []
    reviews = (
        Review.objects.filter(scorecard__cycle=cycle).select_related("scorecard").order_by("pk")
    )
    for review in reviews:
        if review.group != ReviewerGroup.SELF and rng.random() > share:
            continue
        if review.group == ReviewerGroup.SELF and share < 1 and rng.random() > 0.9:
            continue
        bias = 0.5 if review.group == ReviewerGroup.SELF else 0.0
        truth = level[review.scorecard.person_id]
        for item, value in zip(items, truth + bias + rng.normal(0, 0.6, len(items)), strict=True):
            answers.append(
                ReviewAnswer(review=review, item=item, rating=int(np.clip(round(value), 1, 5)))
            )
        answered.append(review.pk)
    ReviewAnswer.objects.bulk_create(answers, batch_size=1000)
    Review.objects.filter(pk__in=answered).update(
        status=ReviewStatus.SUBMITTED, submitted_at=now, token_digest=""
    )
