"""The demo company pays commission: the FY2026 plan, paid months, October under review,
November estimated, returns clawed back, a late correction posted as a delta, disputes, and
the 双11 competition."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Sum

from salestarget.incentives.models import (
    Competition,
    DisputeStatus,
    LineKind,
    Statement,
    StatementLine,
    StatementStatus,
)
from salestarget.incentives.queries.competitions import standings
from salestarget.incentives.services.calculation import statement_calculate


def test_fy2026_statements_go_from_paid_to_estimated(demo_small, db):
    march = set(Statement.objects.filter(period="2026-03").values_list("status", flat=True))
    assert march == {StatementStatus.PAID}
    assert Statement.objects.filter(period="2026-10", status=StatementStatus.REVIEWED).exists()
    assert set(Statement.objects.filter(period="2026-11").values_list("status", flat=True)) == {
        StatementStatus.ESTIMATED
    }
    paid = Statement.objects.filter(status=StatementStatus.PAID).aggregate(t=Sum("total"))["t"]
    assert paid > Decimal(0)
    # Each statement adds up to its lines, to the cent.
    for statement in Statement.objects.filter(period="2026-06")[:20]:
        assert statement.total == sum(line.amount for line in statement.lines.all())


def test_the_late_august_correction_is_a_delta_in_october_and_august_stays_paid(demo_small, db):
    (delta,) = StatementLine.objects.filter(kind=LineKind.DELTA)
    assert delta.statement.period == "2026-10"
    assert delta.source_period == "2026-08"
    assert delta.amount == delta.new_value - delta.old_value < 0
    august = Statement.objects.get(person=delta.statement.person, period="2026-08")
    assert august.status == StatementStatus.PAID


def test_returns_of_earlier_months_are_clawed_back_from_who_was_paid(demo_small, db):
    """The demo's returns keep their sale's order number, so the 90-day window finds them."""
    clawbacks = StatementLine.objects.filter(kind=LineKind.CLAWBACK, amount__lt=0)
    assert clawbacks.exists()
    assert not StatementLine.objects.filter(kind=LineKind.CLAWBACK, amount__gt=0).exists()
    assert clawbacks.values("statement__period").distinct().count() > 3
    # Each takes back a return (a negative amount) under the revenue table that paid the sale.
    assert set(clawbacks.values_list("component__code", flat=True)) == {"revenue"}
    assert not clawbacks.filter(measure_total__gte=0).exists()
    assert clawbacks.filter(statement__status=StatementStatus.PAID).exists()


def test_recalculating_a_paid_month_changes_nothing(demo_small, db):
    before = dict(Statement.objects.filter(period="2026-05").values_list("pk", "total"))
    statement_calculate(period="2026-05", by=None)
    after = dict(Statement.objects.filter(period="2026-05").values_list("pk", "total"))
    assert before == after


def test_disputes_and_the_competition(demo_small, db):
    from salestarget.incentives.models import Dispute

    assert set(Dispute.objects.values_list("status", flat=True)) == {
        DisputeStatus.OPEN,
        DisputeStatus.REJECTED,
    }
    contest = Competition.objects.get(name="双11 冲刺赛")
    rows = standings(contest)
    assert rows[0].standing.rank == 1
    assert rows[0].standing.prize >= Decimal(8000)
    assert [r.standing.value for r in rows] == sorted(
        (r.standing.value for r in rows), reverse=True
    )


def test_june_pays_the_half_year_grade_bonus_from_the_closed_h1_assessment(demo_small, db):
    from salestarget.assessment.queries.grading import grades_for_period
    from salestarget.incentives.models import BonusTable

    table = BonusTable.objects.get()
    bonuses = StatementLine.objects.filter(kind=LineKind.BONUS, statement__period="2026-06")
    assert bonuses.exists()
    graded = grades_for_period(
        start=bonuses[0].span_start, end=bonuses[0].span_end, person_ids=None
    )
    for line in bonuses.select_related("statement"):
        grade = graded[line.statement.person_id]
        factor = Decimal(table.multipliers[grade])
        assert line.amount == (table.target_bonus * factor).quantize(Decimal("0.01"))
    assert (
        not StatementLine.objects.filter(kind=LineKind.BONUS)
        .exclude(statement__period="2026-06")
        .exists()
    )


def test_the_double_11_winners_are_good_news(demo_small, db):
    from salestarget.tracking.models import GoodNews, NewsKind

    contest = Competition.objects.get(name="双11 冲刺赛")
    assert contest.announced_at is not None
    winners = [r for r in standings(contest) if r.standing.prize > 0]
    news = GoodNews.objects.filter(kind=NewsKind.PRIZE, title="双11 冲刺赛")
    assert sorted(news.values_list("person_id", flat=True)) == sorted(r.person.pk for r in winners)
    assert news.get(rank=1).reference == winners[0].standing.prize
