"""The small demo company loads whole and keeps the invariants the product relies on."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

import chinese_calendar
from django.db.models import Count, Exists, F, Min, OuterRef, Q, Sum
from django.db.models.functions import TruncMonth

from salestarget.actuals.models import (
    Expense,
    MarketSize,
    Opportunity,
    Payment,
    PersonDaily,
    SalesLine,
    SalesMonthly,
    SurveyResponse,
)
from salestarget.catalog.models import CalendarDay, CalendarDayKind, Customer, Product, Region
from salestarget.demo.names import unique_names
from salestarget.demo.scales import DEMO_END, DEMO_START
from salestarget.org.models import Membership, NodeKind, OrgNode, Person, Role


def test_repeated_customer_names_become_branches() -> None:
    assert unique_names(["昆明市教育局", "甲科技有限公司", "昆明市教育局", "甲科技有限公司"]) == [
        "昆明市教育局",
        "甲科技有限公司",
        "昆明市教育局（高新）",
        "甲科技有限公司高新分公司",
    ]


def test_customer_names_are_unique_so_that_a_file_may_name_them(demo_small, db) -> None:
    names = list(Customer.objects.values_list("name", flat=True))
    assert len(set(names)) == len(names) == 400


def credited_elsewhere(model, date_field: str) -> int:
    """Facts whose node is not the node of the person's membership on the fact's date."""
    on_that_day = Membership.objects.filter(
        person=OuterRef("person"),
        node=OuterRef("node"),
        valid_from__lte=OuterRef(date_field),
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=OuterRef(date_field)))
    return model.objects.filter(person__isnull=False).exclude(Exists(on_that_day)).count()


def test_the_company_has_the_promised_shape(demo_small, db) -> None:
    assert OrgNode.objects.filter(kind=NodeKind.COMPANY).count() == 1
    regions = set(OrgNode.objects.filter(kind=NodeKind.REGION).values_list("name", flat=True))
    assert regions == {"华北大区", "华东大区", "华南大区", "西南大区"}
    assert OrgNode.objects.filter(kind=NodeKind.TEAM).count() == 12
    active_reps = Person.objects.filter(role=Role.REP, is_active=True)
    assert active_reps.count() == 120
    assert Product.objects.count() == 60
    assert Product.objects.values("line__category").distinct().count() == 3
    assert Customer.objects.count() == 400
    assert Region.objects.filter(level="city", customers__isnull=False).exists()
    # Every customer is owned by a current rep of its own 大区.
    for customer in Customer.objects.select_related("owner", "region__parent__parent")[:50]:
        area = customer.region.parent.parent
        membership = Membership.objects.active_at(DEMO_END).get(person=customer.owner)
        assert membership.node.parent.region_id == area.pk


def test_every_fact_is_credited_to_the_membership_on_its_date(demo_small, db) -> None:
    assert credited_elsewhere(SalesLine, "sold_on") == 0
    assert credited_elsewhere(Expense, "spent_on") == 0
    assert credited_elsewhere(Payment, "received_on") == 0
    assert credited_elsewhere(SurveyResponse, "surveyed_on") == 0


def test_people_who_moved_have_sales_credited_to_both_teams(demo_small, db) -> None:
    movers = (
        Membership.objects.values("person")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("person", flat=True)
    )
    assert len(movers) == 5
    teams_credited = (
        SalesLine.objects.filter(person__in=movers)
        .values("person")
        .annotate(nodes=Count("node", distinct=True))
    )
    assert any(row["nodes"] == 2 for row in teams_credited)


def test_history_stays_in_the_fixed_window(demo_small, db) -> None:
    span = SalesLine.objects.aggregate(first=Min("sold_on"), last=Min("sold_on"))
    assert span["first"] == DEMO_START
    assert not SalesLine.objects.filter(sold_on__gt=DEMO_END).exists()
    assert not Payment.objects.filter(received_on__gt=DEMO_END).exists()
    assert not Opportunity.objects.filter(closed_on__gt=DEMO_END).exists()
    assert Opportunity.objects.filter(stage="open", closed_on__isnull=True).exists()
    assert set(Opportunity.objects.values_list("stage", flat=True).distinct()) == {
        "open",
        "won",
        "lost",
    }


def test_returns_are_negative_lines_that_follow_a_sale(demo_small, db) -> None:
    returns = SalesLine.objects.filter(external_id__startswith="RT")
    assert returns.count() > 0
    assert not returns.filter(Q(quantity__gte=0) | Q(amount__gte=0) | Q(cost__gt=0)).exists()
    assert not SalesLine.objects.filter(amount__lt=0, quantity__gt=0).exists()
    returned = returns.aggregate(s=Sum("amount"))["s"]
    sold = SalesLine.objects.filter(amount__gt=0).aggregate(s=Sum("amount"))["s"]
    assert Decimal("0.01") < -returned / sold < Decimal("0.06")
    for back in returns[:200]:
        # A return keeps the number of the line it returns; only its own id says "RT".
        sale = SalesLine.objects.get(external_id="SO" + back.external_id[2:])
        assert (sale.order_no, sale.line_no) == (back.order_no, back.line_no)
        assert (sale.customer_id, sale.product_id) == (back.customer_id, back.product_id)
        assert sale.sold_on < back.sold_on
        assert -back.quantity <= sale.quantity


def test_amounts_keep_up_to_four_decimals(demo_small, db) -> None:
    amounts = SalesLine.objects.values_list("amount", flat=True)[:5000]
    places = {-a.normalize().as_tuple().exponent for a in amounts if a != a.to_integral()}
    assert max(places) == 4
    assert 2 in places


def test_first_purchase_is_the_first_positive_line(demo_small, db) -> None:
    firsts = dict(
        SalesLine.objects.filter(amount__gt=0)
        .values("customer")
        .annotate(first=Min("sold_on"))
        .values_list("customer", "first")
    )
    saved = dict(Customer.objects.values_list("pk", "first_purchase_on"))
    assert {pk: day for pk, day in saved.items() if day is not None} == firsts
    # Customers keep being won over the three years, not only at the start.
    won_in_2025 = Customer.objects.filter(first_purchase_on__year=2025).count()
    assert won_in_2025 > 20


def test_rollups_equal_the_facts(demo_small, db) -> None:
    daily = PersonDaily.objects.aggregate(
        amount=Sum("amount"),
        cost=Sum("cost"),
        lines=Sum("lines"),
        expense=Sum("expense"),
        payment=Sum("payment"),
        won=Sum("won"),
        closed=Sum("closed"),
        surveys=Sum("survey_count"),
        new=Sum("new_customers"),
    )
    lines = SalesLine.objects.aggregate(amount=Sum("amount"), cost=Sum("cost"), n=Count("id"))
    assert daily["amount"] == lines["amount"]
    assert daily["cost"] == lines["cost"]
    assert daily["lines"] == lines["n"]
    assert SalesMonthly.objects.aggregate(s=Sum("amount"))["s"] == lines["amount"]
    assert daily["expense"] == Expense.objects.aggregate(s=Sum("amount"))["s"]
    assert daily["payment"] == Payment.objects.aggregate(s=Sum("amount"))["s"]
    assert daily["won"] == Opportunity.objects.filter(stage="won").count()
    assert daily["closed"] == Opportunity.objects.exclude(stage="open").count()
    assert daily["surveys"] == SurveyResponse.objects.count()
    assert daily["new"] == Customer.objects.filter(first_purchase_on__isnull=False).count()


def monthly_revenue() -> dict[dt.date, Decimal]:
    rows = (
        SalesLine.objects.annotate(month=TruncMonth("sold_on"))
        .values("month")
        .annotate(revenue=Sum("amount"))
        .values_list("month", "revenue")
    )
    return {(m.date() if isinstance(m, dt.datetime) else m): r for m, r in rows}


def test_seasonality_shows_the_spring_festival_trough_and_the_autumn_peak(demo_small, db) -> None:
    revenue = monthly_revenue()
    for year in (2024, 2025, 2026):
        assert revenue[dt.date(year, 2, 1)] < revenue[dt.date(year, 3, 1)] * Decimal("0.8")
    for year in (2024, 2025):
        months = [revenue[dt.date(year, m, 1)] for m in range(1, 13)]
        average = sum(months) / 12
        assert revenue[dt.date(year, 11, 1)] > average * Decimal("1.05")


def test_online_sales_peak_on_618_and_double_eleven(demo_small, db) -> None:
    online = SalesLine.objects.filter(channel__code="ECOM", amount__gt=0)
    for year in (2024, 2025):
        peak = online.filter(sold_on=dt.date(year, 11, 11)).count()
        before = online.filter(sold_on__range=(dt.date(year, 9, 1), dt.date(year, 9, 30))).count()
        assert peak > 3 * before / 30
        june = online.filter(sold_on=dt.date(year, 6, 18)).count()
        assert june > 2 * before / 30


def test_weekends_and_holidays_are_quiet_for_b2b(demo_small, db) -> None:
    b2b = SalesLine.objects.exclude(channel__code="ECOM")
    national_day = b2b.filter(sold_on__range=(dt.date(2025, 10, 1), dt.date(2025, 10, 8))).count()
    working_week = b2b.filter(sold_on__range=(dt.date(2025, 10, 13), dt.date(2025, 10, 17))).count()
    assert national_day * 5 < working_week


def test_the_calendar_ships_2024_to_2026_holidays_and_makeup_days(demo_small, db) -> None:
    makeup = CalendarDay.objects.get(date=dt.date(2024, 2, 4))
    assert makeup.kind == CalendarDayKind.MAKEUP_WORKDAY
    assert chinese_calendar.is_workday(dt.date(2024, 2, 4))
    assert "春节" in makeup.name
    assert CalendarDay.objects.get(date=dt.date(2024, 2, 10)).name == "春节"
    assert CalendarDay.objects.get(date=dt.date(2026, 10, 1)).kind == CalendarDayKind.HOLIDAY
    for year in (2024, 2025, 2026):
        expected = {d for d in chinese_calendar.holidays if d.year == year} | {
            d for d in chinese_calendar.workdays if d.year == year
        }
        stored = set(CalendarDay.objects.filter(date__year=year).values_list("date", flat=True))
        assert stored == expected
    for day in CalendarDay.objects.filter(kind=CalendarDayKind.MAKEUP_WORKDAY):
        assert day.date.weekday() >= 5
        assert chinese_calendar.is_workday(day.date)


def test_fy2026_has_people_ahead_of_last_year_and_people_behind(demo_small, db) -> None:
    same_span = defaultdict(lambda: [Decimal(0), Decimal(0)])
    rows = (
        SalesLine.objects.filter(
            Q(sold_on__range=(dt.date(2025, 1, 1), dt.date(2025, 11, 20)))
            | Q(sold_on__range=(dt.date(2026, 1, 1), DEMO_END)),
            person__left_on__isnull=True,
            person__hired_on__lt=DEMO_START,
        )
        .values("person__user__username", "sold_on__year")
        .annotate(revenue=Sum("amount"))
    )
    for row in rows:
        same_span[row["person__user__username"]][row["sold_on__year"] - 2025] += row["revenue"]
    growth = {u: now / before - 1 for u, (before, now) in same_span.items() if before > 0}
    ahead = [u for u, g in growth.items() if g > Decimal("0.15")]
    behind = [u for u, g in growth.items() if g < Decimal("-0.05")]
    assert len(ahead) >= 10
    assert len(behind) >= 10
    assert growth["rep_001"] > growth["rep_029"]


def test_other_facts_are_there_and_plausible(demo_small, db) -> None:
    revenue = SalesLine.objects.aggregate(s=Sum("amount"))["s"]
    expense_rate = Expense.objects.aggregate(s=Sum("amount"))["s"] / revenue
    assert Decimal("0.03") < expense_rate < Decimal("0.12")
    assert Expense.objects.filter(person__isnull=True).exists()  # team-level spend
    collected = Payment.objects.aggregate(s=Sum("amount"))["s"] / revenue
    assert Decimal("0.8") < collected < Decimal("1")
    closed = Opportunity.objects.exclude(stage="open")
    assert (
        Decimal("0.2")
        < Decimal(closed.filter(stage="won").count()) / closed.count()
        < Decimal("0.6")
    )
    assert not SurveyResponse.objects.filter(Q(score__lt=1) | Q(score__gt=5)).exists()
    assert MarketSize.objects.count() == 12 * 35
    share = revenue / MarketSize.objects.aggregate(s=Sum("amount"))["s"]
    assert Decimal("0.05") < share < Decimal("0.4")
    assert not Opportunity.objects.filter(closed_on__lt=F("opened_on")).exists()
    assert all(sl.source == "demo" for sl in SalesLine.objects.all()[:10])
