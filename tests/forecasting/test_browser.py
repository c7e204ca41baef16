"""In a browser: a rep categorises an opportunity and submits the week's forecast on a phone;
the regional manager rolls the region up and adjusts it with a note; the outlook page draws a
target's charts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone

from salestarget.actuals.models import Opportunity
from salestarget.forecasting.models import Category, OpportunityCall, Submission
from salestarget.forecasting.services.compute import forecasts_compute
from tests.browser import screenshot
from tests.forecasting.conftest import QUICK, target_of

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def chart_src(page, target) -> str:
    return page.get_attribute(f"tr[data-target='{target.pk}'] a[data-chart-src]", "data-chart-src")


def _no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_rep_submits_and_the_manager_adjusts_the_roll_up(browser_page, live_login, company):
    deal = Opportunity.objects.create(
        external_id="OPP-1",
        name="华北医院打印机更新",
        customer=company.customer_bj,
        person=company.rep,
        node=company.team_bj,
        amount=Decimal(80000),
        opened_on=dt.date(2026, 5, 1),
    )
    page = live_login(company.rep)
    page.set_viewport_size(PHONE)
    page.goto(f"{page.live_url}/forecasting/submit/")
    assert _no_sideways_scroll(page)
    with page.expect_navigation():
        page.select_option("[data-testid=opportunities] select[name=category]", Category.COMMIT)
    assert OpportunityCall.objects.get(opportunity=deal).category == Category.COMMIT
    page.fill("#id_commit", "60000")
    page.fill("#id_best_case", "90000")
    page.fill("#id_note", "医院项目本月签约")
    with page.expect_navigation():
        page.click("[data-testid=submit-forecast]")
    assert page.locator("[data-testid=snapshots] tbody tr").count() == 1
    # The form keeps what the rep called, as amounts read elsewhere (60,000, not 60000.00).
    assert page.input_value("#id_commit") == "60,000"
    assert page.input_value("#id_best_case") == "90,000"
    assert page.input_value("#id_note") == "医院项目本月签约"
    assert page.locator("[data-testid=last-call]").is_visible()
    assert _no_sideways_scroll(page)
    screenshot(page, "forecasting-rep-submission-phone")
    assert not page.console_errors

    page.context.clear_cookies()
    page = live_login(company.manager_north)
    page.set_viewport_size(PHONE)
    page.goto(f"{page.live_url}/forecasting/team/?node={company.north.pk}")
    commit = page.locator("[data-testid=rollup-commit] span.num")
    assert commit.inner_text() == "6.00万"
    assert commit.get_attribute("title") == "60,000.00"
    assert page.input_value("#id_commit") == "60,000"  # the reps' sum to adjust
    page.fill("#id_commit", "50000")
    with page.expect_navigation():
        page.click("[data-testid=submit-rollup]")
    assert "调整了下属的合计，请写明原因" in page.inner_text("[data-testid=rollup-form]")
    page.fill("#id_commit", "50000")
    page.fill("#id_note", "医院项目可能推迟")
    with page.expect_navigation():
        page.click("[data-testid=submit-rollup]")
    assert "医院项目可能推迟" in page.inner_text("[data-testid=adjusted]")
    # The manager's own call now, not the reps' sum again.
    assert page.input_value("#id_commit") == "50,000"
    assert page.input_value("#id_best_case") == "90,000"
    assert page.input_value("#id_note") == "医院项目可能推迟"
    assert _no_sideways_scroll(page)
    screenshot(page, "forecasting-manager-rollup-phone")
    adjusted = Submission.objects.get(kind=Submission.Kind.ROLLUP)
    assert (adjusted.rolled_up, adjusted.commit) == (Decimal(60000), Decimal(50000))
    assert adjusted.month == timezone.localdate().replace(day=1)
    assert not page.console_errors


def test_the_outlook_page_draws_a_targets_charts(browser_page, live_login, history, run, june_plan):
    plan = june_plan()
    page = live_login(history.manager_north)
    page.goto(f"{page.live_url}/forecasting/?plan={plan.pk}")
    assert "销售额" in page.inner_text("[data-testid=outlook-filters]")
    target = target_of(plan, node=history.north)
    page.click(f"tr[data-target='{target.pk}'] a[data-chart-src]")
    page.wait_for_selector("#outlook-cumulative canvas")
    page.wait_for_selector("#outlook-monthly canvas")
    page.wait_for_timeout(1200)  # ECharts' entry animation
    # June is one month: its P10–P90 band is a shaded area, not a stack of one point.
    area = page.evaluate(
        "() => echarts.getInstanceByDom(document.getElementById('outlook-cumulative'))"
        ".getOption().series.flatMap((s) => (s.markArea ? s.markArea.data : []))"
        ".map((d) => [d[0].yAxis, d[1].yAxis])"
    )
    data = page.evaluate("(src) => fetch(src).then((r) => r.json())", chart_src(page, target))
    low, high = data["period"]["p10"][0], data["period"]["p90"][0]
    assert low < high
    assert area == [[low, high]]
    screenshot(page, "forecasting-outlook")
    assert not page.console_errors


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_on_a_phone_each_target_is_a_card(
    browser_page, live_login, history, run, june_plan, language
):
    plan = june_plan()
    june_plan(period="2026-05")  # a month over: the reliability table's targets
    assert forecasts_compute(spec=QUICK) is not None
    page = live_login(history.manager_north)
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": page.live_url}]
    )
    page.set_viewport_size(PHONE)
    page.goto(f"{page.live_url}/forecasting/?plan={plan.pk}")
    assert _no_sideways_scroll(page)
    assert not page.locator("#outlook-table").is_visible()
    cards = page.locator("[data-testid=outlook-card]")
    assert cards.count() == 3  # 华北, 北京一组, 王小明
    assert cards.first.bounding_box()["width"] <= PHONE["width"]
    verdicts = page.locator("[data-testid=reliability] tbody tr")
    assert verdicts.count() > 0
    held = page.locator("[data-testid=reliability] tr[data-held=yes] .text-success")
    missed = page.locator("[data-testid=reliability] tr[data-held=no] .text-danger")
    assert held.count() + missed.count() == verdicts.count()
    target = target_of(plan, node=history.north)
    page.click(f"[data-testid=outlook-card][data-target='{target.pk}'] a[data-chart-src]")
    page.wait_for_selector("#outlook-monthly canvas")
    page.wait_for_timeout(1200)
    assert _no_sideways_scroll(page)
    screenshot(page, f"forecasting-outlook-phone-{language}")
    assert not page.console_errors


def test_a_director_compares_scenarios_and_adopts_one_on_a_phone(
    browser_page, live_login, history, run
):
    from salestarget.targets.models import Target
    from salestarget.targets.services.plans import plan_create

    july = plan_create(
        by=history.director.user,
        name="2026-07 销售额",
        metric="revenue",
        period="2026-07",
        scope_node=history.root,
        owner=history.director,
        value=Decimal(20000),
    ).root
    page = live_login(history.director)
    page.set_viewport_size(PHONE)
    page.goto(f"{page.live_url}/forecasting/scenarios/?target={july.pk}&axis=org")
    assert page.locator("[data-testid=scenario-card]").count() == 4
    assert _no_sideways_scroll(page)
    page.fill("[data-testid=total-4]", "19000.01")
    page.select_option("[data-testid=method-4]", "equal")
    with page.expect_navigation():
        page.click("[data-testid=compare]")
    cards = page.locator("[data-testid=scenario-card]")
    assert "1.90万" in cards.nth(3).inner_text()
    assert cards.nth(3).locator('span.num[title="19,000.01"]').count() == 1
    assert _no_sideways_scroll(page)
    box = page.locator("[data-testid=scenario-members-box]").bounding_box()
    assert box["width"] <= PHONE["width"]  # the wide table scrolls inside its own box
    screenshot(page, "forecasting-scenarios-phone")
    with page.expect_navigation():
        page.click("[data-testid=adopt-4]")
    children = Target.objects.filter(parent=july).values_list("value", flat=True)
    assert sorted(children) == [Decimal("9500.00"), Decimal("9500.01")]
    assert not page.console_errors


def test_the_customer_analysis_reads_on_a_phone(browser_page, live_login, history, run):
    page = live_login(history.manager_north)
    page.set_viewport_size(PHONE)
    page.goto(f"{page.live_url}/forecasting/customers/?node={history.north.pk}")
    assert page.locator("[data-testid=customer-months] tbody tr").count() == 12
    assert "2026-06-20" in page.content()  # as of the last day with sales, not today
    with page.expect_navigation():
        # 北京客户 alone is the median on every count: recent, but not above it on the others.
        page.click("[data-segment=general_develop] a")
    assert "北京客户" in page.inner_text("[data-testid=segment-customers]")
    assert _no_sideways_scroll(page)
    screenshot(page, "forecasting-customers-phone")
    assert not page.console_errors


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_customer_analysis_on_a_phone(browser_page, live_login, history, run, language):
    page = live_login(history.manager_north)
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": page.live_url}]
    )
    page.set_viewport_size(PHONE)
    page.goto(f"{page.live_url}/forecasting/customers/?node={history.north.pk}")
    page.wait_for_selector('#customer-trend[data-ready="1"] canvas', timeout=40_000)
    page.wait_for_timeout(1000)  # ECharts' entry animation
    assert _no_sideways_scroll(page)
    assert page.locator("[data-testid=customers-xlsx]").is_visible()
    assert page.locator("[data-testid=segments] tbody tr").count() == 8
    screenshot(page, f"forecasting-customers-phone-{language}")
    assert not page.console_errors


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_next_junes_split_and_scenarios_say_up_to_which_day_last_june_runs(
    browser_page, live_login, history, run, language
):
    """June 2027 planned on 20 June 2026: the split's preview finishes last June at June
    2025's pace and marks those figures; the scenarios page finishes it with the forecast and
    says so; both fit a phone."""
    from django.urls import reverse

    from salestarget.targets.services.plans import plan_create
    from tests.browser import language_choose

    june = plan_create(
        by=history.director.user,
        name="2027-06 销售额",
        metric="revenue",
        period="2027-06",
        scope_node=history.root,
        owner=history.director,
        value=Decimal(200000),
    ).root
    page = live_login(history.director)
    language_choose(page, language)
    for name, size in (("phone", PHONE), ("desk", {"width": 1440, "height": 900})):
        page.set_viewport_size(size)
        page.goto(f"{page.live_url}/forecasting/scenarios/?target={june.pk}&axis=org")
        note = page.locator("[data-testid=partial-year]")
        assert "2026-06-20" in note.inner_text()
        assert page.locator("[data-testid=scenario-card]").count() == 4
        assert _no_sideways_scroll(page)
        screenshot(page, f"forecasting-scenarios-last-year-{name}-{language}")
        page.goto(page.live_url + reverse("targets:decompose", args=[june.pk]))
        page.select_option("#id_axis", "org")
        page.select_option("#id_method", "history")
        page.wait_for_selector("[data-testid=paced-year]")
        assert "2026-06-20" in page.locator("[data-testid=paced-year]").inner_text()
        assert page.locator("[data-testid=preview-table] [data-testid=paced-mark]").count() >= 2
        assert _no_sideways_scroll(page)
        screenshot(page, f"targets-split-last-year-{name}-{language}")
    assert not page.console_errors


def test_next_years_plan_form_sets_the_forecasts_proposals_against_this_year_finished(
    browser_page, live_login, history, run
):
    page = live_login(history.manager_north)
    for name, size in (("phone", PHONE), ("desk", {"width": 1440, "height": 900})):
        page.set_viewport_size(size)
        page.goto(f"{page.live_url}/targets/plans/new/")
        page.fill("#id_name", "2027 华北销售额")
        page.fill("#id_period", "FY2027")
        page.locator("#id_period").dispatch_event("change")
        page.wait_for_selector("[data-testid=forecast-year-before]")
        assert "2026-06-20" in page.locator("[data-testid=partial-year]").inner_text()
        assert _no_sideways_scroll(page)
        screenshot(page, f"forecasting-plan-form-last-year-{name}")
    assert not page.console_errors
