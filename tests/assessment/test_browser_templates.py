"""The template editor on a phone (390 px): finance builds a manager template, sees the
weights' running total turn red at 90%, is refused on saving with the sum named and the
items kept as typed, fixes the weight and saves; then the English page. No sideways
scrolling at any step."""

from __future__ import annotations

import pytest

from salestarget.assessment.models import ScorecardTemplate

from .test_browser_cycle import no_sideways_scroll, shot, sign_in, submit

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def test_finance_builds_a_template_on_a_phone(browser_page, live_login, company):
    page = browser_page
    url = page.live_url
    sign_in(page, live_login, company.finance, PHONE)
    page.goto(f"{url}/assessment/cycles/")
    with page.expect_navigation():
        page.click("[data-testid=templates-link]")
    with page.expect_navigation():
        page.click("[data-testid=template-new]")

    page.fill("#id_name", "区域经理考核表")
    page.select_option("#id_role", "manager")
    page.select_option("#id_items-0-kind", "quantitative")
    page.fill("#id_items-0-name", "区域销售额")
    page.fill("#id_items-0-weight", "60")
    page.select_option("#id_items-0-metric", "revenue")
    page.select_option("#id_items-0-rule", "tiers")
    assert page.is_visible("#id_items-0-tiers")
    assert not page.is_visible("#id_items-0-cap")
    page.fill("#id_items-0-tiers", "80 60\n100 100\n120 120")
    assert not page.is_visible("#id_items-0-levels")  # a quantitative item has no levels
    submit(page, "[data-testid=template-add]")

    page.select_option("#id_items-1-kind", "qualitative")
    assert page.is_visible("#id_items-1-levels")
    assert not page.is_visible("#id_items-1-metric")
    page.fill("#id_items-1-name", "团队建设")
    page.fill("#id_items-1-weight", "30")
    page.fill("#id_items-1-levels", "1 远低于期望\n2 低于期望\n3 符合期望\n4 超出期望\n5 远超期望")
    page.fill("#id_items-1-weight_self", "20")
    page.fill("#id_items-1-weight_manager", "80")
    assert "90%" in page.inner_text("[data-testid=weight-total]")
    assert "text-danger" in (page.get_attribute("[data-testid=weight-total]", "class") or "")
    assert no_sideways_scroll(page)
    shot(page, "template-editor-phone-90")

    submit(page, "[data-testid=template-save]")
    errors = page.inner_text("[data-testid=template-errors]")
    assert "90" in errors
    assert "100%" in errors
    assert page.input_value("#id_items-1-name") == "团队建设"  # nothing typed is lost
    assert not ScorecardTemplate.objects.filter(name="区域经理考核表").exists()
    shot(page, "template-editor-phone-refused")

    page.fill("#id_items-1-weight", "40")
    assert "100%" in page.inner_text("[data-testid=weight-total]")
    submit(page, "[data-testid=template-save]")
    template = ScorecardTemplate.objects.get(name="区域经理考核表")
    assert [i.name for i in template.items.order_by("sort_order")] == ["区域销售额", "团队建设"]
    assert no_sideways_scroll(page)
    shot(page, "template-editor-phone-saved")

    page.context.add_cookies([{"name": "django_language", "value": "en", "url": url}])
    page.goto(f"{url}/assessment/templates/{template.pk}/")
    assert "Weights total" in page.inner_text("[data-testid=weight-total]")
    assert "Add an item" in page.inner_text("[data-testid=template-add]")
    assert no_sideways_scroll(page)
    shot(page, "template-editor-phone-en")
    assert not page.console_errors
