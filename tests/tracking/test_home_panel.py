"""The home page's progress panel: a rep's month first with the data's as-of date said in
words when it is old; a team lead's people each with where they stand."""

from __future__ import annotations

from decimal import Decimal


def test_a_team_lead_sees_each_of_their_people(june_sales, june_plan, login) -> None:
    june_plan()
    response = login(june_sales.team_lead).get("/tracking/panel/")
    team = response.context["team"]
    assert [f.label for f in team] == ["王小明"]
    assert team[0].actual == Decimal("50000")
    assert 'data-testid="panel-team"' in response.content.decode()


def test_a_rep_reads_the_month_and_how_old_the_data_is(june_sales, june_plan, login) -> None:
    june_plan()
    response = login(june_sales.rep).get("/tracking/panel/")
    assert response.context["frame"].period.label == "2026-06"
    html = response.content.decode()
    # The data ends on 2026-06-20, long before today: said in words, not small grey text.
    assert response.context["stale_days"] > 1
    assert "数据截至 2026-06-20，已" in html
    assert 'class="alert alert-warning' in html
    assert 'data-testid="rounding-note"' in html
