"""A split by working days or seasonality in a year without calendar entries says that the
year's working days are Monday to Friday, with a link to the calendar page."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from salestarget.catalog.models import CalendarDay, CalendarDayKind
from salestarget.targets.queries.decomposition import DecompositionSpec, decomposition_preview
from tests.personas import Company, account

NOTICE = "2026 年还没有录入节假日：工作日按周一至周五计算"


def test_a_split_by_working_days_without_holidays_says_so(login, company: Company, revenue_plan):
    plan = revenue_plan("2610")
    by = account(company.director)

    preview = decomposition_preview(
        target=plan.root, spec=DecompositionSpec(axes=("month",), method="days"), by=by
    )
    page = login(company.director).get(
        reverse("targets:decompose", args=[plan.root.pk]), {"axis": "month", "method": "days"}
    )

    assert preview.calendar_missing_years == [2026]
    # 261 weekdays in 2026, ten per unit: October gets its 22 weekdays, Golden Week included.
    assert preview.rows[9].value == 220
    html = page.content.decode()
    assert page.context["preview"].calendar_missing_years == [2026]
    assert NOTICE in html
    assert f"{reverse('catalog:calendar')}?year=2026" in html


def test_no_notice_by_history_or_with_entries(company: Company, revenue_plan):
    plan = revenue_plan("2610")
    by = account(company.director)
    CalendarDay.objects.create(date=dt.date(2026, 10, 1), kind=CalendarDayKind.HOLIDAY)

    by_days = decomposition_preview(
        target=plan.root, spec=DecompositionSpec(axes=("month",), method="days"), by=by
    )
    by_org = decomposition_preview(
        target=plan.root, spec=DecompositionSpec(axes=("org",), method="equal"), by=by
    )

    assert by_days.calendar_missing_years == []
    assert by_org.calendar_missing_years == []
