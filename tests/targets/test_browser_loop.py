"""The whole Plan half of the loop in a browser, as the roles would walk it:

the director sets the 2026 revenue plan from last year × growth and splits it to the regions
by last year's share; the regional manager splits 华北 to its team by month with a 5% uplift
and asks the team for drafts for March; the reps submit base and challenge figures; the
manager accepts them and splits March by the drafts; the director submits, approves and locks
the plan; the regional manager asks for an adjustment, the director approves it, and the
history shows every step. The March target card is downloaded as PDF and rendered to PNG.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from salestarget.actuals.rollups import rollups_rebuild
from salestarget.org.models import Role
from salestarget.targets.models import AdjustmentRequest, Status, Target, TargetChange, TargetPlan
from tests.browser import screenshot
from tests.personas import node, person
from tests.targets.conftest import sell

pytestmark = pytest.mark.browser

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots" / "targets"
# 2025 by month: 华北 4.8 M (北京一组 60%, seasonal; 天津一组 40%, flat), 华东 3.2 M.
PROFILE = [5, 4, 8, 8, 9, 9, 8, 8, 9, 10, 10, 12]


def shot(page, name: str) -> Path:
    return screenshot(page, name, folder=SHOTS)


def write_2025_history(company, rep_two, rep_tj, team_tj) -> None:
    for month, weight in enumerate(PROFILE, start=1):
        day = dt.date(2025, month, 15)
        sell(company, day, Decimal(17_280 * weight), person=company.rep)  # 60% of 北京一组
        sell(company, day, Decimal(11_520 * weight), person=rep_two, node=company.team_bj)
        sell(company, day, Decimal(160_000), person=rep_tj, node=team_tj)
        sell(company, day, Decimal(32_000 * weight), person=company.rep_other)
    rollups_rebuild()


def text_of(page, selector: str) -> str:
    """The element's text; for an amount (shown in 万/亿) its exact figure, kept in its title."""
    element = page.locator(selector).first
    amount = element.locator("span.num[title]")
    if amount.count():
        return (amount.first.get_attribute("title") or "").strip()
    return element.inner_text().strip()


def click_and_wait(page, selector: str) -> None:
    """Click something that submits a form or follows a link, and wait for the new page."""
    with page.expect_navigation():
        page.click(selector)


def htmx_idle(page) -> None:
    page.wait_for_function("() => !document.querySelector('.htmx-request')")


def sign_in(page, live_login, who) -> None:
    page.context.clear_cookies()
    live_login(who)


def test_the_plan_half_of_the_loop(browser_page, live_login, company) -> None:
    page = browser_page
    url = page.live_url
    rep_two = person("rep_two", "张小华", Role.REP, company.team_bj)
    team_tj = node("TJ1", "天津一组", "team", company.north)
    rep_tj = person("rep_tj", "刘天明", Role.REP, team_tj)
    write_2025_history(company, rep_two, rep_tj, team_tj)

    # 1. The director sets the 2026 plan: last year × (1 + 25%).
    sign_in(page, live_login, company.director)
    page.goto(f"{url}/targets/plans/new/")
    page.fill("#id_name", "2026 年销售额目标")
    page.fill("#id_period", "FY2026")
    page.fill("#id_growth_pct", "25")
    page.locator("#id_growth_pct").dispatch_event("change")
    page.wait_for_selector('[data-testid="proposal-history"]')
    assert text_of(page, '[data-testid="last-year"]') == "8,000,000.00"
    assert text_of(page, '[data-testid="proposal-history"]') == "10,000,000.00"
    page.click('[data-testid="use-history"]')
    page.wait_for_function(
        "() => document.querySelector('[data-testid=implied-growth]')?.innerText.trim() === '+25.0%'"
    )
    shot(page, "01-director-sets-the-plan")
    htmx_idle(page)
    click_and_wait(page, '[data-testid="save-plan"]')
    plan = TargetPlan.objects.get()
    root = plan.root
    assert root.value == Decimal("10000000.00")

    # 2. … and splits it to the regions by last year's share.
    click_and_wait(page, f'[data-testid="decompose-{root.pk}"]')
    page.select_option("#id_axis", "org")
    page.select_option("#id_method", "history")
    page.wait_for_selector('[data-testid="preview-row"]')
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=preview-value]')]"
        ".map(e => e.querySelector('span.num')?.title ?? e.innerText).join('|')"
        " === '4,000,000.00|6,000,000.00'"
    )
    shot(page, "02-director-splits-to-regions")
    htmx_idle(page)
    click_and_wait(page, '[data-testid="save-split"]')
    north = root.children.get(node=company.north)
    assert north.value == Decimal("6000000.00")

    # 3. The regional manager splits 华北 to its teams by month, with a 5% uplift.
    sign_in(page, live_login, company.manager_north)
    page.goto(f"{url}/targets/plans/{plan.pk}/")
    click_and_wait(page, f'[data-testid="decompose-{north.pk}"]')
    page.select_option("#id_axis", "org")
    page.select_option("#id_axis2", "month")
    page.select_option("#id_method", "history")
    page.select_option("#id_column_method", "history")
    page.fill("#id_uplift_pct", "5")
    page.locator("#id_uplift_pct").dispatch_event("change")
    page.wait_for_selector('[data-testid="uplift"]')
    htmx_idle(page)
    assert text_of(page, '[data-testid="split-total"]') == "6,300,000.00"
    shot(page, "03-manager-splits-teams-by-month")
    click_and_wait(page, '[data-testid="save-split"]')
    teams = {t.node.name: t for t in north.children.select_related("node")}
    assert {n: t.value for n, t in teams.items()} == {
        "北京一组": Decimal(3780000),
        "天津一组": Decimal(2520000),
    }
    for team in teams.values():
        assert sum(m.value for m in team.children.all()) == team.value
    for month in range(1, 13):  # every month of 华北 adds up across the teams, to the cent
        cells = Target.objects.filter(parent__parent=north, period=f"2026-{month:02d}")
        expected = (Decimal(28_800 * PROFILE[month - 1] + 160_000) * Decimal("1.3125")).quantize(
            Decimal("0.01")
        )
        assert sum(c.value for c in cells) == expected
    team = teams["北京一组"]
    march = team.children.get(period="2026-03")
    assert march.value == Decimal("302400.00")  # last March × 6.3 / 4.8

    # 4. … and asks the team for drafts for March (found by the plan page's search, which
    # opens the path down to it).
    page.fill('[data-testid="tree-search"] input[name="q"]', "北京一组 · 2026-03")
    click_and_wait(page, '[data-testid="tree-search"] button')
    click_and_wait(page, f'[data-testid="round-{march.pk}"]')
    page.fill("#id_note", "请结合去年同期和新客户情况填写")
    click_and_wait(page, '[data-testid="open-round"]')
    round_url = page.url

    # 5. The reps submit their base and challenge figures.
    for rep, base, challenge, obstacle in (
        (company.rep, "170000", "180000", "竞品降价抢单"),
        (rep_two, "110000", "120000", "老客户预算收紧"),
    ):
        sign_in(page, live_login, rep)
        page.goto(f"{url}/targets/mine/")
        badge = page.locator('[data-testid="notifications"] .badge')
        assert badge.inner_text().startswith("1")  # 请提交目标草案
        click_and_wait(page, '[data-testid="my-drafts"] a')
        page.fill("#id_base_value", base)
        page.fill("#id_challenge_value", challenge)
        page.fill("#id_obstacles", obstacle)
        page.fill("#id_resources", "一场客户答谢会的费用")
        if rep == company.rep:
            shot(page, "04-rep-submits-a-draft")
        click_and_wait(page, '[data-testid="submit-draft"]')
        assert text_of(page, '[data-testid="my-draft-status"]') == "已提交"

    # 6. The manager reviews: accepts one, changes the other, then splits by the drafts.
    sign_in(page, live_login, company.manager_north)
    page.goto(round_url)
    assert text_of(page, '[data-testid="handed-down"]') == "302,400.00"
    assert text_of(page, '[data-testid="gap"]') == "-2,400.00"
    page.click('[data-testid="accept-rep"]')
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=draft-status]')]"
        ".some(e => e.innerText === '已接受')"
    )
    row = page.locator('[data-testid="draft-row"]', has_text="张小华")
    row.locator('input[name="agreed_value"]').fill("122400")
    row.locator('button[value="change"]').click()
    page.wait_for_function(
        "() => document.querySelector('[data-testid=gap]')?.innerText.trim() === '+0.00'"
    )
    shot(page, "05-manager-reviews-drafts")
    click_and_wait(page, '[data-testid="split-by-drafts"]')
    page.wait_for_selector('[data-testid="preview-row"]')
    htmx_idle(page)
    click_and_wait(page, '[data-testid="save-split"]')
    rep_march = march.children.get(person=company.rep)
    assert (rep_march.value, rep_march.base_value, rep_march.challenge_value) == (
        Decimal(180000),
        Decimal(170000),
        Decimal(180000),
    )

    # 7. The director submits, approves and locks the plan.
    sign_in(page, live_login, company.director)
    page.goto(f"{url}/targets/plans/{plan.pk}/")
    for action in ("plan-submit", "plan-approve", "plan-lock"):
        click_and_wait(page, f'[data-testid="{action}"]')
    assert text_of(page, '[data-testid="plan-status"]') == "已锁定"
    shot(page, "06-director-locked-plan")
    assert set(Target.objects.filter(plan=plan).values_list("status", flat=True)) == {Status.LOCKED}

    # 8. The regional manager asks for an adjustment of 华北; the director approves it.
    sign_in(page, live_login, company.manager_north)
    page.goto(f"{url}/targets/t/{north.pk}/adjust/")
    page.fill("#id_new_value", "5800000")
    page.select_option("#id_reason_category", "market")
    page.fill("#id_reason", "主要竞品在华北大幅降价")
    click_and_wait(page, '[data-testid="request-adjustment"]')
    adjustment = AdjustmentRequest.objects.get()

    sign_in(page, live_login, company.director)
    page.goto(f"{url}/targets/approvals/")
    click_and_wait(page, f'[data-testid="adjustment-{adjustment.pk}"]')
    page.fill("#id_note", "同意，按原比例分解")
    click_and_wait(page, '[data-testid="approve-adjustment"]')
    assert text_of(page, '[data-testid="adjustment-state"]') == "已批准"
    north.refresh_from_db()
    assert north.value == Decimal(5800000)
    teams = list(north.children.order_by("sort_order"))
    assert [t.value for t in teams] == [
        Decimal("3654000.00"),
        Decimal("2436000.00"),
    ]  # 5.8 M + 5%, 3 : 2

    # 9. The history shows every step.
    page.goto(f"{url}/targets/t/{north.pk}/history/")
    kinds = page.locator('[data-testid="history"] tbody tr').evaluate_all(
        "rows => rows.map(r => r.dataset.kind)"
    )
    assert kinds[::-1] == ["created", "decomposed", "submitted", "approved", "locked", "adjusted"]
    shot(page, "07-history-of-north")
    page.goto(f"{url}/targets/plans/{plan.pk}/history/")
    assert TargetChange.objects.filter(plan=plan, kind="adjusted").count() > 12
    shot(page, "08-plan-history")

    # 10. The March card of 王小明, as PDF, rendered to PNG to be looked at.
    response = page.request.get(f"{url}/targets/t/{rep_march.pk}/card.pdf")
    assert response.status == 200
    pdf = SHOTS / "09-card-wang-2026-03.pdf"
    pdf.write_bytes(response.body())
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True
        ).stdout.decode()
        for shown in ("月度销售目标分解卡", "王小明", "北京一组", "2026-03", "竞品降价抢单"):
            assert shown in text
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-singlefile", str(pdf), str(pdf.with_suffix(""))],
            check=True,
        )

    assert not page.console_errors, page.console_errors


PHONE = {"width": 390, "height": 844}
DESK = {"width": 1440, "height": 900}


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_next_years_plan_form_marks_last_year_so_far(
    browser_page, live_login, company, language
) -> None:
    """FY2027 planned while FY2026's facts stop on 30 June: the context panel marks last year
    and its growth and says to which day it runs, on a phone and on a desk."""
    from tests.browser import language_choose

    sell(company, dt.date(2024, 3, 15), Decimal(700_000))
    sell(company, dt.date(2025, 3, 15), Decimal(800_000))
    sell(company, dt.date(2026, 6, 30), Decimal(500_000))
    rollups_rebuild()
    page = browser_page
    sign_in(page, live_login, company.director)
    language_choose(page, language)
    for name, size in (("phone", PHONE), ("desk", DESK)):
        page.set_viewport_size(size)
        page.goto(f"{page.live_url}/targets/plans/new/")
        page.fill("#id_name", "2027 年销售额目标")
        page.fill("#id_period", "FY2027")
        page.fill("#id_value", "1000000")
        page.fill("#id_growth_pct", "25")
        page.locator("#id_growth_pct").dispatch_event("change")
        page.wait_for_selector('[data-testid="proposal-history"]')
        htmx_idle(page)
        assert "2026-06-30" in page.locator('[data-testid="partial-year"]').inner_text()
        assert "2026-06-30" in page.locator('[data-testid="proposals"]').inner_text()
        assert no_sideways_scroll(page)
        shot(page, f"plan-form-last-year-so-far-{name}-{language}")
    assert not page.console_errors


def test_a_drafts_round_marks_last_year_so_far(
    browser_page, live_login, company, rep_two, team_target
) -> None:
    from salestarget.targets.services.drafts import round_open

    sell(company, dt.date(2025, 3, 10), Decimal(40_000))
    rollups_rebuild()
    rnd = round_open(target=team_target(), by=company.team_lead.user)
    page = browser_page
    for who, role in ((company.rep, "rep"), (company.team_lead, "lead")):
        sign_in(page, live_login, who)
        for name, size in (("phone", PHONE), ("desk", DESK)):
            page.set_viewport_size(size)
            page.goto(f"{page.live_url}/targets/rounds/{rnd.pk}/")
            assert "2025-03-10" in page.locator('[data-testid="partial-year"]').inner_text()
            assert no_sideways_scroll(page)
            shot(page, f"drafts-last-year-so-far-{role}-{name}")
    assert not page.console_errors
