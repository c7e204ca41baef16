"""A cycle in a browser from opening to the rep's acknowledgement: finance opens the quarter,
the rep rates themself on a phone, the lead reviews, the cycle is computed, the lead proposes,
a calibration session changes a grade with a reason and locks, the lead records the interview
and the rep acknowledges it on the phone — with no horizontal scrolling at 375 px."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from salestarget.assessment.models import FeedbackInterview, GradeChange, Scorecard
from tests.browser import screenshot

pytestmark = pytest.mark.browser

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots" / "assessment"
PHONE = {"width": 375, "height": 780}
DESK = {"width": 1366, "height": 900}


def shot(page, name: str) -> None:
    screenshot(page, name, folder=SHOTS)


def sign_in(page, live_login, who, viewport=DESK) -> None:
    page.context.clear_cookies()
    page.set_viewport_size(viewport)
    live_login(who)


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def submit(page, selector: str = "button[type=submit]") -> None:
    with page.expect_navigation():
        page.click(selector)


def cycle_form_fill(page, *, period: str, root, deadlines: tuple[str, ...], at: str) -> None:
    """The period, the root and the five steps' deadlines (days, each at ``at``)."""
    page.fill("#id_period", period)
    page.select_option("#id_root", str(root.pk))
    steps = ("self_review_by", "reviews_by", "proposal_by", "calibration_by", "feedback_by")
    for field, day in zip(steps, deadlines, strict=True):
        page.fill(f"#id_{field}", f"{day}T{at}")


def rate_all(page, level: int) -> None:
    for name in page.eval_on_selector_all(
        "[data-testid=review-form] input[type=radio]", "els => [...new Set(els.map(e => e.name))]"
    ):
        page.check(f"input[name={name}][value='{level}']")


def test_a_cycle_from_opening_to_the_reps_acknowledgement(browser_page, live_login, team):
    page = browser_page
    url = page.live_url
    company = team.company

    # 1. Finance opens the quarter for the reps of the company.
    sign_in(page, live_login, company.finance)
    page.goto(f"{url}/assessment/cycles/new/")
    cycle_form_fill(
        page,
        period="FY2026-Q2",
        root=company.root,
        deadlines=("2026-07-03", "2026-07-08", "2026-07-12", "2026-07-16", "2026-07-25"),
        at="17:30",
    )
    submit(page, "[data-testid=cycle-form] button")
    assert "自评" in page.inner_text("[data-testid=step]")
    cycle_url = page.url
    assert "待评价" in page.inner_text("[data-testid=review-progress]")
    shot(page, "1-cycle-opened")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "1-cycle-opened-390")

    # 2. The rep rates themself on a phone.
    sign_in(page, live_login, team.rep, PHONE)
    page.goto(f"{url}/assessment/")
    assert no_sideways_scroll(page)
    shot(page, "2-my-assessment-phone")
    submit(page, "[data-testid=to-give] a")
    # Beside the ratings, what the rep is assessed on: the measured items computed so far.
    lines = page.locator("[data-testid=review-line]")
    assert lines.count() == 4
    assert "9.30万" in lines.first.inner_text()
    rate_all(page, 4)
    assert no_sideways_scroll(page)
    shot(page, "3-self-review-phone")
    submit(page, "[data-testid=review-form] button[type=submit]")
    assert "已提交" in page.inner_text("[data-testid=to-give]")

    # 3. The lead gives the manager's review.
    sign_in(page, live_login, team.lead)
    page.goto(f"{url}/assessment/")
    with page.expect_navigation():
        page.get_by_text(team.rep.name).first.click()
    rate_all(page, 3)
    submit(page, "[data-testid=review-form] button[type=submit]")

    # 4. Finance moves on to the proposals: the scores are computed.
    sign_in(page, live_login, company.finance)
    for _step in range(2):
        page.goto(cycle_url)
        submit(page, "[data-testid=advance]")
    assert "上级初评" in page.inner_text("[data-testid=step]")
    card = Scorecard.objects.get(person=team.rep)
    assert card.computed_grade

    # 5. The lead proposes the computed grade.
    sign_in(page, live_login, team.lead)
    page.goto(f"{url}/assessment/card/{card.pk}/")
    shot(page, "4-scorecard-lead")
    submit(page, "[data-testid=propose] button")

    # 6. Calibration for 华北: one grade changed with a reason, then locked.
    sign_in(page, live_login, company.finance)
    page.goto(cycle_url)
    submit(page, "[data-testid=advance]")
    page.select_option("select[name=node]", str(company.north.pk))
    submit(page, "[data-testid=open-session]")
    with page.expect_navigation():
        page.click("[data-testid=sessions] a")
    page.wait_for_selector('#distribution-chart[data-ready="1"] canvas', timeout=40_000)
    row = page.locator("[data-testid=calibration-cards] tr", has_text=team.rep.name)
    row.locator("select[name=grade]").select_option("A")
    row.locator("input[name=reason]").fill("大客户突破，数字未体现")
    with page.expect_navigation():
        row.locator("button").click()
    assert "大客户突破，数字未体现" in page.inner_text("[data-testid=changes]")
    page.wait_for_selector('#distribution-chart[data-ready="1"] canvas', timeout=40_000)
    page.wait_for_timeout(1000)  # ECharts' entry animation
    shot(page, "5-calibration")
    submit(page, "[data-testid=lock]")
    assert page.is_visible("[data-testid=locked]")
    page.goto(cycle_url)
    submit(page, "[data-testid=advance]")
    assert "绩效面谈" in page.inner_text("[data-testid=step]")

    # 7. The lead records the interview.
    sign_in(page, live_login, team.lead)
    page.goto(f"{url}/assessment/card/{card.pk}/")
    page.fill("[data-testid=interview-form] textarea", "销售额接近目标，费用需控制。")
    submit(page, "[data-testid=interview-form] button")

    # 8. The rep reads the grade and acknowledges on the phone.
    sign_in(page, live_login, team.rep, PHONE)
    page.goto(f"{url}/assessment/card/{card.pk}/")
    assert "A" in page.inner_text("[data-testid=grade]")
    assert no_sideways_scroll(page)
    page.fill("[data-testid=acknowledge] textarea", "认可，下季度控制费用。")
    submit(page, "[data-testid=acknowledge] button")
    assert "本人已确认" in page.inner_text("[data-testid=interview]")
    shot(page, "6-acknowledged-phone")

    interview = FeedbackInterview.objects.get(scorecard=card)
    assert interview.acknowledged_at is not None
    assert GradeChange.objects.filter(scorecard=card, kind="calibration", new_grade="A").exists()
    assert not page.console_errors
