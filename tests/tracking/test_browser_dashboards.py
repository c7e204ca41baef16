"""The dashboards in a real browser, as every role: open the dashboard, drill from the top of
what the role sees down to a person, and check that the figures on the page are the sums of
the raw sales lines (added up here, in Python, not through tracking's queries). Charts must be
drawn and no JavaScript error may occur. Screenshots: var/screenshots/tracking/ (look at them).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest

from salestarget.actuals.models import SalesLine
from salestarget.actuals.rollups import rollups_rebuild
from salestarget.org.models import OrgNode, Role
from salestarget.targets.models import Target
from salestarget.targets.queries.decomposition import DecompositionSpec
from salestarget.targets.services.decomposition import target_decompose
from salestarget.targets.services.plans import plan_create
from salestarget.targets.services.workflow import plan_approve, plan_submit
from salestarget.tracking.services.news import good_news_detect
from tests.browser import SCREENSHOTS
from tests.browser import screenshot as shared_screenshot
from tests.personas import Company, person
from tests.tracking.conftest import sell

pytestmark = pytest.mark.browser

AT = dt.date(2026, 6, 15)
YEAR_START = dt.date(2026, 1, 1)


@pytest.fixture
def sales_company(company: Company) -> Company:
    """Two more reps, eighteen months of daily sales for all four, a FY2026 revenue plan split
    down to every person and month, and the good news detected."""
    company.rep_bj2 = person("rep_bj2", "李小刚", Role.REP, company.team_bj)
    company.rep_sh2 = person("rep_sh2", "赵小丽", Role.REP, company.team_sh)
    rng = random.Random(20260615)
    reps = [company.rep, company.rep_bj2, company.rep_other, company.rep_sh2]
    day = dt.date(2025, 1, 2)
    while day <= AT:
        if day.weekday() < 5:
            for rep in reps:
                if rng.random() < 0.7:
                    product = company.product_a if rng.random() < 0.6 else company.product_b
                    quantity = rng.randint(1, 20)
                    price = 100 if product == company.product_a else 250
                    sell(
                        company,
                        day,
                        Decimal(quantity * price * rng.randint(90, 110)) / 100,
                        person=rep,
                        product=product,
                        quantity=quantity,
                        node=company.team_bj if rep in reps[:2] else company.team_sh,
                    )
        day += dt.timedelta(days=1)
    rollups_rebuild()
    by = company.director.user
    plan = plan_create(
        by=by,
        name="2026 年销售额目标",
        metric="revenue",
        period="FY2026",
        scope_node=company.root,
        owner=company.director,
        value=Decimal("1200000"),
        progress_basis="working",
    )
    target_decompose(
        target=plan.root, spec=DecompositionSpec(axes=("org",), method="history"), by=by
    )
    for region in Target.objects.filter(plan=plan, parent=plan.root):
        target_decompose(
            target=region, spec=DecompositionSpec(axes=("org",), method="history"), by=by
        )
    for team in Target.objects.filter(plan=plan, parent__parent=plan.root):
        target_decompose(
            target=team, spec=DecompositionSpec(axes=("people",), method="history"), by=by
        )
    for target in Target.objects.filter(plan=plan, person__isnull=False):
        target_decompose(
            target=target, spec=DecompositionSpec(axes=("month",), method="days"), by=by
        )
    plan.refresh_from_db()
    plan_submit(plan=plan, by=by)
    plan.refresh_from_db()
    plan_approve(plan=plan, by=by)
    company.plan = plan
    good_news_detect(at=AT)
    return company


def raw_revenue(*, start: dt.date, end: dt.date, node: OrgNode | None = None, person=None):
    """Revenue straight from the sales lines: no rollups, no tracking code."""
    paths = dict(OrgNode.objects.values_list("pk", "path"))
    total = Decimal(0)
    for line in SalesLine.objects.all():
        if not start <= line.sold_on <= end:
            continue
        if node is not None and not paths[line.node_id].startswith(node.path):
            continue
        if person is not None and line.person_id != person.pk:
            continue
        total += line.amount
    return total


def screenshot(page, name: str) -> None:
    """A full-page screenshot as ``var/screenshots/tracking/<name>.png``."""
    shared_screenshot(page, name, folder=SCREENSHOTS / "tracking")


def money(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01')):,.2f}"


def target_value(plan, *, node=None, person=None) -> Decimal:
    qs = Target.objects.filter(plan=plan, period="FY2026")
    if person is not None:
        return qs.get(person=person).value
    return qs.get(node=node, person__isnull=True).value


def exact(locator) -> str:
    """A figure's exact text: an amount shows 万/亿 and keeps its exact figure in its title."""
    amount = locator.locator("span.num[title]")
    if amount.count():
        return (amount.first.get_attribute("title") or "").strip()
    return locator.inner_text().strip()


def kpi(page, name: str) -> str:
    return exact(page.locator(f"[data-testid=kpi-{name}]"))


def wait_for_charts(page) -> None:
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-chart]')].every(e => e.dataset.ready === '1')",
        timeout=15_000,
    )


def drill(page, label: str) -> None:
    page.locator("[data-testid=table-children] a[data-testid=drill]", has_text=label).first.click()
    page.wait_for_function(
        "(label) => document.querySelector('[data-testid=crumbs] .active')?.textContent.trim() === label",
        arg=label,
    )
    wait_for_charts(page)


def check(page, *, node=None, person=None, label: str, plan=None) -> None:
    """The page's actual (and target, achievement) against the raw lines."""
    actual = raw_revenue(start=YEAR_START, end=AT, node=node, person=person)
    assert kpi(page, "actual") == money(actual), label
    last_year = raw_revenue(
        start=YEAR_START.replace(year=2025), end=AT.replace(year=2025), node=node, person=person
    )
    assert kpi(page, "last-year") == money(last_year), label
    if plan is not None:
        target = target_value(plan, node=node, person=person)
        assert kpi(page, "target") == money(target), label
        achievement = (actual / target * 100).quantize(Decimal("0.1"))
        assert kpi(page, "achievement") == f"{achievement:,.1f}%", label


PATHS = {
    # who: [(label clicked, node, person)] from the top of what they see down to a person
    "director": [
        ("华北", "north", None),
        ("北京一组", "team_bj", None),
        ("王小明", "team_bj", "rep"),
    ],
    "finance": [
        ("华东", "east", None),
        ("上海一组", "team_sh", None),
        ("陈小红", "team_sh", "rep_other"),
    ],
    "admin": [
        ("华东", "east", None),
        ("上海一组", "team_sh", None),
        ("赵小丽", "team_sh", "rep_sh2"),
    ],
    "manager_north": [("北京一组", "team_bj", None), ("李小刚", "team_bj", "rep_bj2")],
    "team_lead": [("王小明", "team_bj", "rep")],
}


@pytest.mark.parametrize("who", [*PATHS, "rep"])
def test_each_role_drills_from_the_top_to_a_person(browser_page, live_login, sales_company, who):
    company = sales_company
    plan = company.plan
    page = live_login(getattr(company, who))
    # The dashboard opens on the month of the data; the checks below read the whole year.
    page.goto(f"{page.live_url}/tracking/?at={AT}&period=FY2026")
    wait_for_charts(page)
    assert "2026-06-15" in page.locator("[data-testid=as-of]").inner_text()
    if who == "rep":
        check(page, person=company.rep, label="rep", plan=plan)
        assert "全公司第" in page.locator("[data-testid=kpi-company-rank]").inner_text()
        assert kpi(page, "needed") not in ("", "—")
        assert page.locator("[data-testid=table-children]").count() == 0
        screenshot(page, "dashboard-rep")
        page.goto(f"{page.live_url}/")
        page.wait_for_selector("[data-testid=tracking-panel]")
        screenshot(page, "home-rep")
        assert not page.console_errors, page.console_errors
        return

    top = {
        "director": company.root,
        "finance": company.root,
        "admin": company.root,
        "manager_north": company.north,
        "team_lead": company.team_bj,
    }[who]
    check(page, node=top, label=top.name, plan=plan)
    screenshot(page, f"dashboard-{who}-0")
    for step, (label, node_name, person_name) in enumerate(PATHS[who], 1):
        drill(page, label)
        node = getattr(company, node_name)
        person_obj = getattr(company, person_name) if person_name else None
        if person_obj is not None:
            # A person inside a unit: their lines credited to it.
            actual = raw_revenue(start=YEAR_START, end=AT, node=node, person=person_obj)
            assert kpi(page, "actual") == money(actual)
            target = target_value(plan, person=person_obj)
            assert kpi(page, "target") == money(target)
            assert kpi(page, "status") in ("超前", "正常", "预警", "落后")
        else:
            check(page, node=node, label=label, plan=plan)
        screenshot(page, f"dashboard-{who}-{step}")
    if who == "finance":
        assert page.locator("[data-testid=key-collections]").count() == 1
    assert not page.console_errors, page.console_errors


def test_dimensions_leaderboard_gap_and_reports(browser_page, live_login, sales_company):
    company = sales_company
    page = live_login(company.director)
    page.goto(f"{page.live_url}/tracking/?at={AT}&period=FY2026")
    wait_for_charts(page)
    page.locator("[data-testid=dim-tabs]").get_by_role("link", name="产品", exact=True).click()
    page.wait_for_function(
        "() => document.querySelector('[data-testid=dim-tabs] a.active')?.textContent.trim() === '产品'"
    )
    wait_for_charts(page)
    rows = page.locator("[data-testid=table-breakdown] tbody tr")
    shown = {
        rows.nth(i).locator("td").first.inner_text(): exact(
            rows.nth(i).locator("[data-testid=actual]")
        )
        for i in range(rows.count())
    }
    for product in (company.product_a, company.product_b):
        lines = SalesLine.objects.filter(product=product, sold_on__range=(YEAR_START, AT))
        assert shown[product.name] == money(sum((x.amount for x in lines), Decimal(0)))
    screenshot(page, "dashboard-products")

    page.goto(f"{page.live_url}/tracking/leaderboard/?period=2026-06&at={AT}")
    screenshot(page, "leaderboard")
    board = page.locator("[data-testid=board-value]")
    values = [exact(board.nth(i)) for i in range(board.count())]
    june = {
        p: raw_revenue(start=dt.date(2026, 6, 1), end=AT, person=p)
        for p in (company.rep, company.rep_bj2, company.rep_other, company.rep_sh2)
    }
    assert values == [money(v) for v in sorted(june.values(), reverse=True)]

    page.goto(f"{page.live_url}/tracking/gap/?at={AT}")
    wait_for_charts(page)
    screenshot(page, "gap")
    page.goto(f"{page.live_url}/tracking/tree/?at={AT}")
    screenshot(page, "tree")
    page.goto(f"{page.live_url}/tracking/battle/?week=2026-W24&at={AT}")
    screenshot(page, "battle")
    page.goto(f"{page.live_url}/tracking/report/?kind=month&period=2026-06&at={AT}")
    screenshot(page, "report-month")
    page.goto(f"{page.live_url}/tracking/news/")
    screenshot(page, "news")
    page.goto(f"{page.live_url}/")
    page.wait_for_selector("[data-testid=tracking-panel]")
    screenshot(page, "home-director")
    assert not page.console_errors, page.console_errors
