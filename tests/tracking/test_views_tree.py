"""The tracking tree page draws a level at a time: the top two levels, then a target's children
when it is opened, or the paths down to what a search finds; always within the reader's scope.
The Excel download still holds the whole tree."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from salestarget.targets.models import Target
from tests.tracking.conftest import AT

AT_Q = f"at={AT.isoformat()}"


def labels(response) -> list[str]:
    return [row.target.label for row in response.context["tree"].rows]


def test_the_page_draws_the_top_two_levels_and_fetches_a_level_on_opening(
    company, june_sales, june_plan, login
) -> None:
    plan = june_plan()
    client = login(company.director)
    page = client.get(f"/tracking/tree/?plan={plan.pk}&{AT_Q}")
    assert [row.level for row in page.context["tree"].rows] == [0, 1, 1]
    assert labels(page)[0] == "北方科技 · 2026-06"
    assert set(labels(page)[1:]) == {"华北 · 2026-06", "华东 · 2026-06"}
    north = Target.objects.get(plan=plan, node=company.north, person=None)
    assert f"children={north.pk}".encode() in page.content  # its caret fetches its children

    children = client.get(f"/tracking/tree/?plan={plan.pk}&{AT_Q}&children={north.pk}")
    assert children.status_code == 200
    assert labels(children) == ["北京一组 · 2026-06"]
    assert [row.level for row in children.context["tree"].rows] == [2]
    assert b"<html" not in children.content  # rows only, put under the opened row
    assert b'data-testid="tree-actual"' in children.content


def test_a_search_opens_the_path_to_a_target_anywhere(
    company, june_sales, june_plan, login
) -> None:
    plan = june_plan()
    page = login(company.director).get(f"/tracking/tree/?plan={plan.pk}&{AT_Q}&q=王小明")
    path = ["北方科技 · 2026-06", "华北 · 2026-06", "北京一组 · 2026-06", "王小明 · 2026-06"]
    found = labels(page)
    assert [label for label in found if label in path] == path  # depth first, parents first
    assert set(found) - set(path) == {"华东 · 2026-06"}  # the top levels stay
    rep = Target.objects.get(plan=plan, person=company.rep)
    assert page.context["matches"] == {rep.pk}
    assert "找到 1 个目标" in page.content.decode()
    missing = login(company.director).get(f"/tracking/tree/?plan={plan.pk}&{AT_Q}&q=没有的人")
    assert "没有名称包含“没有的人”的目标" in missing.content.decode()


def test_nobody_opens_a_target_outside_their_scope(company, june_sales, june_plan, login) -> None:
    plan = june_plan()
    east = Target.objects.get(plan=plan, node=company.east, person=None)
    response = login(company.manager_north).get(
        f"/tracking/tree/?plan={plan.pk}&{AT_Q}&children={east.pk}"
    )
    assert response.status_code == 200
    assert response.context["tree"].rows == []
    found = login(company.manager_north).get(f"/tracking/tree/?plan={plan.pk}&{AT_Q}&q=陈小红")
    assert "陈小红" not in " ".join(labels(found))


def test_the_download_holds_the_whole_tree(company, june_sales, june_plan, login) -> None:
    plan = june_plan()
    response = login(company.director).get(f"/tracking/tree/?plan={plan.pk}&{AT_Q}&format=xlsx")
    rows = [
        r[0]
        for r in load_workbook(io.BytesIO(response.content)).active.iter_rows(
            min_row=3, values_only=True
        )
    ]
    assert len(rows) == Target.objects.filter(plan=plan).count()
    assert any("王小明" in r for r in rows)
