"""The demo company's assessments: a closed 2026 H1 cycle with grades, a calibration change,
interviews and improvement plans, and an open Q4 cycle mid-way through its reviews."""

from __future__ import annotations

from collections import Counter

from salestarget.assessment.models import (
    AssessmentCycle,
    CycleStep,
    FeedbackInterview,
    GradeChange,
    ImprovementPlan,
    PlanStatus,
    ReviewStatus,
    Scorecard,
)
from salestarget.demo.assessment import H1_NAME, Q4_NAME


def test_the_first_half_is_closed_with_calibrated_grades_and_feedback(demo_small, db):
    h1 = AssessmentCycle.objects.get(name=H1_NAME)
    assert h1.step == CycleStep.CLOSED
    cards = Scorecard.objects.filter(cycle=h1)
    rated = cards.filter(too_new=False)
    assert rated.count() > 100
    assert not rated.filter(grade="").exists()
    grades = Counter(rated.values_list("grade", flat=True))
    assert set(grades) <= {"S", "A", "B", "C", "D"}
    assert len(grades) >= 4  # a spread, not everyone alike
    assert GradeChange.objects.filter(scorecard__cycle=h1, kind="calibration").count() == 1
    assert FeedbackInterview.objects.filter(scorecard__cycle=h1).count() == rated.count()
    assert FeedbackInterview.objects.filter(acknowledged_at__isnull=True).exists()
    plans = ImprovementPlan.objects.filter(scorecard__cycle=h1)
    assert plans.count() == grades["D"]
    assert plans.filter(status=PlanStatus.CLOSED).count() == 1


def test_the_fourth_quarter_is_open_mid_way_through_its_reviews(demo_small, db):
    q4 = AssessmentCycle.objects.get(name=Q4_NAME)
    assert q4.step == CycleStep.REVIEWS
    reviews = q4.scorecards.values_list("reviews__status", flat=True)
    statuses = Counter(reviews)
    assert statuses[ReviewStatus.SUBMITTED]
    assert statuses[ReviewStatus.REQUESTED]
    assert not Scorecard.objects.filter(cycle=q4, total_score__isnull=True, too_new=False).exists()


def test_a_demo_rep_reads_their_grade_history(demo_small, db, client):
    client.login(username="rep_001", password=demo_small.password)
    page = client.get("/assessment/")
    assert page.status_code == 200
    html = page.content.decode()
    assert H1_NAME in html
    assert Q4_NAME in html
    assert 'data-testid="grade-history"' in html
