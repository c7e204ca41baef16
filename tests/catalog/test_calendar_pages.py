"""The working calendar: a year of holidays and make-up working days (调休), kept by finance."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from salestarget.catalog.models import CalendarDay
from salestarget.org.models import CompanySettings
from tests.personas import Company


def test_a_year_without_holidays_counts_weekdays(login, company: Company) -> None:
    resp = login(company.rep).get(reverse("catalog:calendar"), {"year": 2025})
    cal = resp.context["cal"]
    assert cal.working_days == 261
    assert "2025 年还没有录入节假日" in resp.content.decode()
    assert "添加节假日或调休上班日" not in resp.content.decode()  # reps only read


def test_finance_loads_chinas_2025_holidays(login, company: Company) -> None:
    client = login(company.finance)
    resp = client.post(reverse("catalog:calendar_load"), {"year": 2025}, follow=True)
    assert "已导入中国大陆 2025 年的法定节假日" in resp.content.decode()
    cal = resp.context["cal"]
    # The State Council's 2025 schedule: 261 weekdays - 18 weekday holidays + 5 make-up days.
    assert cal.working_days == 248
    assert CalendarDay.objects.get(date=dt.date(2025, 10, 1)).name == "国庆节"
    assert CalendarDay.objects.get(date=dt.date(2025, 9, 28)).kind == "workday"
    october = cal.months[9]
    assert october.working_days == 18  # 23 weekdays, 6 off for 国庆/中秋, 10-11 worked
    # Loading again adds nothing.
    again = client.post(reverse("catalog:calendar_load"), {"year": 2025}, follow=True)
    assert "新增 0 天" in again.content.decode()


def test_a_company_in_dollars_is_offered_and_loads_its_own_holidays(
    login, company: Company
) -> None:
    settings = CompanySettings.current()
    settings.currency = "USD"
    settings.save()
    client = login(company.finance)
    page = client.get(reverse("catalog:calendar"), {"year": 2026})
    assert page.context["load_form"]["country"].value() == "US"
    resp = client.post(
        reverse("catalog:calendar_load"), {"year": 2026, "country": "US"}, follow=True
    )
    assert "已导入美国 2026 年的法定节假日" in resp.content.decode()
    assert CalendarDay.objects.get(date=dt.date(2026, 11, 26)).name == "Thanksgiving Day"
    # 21 weekdays; Veterans Day and Thanksgiving are federal holidays (a company that works on
    # Veterans Day deletes that entry).
    assert resp.context["cal"].months[10].working_days == 19


def test_a_day_is_added_and_removed(login, company: Company) -> None:
    client = login(company.admin)
    client.post(
        reverse("catalog:calendar_day_add"),
        {"date": "2025-06-03", "kind": "holiday", "name": "公司庆典"},
    )
    entry = CalendarDay.objects.get(date=dt.date(2025, 6, 3))
    resp = client.get(reverse("catalog:calendar"), {"year": 2025})
    assert resp.context["cal"].working_days == 260
    assert "公司庆典" in resp.content.decode()
    client.post(reverse("catalog:calendar_day_delete", args=[entry.pk]))
    assert not CalendarDay.objects.exists()


def test_bad_days_are_refused_with_a_reason(login, company: Company) -> None:
    client = login(company.finance)
    CalendarDay.objects.create(date=dt.date(2025, 5, 1), kind="holiday", name="劳动节")
    resp = client.post(
        reverse("catalog:calendar_day_add"), {"date": "2025-05-01", "kind": "holiday"}, follow=True
    )
    assert "2025-05-01 已经是“法定节假日”。" in resp.content.decode()
    resp = client.post(
        reverse("catalog:calendar_day_add"), {"date": "2025-05-06", "kind": "workday"}, follow=True
    )
    assert "调休上班日应是周末；2025-05-06 本来就是工作日。" in resp.content.decode()
    assert CalendarDay.objects.count() == 1


def test_reps_and_managers_cannot_change_the_calendar(login, company: Company) -> None:
    for who in (company.rep, company.manager_north):
        client = login(who)
        resp = client.post(
            reverse("catalog:calendar_day_add"), {"date": "2025-06-03", "kind": "holiday"}
        )
        assert resp.status_code == 403
    assert not CalendarDay.objects.exists()
