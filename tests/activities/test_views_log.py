"""A rep logs a visit on the phone page in three taps; it lands in the week's counts."""

from __future__ import annotations

from django.utils import timezone

from salestarget.actuals.models import Activity, PersonDaily
from tests.personas import Company


def test_a_rep_logs_a_visit_with_a_suggested_customer(company: Company, login) -> None:
    client = login(company.rep)
    page = client.get("/activities/")
    assert page.status_code == 200
    assert "北京客户" in page.content.decode()  # the rep's own customer is one tap away
    today = timezone.localdate()
    answer = client.post(
        "/activities/",
        {
            "kind": "visit",
            "customer": company.customer_bj.pk,
            "occurred_on": today,
            "status": "done",
        },
    )
    assert answer.status_code == 302
    visit = Activity.objects.get()
    assert (visit.person, visit.kind, visit.customer, visit.source) == (
        company.rep,
        "visit",
        company.customer_bj,
        "manual",
    )
    assert PersonDaily.objects.get(person=company.rep, day=today).visits == 1
    page = client.get("/activities/").content.decode()
    assert "北京客户" in page
    assert "今天还没有记录" not in page


def test_a_lead_needs_no_customer_and_a_missing_one_is_named(company: Company, login) -> None:
    client = login(company.rep)
    today = timezone.localdate()
    answer = client.post("/activities/", {"kind": "call", "occurred_on": today, "status": "done"})
    assert answer.status_code == 200
    assert "客户和线索至少填一个" in answer.content.decode()
    assert not Activity.objects.exists()
    answer = client.post(
        "/activities/",
        {"kind": "visit", "customer_other": "没有这个客户", "occurred_on": today, "status": "done"},
    )
    assert "没有这个客户" in answer.content.decode()
    assert not Activity.objects.exists()
    client.post(
        "/activities/",
        {"kind": "visit", "lead": "新华公司", "occurred_on": today, "status": "done"},
    )
    assert Activity.objects.get().new_customer


def test_the_page_speaks_english(company: Company, login) -> None:
    client = login(company.rep)
    page = client.get("/activities/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Log an activity" in page
    assert "Visit" in page
