"""The forecasting pages, each read through the caller's scope."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from salestarget.forecasting.models import Submission
from tests.forecasting.conftest import target_of


@pytest.fixture
def plan(run, june_plan):
    return june_plan()


def test_a_rep_sees_the_outlook_of_their_own_target_only(login, history, plan):
    response = login(history.rep).get(reverse("forecasting:outlook"), {"plan": plan.pk})
    assert response.status_code == 200
    rows = response.context["page"].rows
    assert [r.target.pk for r in rows] == [target_of(plan, person=history.rep).pk]
    assert rows[0].outlook.probability is not None
    assert b'data-testid="probability"' in response.content
    assert "同期值法".encode() in response.content or b"sMAPE" in response.content


def test_a_manager_sees_their_region_not_the_other(login, history, plan):
    response = login(history.manager_north).get(reverse("forecasting:outlook"))
    targets = {r.target.pk for r in response.context["page"].rows}
    assert target_of(plan, node=history.north).pk in targets
    assert target_of(plan, person=history.rep).pk in targets
    assert target_of(plan, node=history.east).pk not in targets
    assert target_of(plan, person=history.rep_other).pk not in targets


def test_a_chart_outside_the_scope_is_not_found(login, history, plan):
    client = login(history.rep)
    mine = target_of(plan, person=history.rep)
    theirs = target_of(plan, person=history.rep_other)
    data = client.get(reverse("forecasting:chart", args=[mine.pk])).json()
    assert data["available"] is True
    assert data["period"]["target"] == float(mine.value)
    assert len(data["monthly"]["months"]) == len(data["monthly"]["mean"])
    assert client.get(reverse("forecasting:chart", args=[theirs.pk])).status_code == 404


def test_the_rep_home_shows_the_outlook_beside_the_run_rate(login, history, plan):
    client = login(history.rep)
    home = client.get(reverse("home"))
    assert reverse("forecasting:home_panel").encode() in home.content
    panel = client.get(reverse("forecasting:home_panel"))
    assert b'data-testid="panel-probability"' in panel.content


def test_before_any_run_the_page_says_so(login, company):
    response = login(company.rep).get(reverse("forecasting:outlook"))
    assert b'data-testid="no-run"' in response.content


def test_a_rep_submits_their_call_from_the_phone_page(login, company):
    client = login(company.rep)
    page = client.get(reverse("forecasting:submit"))
    assert page.status_code == 200
    month = page.context["month"]
    response = client.post(
        reverse("forecasting:submit"),
        {"month": month.isoformat(), "commit": "50000", "best_case": "40000"},
    )
    assert response.status_code == 200  # refused: best case below the commit
    assert "最佳情况不能低于承诺金额".encode() in response.content
    response = client.post(
        reverse("forecasting:submit"),
        {"month": month.isoformat(), "commit": "5万", "best_case": "¥60,000"},
    )
    assert response.status_code == 302  # amounts as a rep types them on a phone
    call = Submission.objects.get()
    assert (call.person, call.commit, call.best_case) == (company.rep, 50000, 60000)


def test_the_team_page_is_for_leaders(login, company):
    assert login(company.rep).get(reverse("forecasting:team")).status_code == 403


def test_a_manager_adjusts_the_roll_up_with_a_note(login, company):
    client = login(company.manager_north)
    month = dt.date.today().replace(day=1)
    url = reverse("forecasting:team")
    page = client.get(url, {"node": company.north.pk})
    assert page.status_code == 200
    assert client.get(url, {"node": company.east.pk}).status_code == 404
    response = client.post(
        url,
        {
            "node": company.north.pk,
            "month": month.isoformat(),
            "commit": "1000",
            "best_case": "2000",
            "note": "新签大客户",
        },
    )
    assert response.status_code == 302
    adjusted = Submission.objects.get(kind=Submission.Kind.ROLLUP)
    assert (adjusted.node, adjusted.note) == (company.north, "新签大客户")


def test_the_outlook_downloads_as_excel_with_the_pages_figures(login, history, plan):
    from io import BytesIO

    from openpyxl import load_workbook

    response = login(history.manager_north).get(
        reverse("forecasting:outlook"), {"plan": plan.pk, "format": "xlsx"}
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [r for r in sheet.iter_rows(values_only=True) if r and r[0]]
    labels = {r[0] for r in rows}
    assert target_of(plan, node=history.north).label in labels
    assert target_of(plan, node=history.east).label not in labels
    north = next(r for r in rows if r[0] == target_of(plan, node=history.north).label)
    assert north[1] == 100000  # the target's value, a number
    assert 0 <= north[7] <= 1  # the chance, a fraction shown as a percentage


def test_with_no_target_plan_the_outlook_says_what_it_needs_and_where_to_set_it(
    login, history, run
):
    # A new company: the forecast has run on its sales, and there is no target yet.
    page = login(history.director).get("/forecasting/").content.decode()
    assert "目标展望按每个目标给出预测和达成概率：目标制定后，这里会显示它们。" in page
    assert "/targets/plans/new/" in page
    rep = login(history.rep).get("/forecasting/").content.decode()
    assert "目标制定后，这里会显示它们" in rep
    assert "/targets/plans/new/" not in rep


def test_with_no_target_plan_the_outlook_says_so_in_english(login, history, run):
    from tests.browser import compile_messages

    compile_messages()
    client = login(history.director)
    client.cookies["django_language"] = "en"
    page = client.get("/forecasting/").content.decode()
    assert "once targets are set, they show here" in page
    assert "Set a target" in page


def test_with_two_weeks_of_sales_the_outlook_says_how_much_history_a_forecast_needs(
    login, first_weeks, first_run, june_plan
):
    # A new company two weeks in: its targets are set, June is running, and June is not
    # history yet — no series has a month. The page says so with the figures, not a table
    # of dashes.
    plan = june_plan()
    response = login(first_weeks.rep).get(reverse("forecasting:outlook"), {"plan": plan.pk})
    page = response.content.decode()
    assert 'data-testid="short-history"' in page
    assert "统计预测至少需要 1 个完整月份的销售历史，现在只有 15 天的销售" in page
    assert "2026-06-01 至 2026-06-15" in page
    assert "2026-06 结束后的下一次计算会给出预测" in page
    assert "历史不足一个完整月份，还没有统计预测" in page
    assert "没有这个维度的预测" not in page
    panel = login(first_weeks.rep).get(reverse("forecasting:home_panel")).content.decode()
    assert "统计预测至少需要 1 个完整月份的销售历史" in panel


def test_with_two_weeks_of_sales_the_outlook_says_so_in_english(
    login, first_weeks, first_run, june_plan
):
    from tests.browser import compile_messages

    compile_messages()
    plan = june_plan()
    client = login(first_weeks.director)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("forecasting:outlook"), {"plan": plan.pk}).content.decode()
    assert "A statistical forecast needs at least 1 whole month of sales history" in page
    assert "so far there are 15 days of sales (2026-06-01 to 2026-06-15)" in page
    assert "No statistical forecast yet: less than one whole month of history" in page


def test_with_years_of_history_the_outlook_has_no_such_note(login, history, plan):
    page = login(history.rep).get(reverse("forecasting:outlook"), {"plan": plan.pk})
    assert b'data-testid="short-history"' not in page.content


def test_after_submitting_the_rep_sees_their_call_in_the_form(login, company):
    client = login(company.rep)
    assert (
        'data-testid="last-call"' not in client.get(reverse("forecasting:submit")).content.decode()
    )
    month = dt.date.today().replace(day=1)
    client.post(
        reverse("forecasting:submit"),
        {"month": month.isoformat(), "commit": "8万", "best_case": "120000.5", "note": "两单"},
    )
    page = client.get(reverse("forecasting:submit")).content.decode()
    assert 'value="80,000"' in page
    assert 'value="120,000.50"' in page
    assert "两单</textarea>" in page
    assert 'data-testid="last-call"' in page


def test_the_roll_up_form_shows_the_managers_own_call_once_made(login, company):
    month = dt.date.today().replace(day=1)
    login(company.rep).post(
        reverse("forecasting:submit"),
        {"month": month.isoformat(), "commit": "80000", "best_case": "120000"},
    )
    client = login(company.manager_north)
    url = reverse("forecasting:team")
    before = client.get(url, {"node": company.north.pk}).content.decode()
    assert 'value="80,000"' in before  # the reps' sum, not 80000.00
    assert "80000.00" not in before
    client.post(
        url,
        {
            "node": company.north.pk,
            "month": month.isoformat(),
            "commit": "7万",
            "best_case": "120000",
            "note": "一单可能推迟",
        },
    )
    after = client.get(url, {"node": company.north.pk}).content.decode()
    assert 'value="70,000"' in after
    assert "一单可能推迟</textarea>" in after
