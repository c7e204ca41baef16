"""The statement pages, scoped: a rep sees only their own statements; a manager their
subtree's, read-only; another subtree's manager nothing; finance everything."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from salestarget.incentives.models import Dispute, Statement, StatementStatus
from salestarget.incentives.services.calculation import statement_calculate
from tests.browser import compile_messages

D = Decimal


@pytest.fixture
def statements(june, commission_plan):
    commission_plan()
    statement_calculate(period="2026-06", by=june.finance.user)
    return {s.person_id: s for s in Statement.objects.filter(period="2026-06")}


def test_a_rep_sees_their_own_statement_with_every_step_and_not_anyone_elses(
    june, statements, login
):
    client = login(june.rep)
    page = client.get(reverse("incentives:statements")).content.decode()
    assert "王小明" in page
    assert "陈小红" not in page
    mine = statements[june.rep.pk]
    detail = client.get(reverse("incentives:statement", args=[mine.pk])).content.decode()
    assert "4,400.00" in detail
    assert "100%～120% 档：200,000.00" not in detail  # quota 100,000: the slice is 20,000
    assert "100%～120% 档：20,000.00 × 5% = 1,000.00" in detail
    other = statements[june.rep_other.pk]
    assert client.get(reverse("incentives:statement", args=[other.pk])).status_code == 404
    line = other.lines.get()
    assert client.get(reverse("incentives:line_sales", args=[line.pk])).status_code == 404
    assert (
        client.post(reverse("incentives:dispute_create", args=[line.pk]), {"note": "x"}).status_code
        == 404
    )


def test_a_statement_without_a_target_says_so_beside_its_zero(june, commission_plan, login):
    """July has no targets: the rate table by attainment pays 0, and the line says there
    was no quota rather than showing a bare 0.00."""
    commission_plan()
    statement_calculate(period="2026-07", by=june.finance.user)
    july = Statement.objects.get(period="2026-07", person=june.rep)
    detail = login(june.rep).get(reverse("incentives:statement", args=[july.pk])).content.decode()
    assert 'data-testid="no-quota"' in detail
    assert "无指标" in detail
    statement_calculate(period="2026-06", by=june.finance.user)
    mine = Statement.objects.get(period="2026-06", person=june.rep)
    page = login(june.rep).get(reverse("incentives:statement", args=[mine.pk])).content.decode()
    assert 'data-testid="no-quota"' not in page


def test_the_months_list_names_who_was_paid_nothing_for_want_of_a_target(
    june, commission_plan, login
):
    """Finance calculates July before anyone has a July target: the list says who has no
    quota and what to do, instead of a column of zeros ready to be closed."""
    commission_plan()
    statement_calculate(period="2026-07", by=june.finance.user)
    finance = login(june.finance)
    july = finance.get(reverse("incentives:statements"), {"period": "2026-07"}).content.decode()
    warning = re.search(r'data-testid="without-quota">(.*?)</div>', july, re.S)
    assert warning is not None
    assert "2 人在 2026-07 没有指标" in warning[1]
    assert "王小明" in warning[1]
    assert "陈小红" in warning[1]
    assert "请先下达他们这个月的目标" in warning[1]
    # A manager sees their own subtree's only; June, with its targets, says nothing.
    north = login(june.manager_north)
    page = north.get(reverse("incentives:statements"), {"period": "2026-07"}).content.decode()
    assert "1 人在 2026-07 没有指标" in page
    assert "陈小红" not in page
    statement_calculate(period="2026-06", by=june.finance.user)
    finance = login(june.finance)  # the one test client, signed in again
    june_list = finance.get(reverse("incentives:statements"), {"period": "2026-06"})
    assert 'data-testid="without-quota"' not in june_list.content.decode()
    compile_messages()
    finance.cookies["django_language"] = "en"
    english = finance.get(reverse("incentives:statements"), {"period": "2026-07"}).content.decode()
    assert "2 people have no quota for 2026-07" in english


def test_managers_see_their_subtree_only_and_cannot_approve(june, statements, login):
    mine, other = statements[june.rep.pk], statements[june.rep_other.pk]
    north = login(june.manager_north)
    assert north.get(reverse("incentives:statement", args=[mine.pk])).status_code == 200
    assert north.get(reverse("incentives:statement", args=[other.pk])).status_code == 404
    response = north.post(reverse("incentives:statement_action", args=[mine.pk, "approve"]))
    assert response.status_code == 403
    mine.refresh_from_db()
    assert mine.status == StatementStatus.CALCULATED
    assert north.get(reverse("incentives:plans")).status_code == 403
    assert north.get(reverse("incentives:payroll_csv", args=["2026-06"])).status_code == 403
    east = login(june.manager_east)
    assert east.get(reverse("incentives:statement", args=[mine.pk])).status_code == 404


def test_a_dispute_from_the_phone_page_and_finance_resolves_it(june, statements, login):
    line = statements[june.rep.pk].lines.get()
    rep = login(june.rep)
    rep.post(reverse("incentives:dispute_create", args=[line.pk]), {"note": "漏算一单"})
    dispute = Dispute.objects.get()
    north = login(june.manager_north)
    assert (
        north.post(
            reverse("incentives:dispute_resolve", args=[dispute.pk]), {"resolution": "x"}
        ).status_code
        == 403
    )
    finance = login(june.finance)
    finance.post(
        reverse("incentives:dispute_resolve", args=[dispute.pk]),
        {"resolution": "补发", "adjustment": "100"},
    )
    statement = statements[june.rep.pk]
    statement.refresh_from_db()
    assert statement.total == D("4500.00")


def test_the_line_sales_and_the_what_if(june, statements, login):
    client = login(june.rep)
    line = statements[june.rep.pk].lines.get()
    sales = client.get(reverse("incentives:line_sales", args=[line.pk])).content.decode()
    assert "100,000.00" in sales
    assert "25,000.00" in sales
    answer = client.get(
        reverse("incentives:what_if", args=[statements[june.rep.pk].pk]), {"extra": "200000"}
    ).content.decode()
    # 125,000 → 325,000 against 100,000: 200,000 more at 8%.
    assert "16,000.00" in answer
    bad = client.get(
        reverse("incentives:what_if", args=[statements[june.rep.pk].pk]), {"extra": "abc"}
    )
    assert bad.status_code == 200
    assert "what-if-answer" not in bad.content.decode()


def test_the_lines_behind_a_line_export_as_csv_filtered_as_on_the_page(june, statements, login):
    client = login(june.rep)
    line = statements[june.rep.pk].lines.get()
    url = reverse("incentives:line_sales_csv", args=[line.pk])
    rows = list(csv.reader(io.StringIO(b"".join(client.get(url).streaming_content).decode())))
    assert rows[0][0] == "\ufeff日期"
    assert sorted(r[-1] for r in rows[1:]) == ["100000.00", "25000.00"]
    found = b"".join(client.get(url, {"q": "no-such-order"}).streaming_content).decode()
    assert found.count("\n") == 1  # the header only
    other = statements[june.rep_other.pk].lines.get()
    assert client.get(reverse("incentives:line_sales_csv", args=[other.pk])).status_code == 404


def test_finance_runs_the_month_and_exports_the_payroll(june, statements, login):
    finance = login(june.finance)
    page = finance.get(reverse("incentives:statements")).content.decode()
    assert "王小明" in page
    assert "陈小红" in page
    bad = finance.post(reverse("incentives:period_run", args=["calculate"]), {"period": "June"})
    assert bad.status_code == 400
    finance.post(reverse("incentives:period_run", args=["close"]), {"period": "2026-06"})
    assert Statement.objects.filter(status=StatementStatus.PAID).count() == 2
    csv = finance.get(reverse("incentives:payroll_csv", args=["2026-06"])).content.decode(
        "utf-8-sig"
    )
    assert "王小明,2026-06,4400.00" in csv
    xlsx = finance.get(reverse("incentives:payroll_xlsx", args=["2026-06"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sorted(row[3] for row in sheet.iter_rows(min_row=2, values_only=True)) == [2400, 4400]


def test_the_home_panel_shows_the_reps_expected_commission(june, statements, login):
    panel = login(june.rep).get(reverse("incentives:home_panel")).content.decode()
    assert "4,400.00" in panel
    assert "incentives/home_panel" not in panel
    home = login(june.rep).get(reverse("home")).content.decode()
    assert 'data-slot="incentives"' in home


def test_in_english_finance_calculates_the_month_and_a_line_shows_its_quota(
    june, statements, login
):
    """计算 is the Calculate button here, not the Computed column of a calibration; 指标 is the
    line's quota, not a metric."""
    compile_messages()
    finance = login(june.finance)
    chinese = finance.get(reverse("incentives:statements")).content.decode()
    assert 'data-testid="run-calculate">计算</button>' in chinese
    finance.cookies["django_language"] = "en"
    page = finance.get(reverse("incentives:statements")).content.decode()
    assert re.search(r'data-testid="run-calculate">Calculate</button>', page)
    mine = statements[june.rep.pk]
    detail = finance.get(reverse("incentives:statement", args=[mine.pk])).content.decode()
    assert "Quota 100,000.00" in detail
