"""Pages that count working days say so when the period's years have no calendar entries:
working days are then Monday to Friday, and the notice links to the calendar page."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from salestarget.catalog.models import CalendarDay
from tests.personas import Company

NOTICE = "2026 年还没有录入节假日：工作日按周一至周五计算"


def test_the_dashboard_and_tree_say_2026_has_no_holidays(login, company: Company, june_plan):
    plan = june_plan(basis="working")
    client = login(company.director)

    dashboard = client.get(reverse("tracking:dashboard"), {"plan": plan.pk, "at": "2026-06-15"})
    tree = client.get(reverse("tracking:tree"), {"plan": plan.pk, "at": "2026-06-15"})

    calendar_link = f"{reverse('catalog:calendar')}?year=2026"
    for page in (dashboard, tree):
        html = page.content.decode()
        assert NOTICE in html
        assert calendar_link in html
    # Monday to Friday, not China's calendar: June 2026 has 22 working days (端午节 on the
    # 19th is not off), 11 of them by the 15th.
    root = tree.context["tree"].rows[0].result
    assert root.time_progress == Decimal("0.5")


def test_no_notice_once_the_year_has_entries(login, company: Company, june_plan, holiday):
    plan = june_plan(basis="working")
    client = login(company.rep)

    dashboard = client.get(reverse("tracking:dashboard"), {"plan": plan.pk, "at": "2026-06-15"})

    assert dashboard.status_code == 200
    assert NOTICE not in dashboard.content.decode()
    assert CalendarDay.objects.filter(date__year=2026).exists()
