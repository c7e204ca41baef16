"""The tracking pages beside the dashboard (tree, leaderboard, news, gap, battle report, reports), as each role: what they show, what they refuse, and downloads."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook

from salestarget.tracking.services.news import good_news_detect
from tests.browser import compile_messages
from tests.tracking.conftest import AT

AT_Q = f"at={AT.isoformat()}"
ROLES = ["director", "manager_north", "team_lead", "rep", "finance", "admin"]


@pytest.mark.parametrize("who", ROLES)
def test_every_tracking_page_opens_for_every_role(company, june_sales, june_plan, login, who):
    june_plan()
    client = login(getattr(company, who))
    pages = [
        "/tracking/",
        "/tracking/tree/",
        "/tracking/leaderboard/",
        "/tracking/news/",
        "/tracking/gap/",
        "/tracking/panel/",
    ]
    for name in ("children", "cumulative", "monthly", "breakdown"):
        pages.append(f"/tracking/data/{name}.json")
    if who != "rep":
        pages += ["/tracking/battle/", "/tracking/report/", "/tracking/report/?kind=month"]
    for page in pages:
        sep = "&" if "?" in page else "?"
        response = client.get(f"{page}{sep}{AT_Q}")
        assert response.status_code == 200, (page, response.status_code)
    assert client.get("/").status_code == 200


def test_a_rep_sees_only_their_own_place_on_the_leaderboard(company, june_sales, login):
    client = login(company.rep)
    page = client.get(f"/tracking/leaderboard/?period=2026-06&{AT_Q}").content.decode()
    assert "第 2 名" in page
    assert "陈小红" not in page
    assert "62,000" not in page
    data = client.get(f"/api/tracking/leaderboard?period=2026-06&at={AT}").json()
    assert data["ranked"] == 2  # in the whole company
    assert [(e["label"], e["rank"]) for e in data["entries"]] == [("王小明", 2)]


def test_downloads(company, june_sales, june_plan, login):
    plan = june_plan()
    good_news_detect(at=AT)
    client = login(company.director)
    pdf = client.get(f"/tracking/battle.pdf?week=2026-W25&{AT_Q}")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    # 2026-W25 is 15–21 June; as of the 15th only 王小明's 15,000 of that day is in.
    book = load_workbook(
        io.BytesIO(client.get(f"/tracking/battle.xlsx?week=2026-W25&{AT_Q}").content)
    )
    people = [row for row in book["战报"].iter_rows(values_only=True) if row and row[0] == 1]
    assert people == [(1, "王小明", "北京一组", 15000)]
    report = client.get(f"/tracking/report.xlsx?kind=month&period=2026-06&{AT_Q}")
    sheet = load_workbook(io.BytesIO(report.content))["报表"]
    revenue = next(r for r in sheet.iter_rows(values_only=True) if r and r[0] == "销售额")
    assert revenue[1] == 107000
    assert client.get(f"/tracking/report.pdf?{AT_Q}").content.startswith(b"%PDF")
    gap = load_workbook(io.BytesIO(client.get(f"/tracking/gap.xlsx?plan={plan.pk}&{AT_Q}").content))
    assert {r[0] for r in gap["差距贡献"].iter_rows(values_only=True) if r} >= {
        "华北",
        "华东",
        "合计",
    }
    tree = client.get(f"/tracking/tree/?plan={plan.pk}&{AT_Q}&format=xlsx")
    assert load_workbook(io.BytesIO(tree.content)).active.max_row == 9


def test_the_news_feed_hides_a_teammates_figures_from_a_rep(company, june_sales, login):
    from salestarget.org.models import Role
    from tests.personas import person

    mate = person("rep_mate", "刘同事", Role.REP, company.team_bj)
    from tests.tracking.conftest import sell

    sell(company, AT, "777", person=mate)
    from salestarget.actuals.rollups import rollups_rebuild

    rollups_rebuild()
    good_news_detect(at=AT)
    page = login(company.rep).get("/tracking/news/").content.decode()
    assert "刘同事 拿下 2026-06 本月首单" in page
    assert "王小明 拿下 2026-06 本月首单" in page
    assert "陈小红" not in page  # another team
    api = login(company.rep).get("/api/tracking/news").json()
    mine = {e["person"]: e for e in api}
    assert set(mine) == {"王小明", "刘同事"}


def test_the_leaderboard_page_flags_an_outlier_with_its_reason(
    company, june_sales, june_plan, login
):
    from salestarget.org.models import CompanySettings

    june_plan(weights=("1", "3"))  # 王小明 at 90%
    settings = CompanySettings.current()
    settings.outlier_achievement_bound = 50
    settings.save()
    client = login(company.director)
    page = client.get(f"/tracking/leaderboard/?period=2026-06&by=achievement&{AT_Q}")
    html = page.content.decode()
    assert html.count('data-testid="outlier"') == 1
    assert "完成率超过异常上限" in html
    assert "完成率高于 50%" in html  # the note says which bound
    data = client.get(f"/api/tracking/leaderboard?period=2026-06&by=achievement&at={AT}").json()
    assert {e["label"]: (e["rank"], e["outlier"]) for e in data["entries"]} == {
        "陈小红": (1, []),
        "王小明": (None, ["achievement_above_bound"]),
    }


def test_in_english_the_leaderboard_ranks_people_teams_branches_or_regions(
    company, june_sales, login
):
    """The levels to rank are plural (People, Teams, Branches, Regions): not the kind of one
    org node (Region, Branch) nor the forecast's Rep level."""
    compile_messages()
    client = login(company.director)
    client.cookies["django_language"] = "en"
    page = client.get(f"/tracking/leaderboard/?period=2026-06&{AT_Q}").content.decode()
    level = re.search(r'<select[^>]*name="level">(.*?)</select>', page, re.S)
    assert level is not None
    options = re.findall(r"<option[^>]*>([^<]*)</option>", level.group(1))
    assert options == ["People", "Teams", "Branches", "Regions"]
