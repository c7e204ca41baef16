"""The pages a rep and a team lead open every day, at a phone's and a desk's width, in Chinese
and English: the home shows this month first (target, actual, 完成率 against time progress,
what is still needed per working day, rank, the as-of date of the data) with the year below;
我的目标 lists the year first and marks the month, for the team's lead too."""

from __future__ import annotations

from decimal import Decimal

import pytest

from salestarget.targets.queries.decomposition import DecompositionSpec
from salestarget.targets.services.decomposition import target_decompose
from salestarget.targets.services.plans import plan_create
from salestarget.targets.services.workflow import plan_approve, plan_submit
from tests.browser import language_choose, screenshot
from tests.personas import Company

pytestmark = pytest.mark.browser

SIZES = {"phone": {"width": 390, "height": 844}, "desk": {"width": 1440, "height": 900}}


@pytest.fixture
def year_plan(june_sales: Company):
    """FY2026 revenue of 1,200,000, down to the people; 王小明's year split by month."""
    company = june_sales
    by = company.director.user
    plan = plan_create(
        by=by,
        name="2026 销售额",
        metric="revenue",
        period="FY2026",
        scope_node=company.root,
        owner=company.director,
        value=Decimal("1200000"),
    )
    target_decompose(target=plan.root, spec=DecompositionSpec(axes=("org",)), by=by)
    for region in plan.root.children.all():
        target_decompose(target=region, spec=DecompositionSpec(axes=("org",)), by=by)
        for team in region.children.all():
            target_decompose(target=team, spec=DecompositionSpec(axes=("people",)), by=by)
    rep = plan.root.children.get(node=company.north).children.get().children.get(person=company.rep)
    target_decompose(target=rep, spec=DecompositionSpec(axes=("month",), method="days"), by=by)
    plan.refresh_from_db()
    plan_submit(plan=plan, by=by)
    plan.refresh_from_db()
    plan_approve(plan=plan, by=by)
    return plan


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def switch_language(page, code: str) -> None:
    if page.locator("html").get_attribute("lang") != code:
        language_choose(page, code)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_reps_home_and_targets_put_the_month_first(
    browser_page, live_login, june_sales, year_plan, language
) -> None:
    company = june_sales
    page = live_login(company.rep)
    switch_language(page, language)
    for size, viewport in SIZES.items():
        page.set_viewport_size(viewport)
        page.goto(f"{page.live_url}/")
        panel = page.locator("[data-testid=tracking-panel]")
        panel.wait_for()
        # The month of the data (June, data up to the 20th), then the year below it.
        assert "2026-06" in page.inner_text("[data-testid=panel-period]")
        assert "2026-06-20" in page.inner_text("[data-testid=panel-as-of]")
        actual = page.locator("[data-testid=panel-actual] span.num")
        assert actual.get_attribute("title") == "50,000.00"
        assert actual.inner_text() == ("5.00万" if language == "zh-hans" else "50.00K")
        assert "FY2026" in page.inner_text("[data-testid=panel-year]")
        assert page.locator("[data-testid=panel-needed]").count() == 1
        assert page.locator("[data-testid=panel-rank]").count() == 1
        # On a phone the month is on the first screen, above the team card and the rest.
        first = page.locator("[data-slot]").first
        assert first.get_attribute("data-slot") == "tracking"
        assert first.locator("[data-testid=tracking-panel]").count() == 1
        box = panel.bounding_box()
        assert box is not None
        if size == "phone":
            assert box["y"] < viewport["height"]
        assert no_sideways_scroll(page)
        screenshot(page, f"daily-home-rep-{size}-{language}")

        page.goto(f"{page.live_url}/targets/mine/")
        rows = page.locator("[data-testid=my-target]")
        assert "FY2026" in rows.first.inner_text()
        assert rows.count() == 13
        # Today (December) is the month to act on; the data's June is the one on the home.
        assert page.locator("[data-current=true]").count() <= 1
        assert no_sideways_scroll(page)
        screenshot(page, f"daily-my-targets-rep-{size}-{language}")
    assert not page.console_errors, page.console_errors


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_team_lead_sees_their_reps_and_their_teams_target(
    browser_page, live_login, june_sales, year_plan, language
) -> None:
    company = june_sales
    page = live_login(company.team_lead)
    switch_language(page, language)
    for size, viewport in SIZES.items():
        page.set_viewport_size(viewport)
        page.goto(f"{page.live_url}/")
        page.locator("[data-testid=tracking-panel]").wait_for()
        assert "王小明" in page.inner_text("[data-testid=team-members]")
        # The panel lists the lead's people with where each stands.
        assert "王小明" in page.inner_text("[data-testid=panel-team]")
        assert no_sideways_scroll(page)
        screenshot(page, f"daily-home-team-lead-{size}-{language}")
        page.goto(f"{page.live_url}/targets/mine/")
        assert page.locator("[data-testid=led]").count() >= 1
        assert "北京一组" in page.inner_text("[data-testid=my-targets]")
        assert no_sideways_scroll(page)
        screenshot(page, f"daily-my-targets-team-lead-{size}-{language}")
    assert not page.console_errors, page.console_errors
