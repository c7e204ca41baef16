"""Who sees and changes what, through the pages: a manager plans and splits inside their
subtree, a rep sees only their own, finance reads and never changes."""

from __future__ import annotations

import pytest

from salestarget.targets.queries.decomposition import DecompositionSpec
from salestarget.targets.services.decomposition import target_decompose


@pytest.fixture
def tree(company, revenue_plan):
    plan = revenue_plan("1000.00")
    target_decompose(
        target=plan.root, spec=DecompositionSpec(axes=("org",)), by=company.director.user
    )
    north = plan.root.children.get(node=company.north)
    target_decompose(
        target=north, spec=DecompositionSpec(axes=("org",)), by=company.manager_north.user
    )
    team = north.children.get()
    target_decompose(
        target=team, spec=DecompositionSpec(axes=("people",)), by=company.team_lead.user
    )
    return {
        "plan": plan,
        "root": plan.root,
        "north": north,
        "east": plan.root.children.get(node=company.east),
        "team": team,
        "rep": team.children.get(person=company.rep),
    }


def labels(html: str) -> list[str]:
    import re

    return re.findall(r'data-testid="target-label">([^<]+)<', html)


def whole_tree(client, plan) -> str:
    """The plan page with every target opened: the page draws two levels and each closed caret
    fetches its children (``?children=<id>``), as a reader clicking every caret would."""
    import re

    url = f"/targets/plans/{plan.pk}/"
    html = client.get(url).content.decode()
    closed = re.findall(r'hx-get="\?children=(\d+)"', html)
    while closed:
        part = client.get(url, {"children": closed.pop()}).content.decode()
        html += part
        closed += re.findall(r'hx-get="\?children=(\d+)"', part)
    return html


def test_a_manager_sees_and_splits_only_their_subtree(company, tree, login) -> None:
    client = login(company.manager_north)
    page = whole_tree(client, tree["plan"])
    assert labels(page) == ["华北 · FY2026", "北京一组 · FY2026", "王小明 · FY2026"]
    assert client.get(f"/targets/t/{tree['north'].pk}/decompose/").status_code == 200
    assert client.get(f"/targets/t/{tree['east'].pk}/decompose/").status_code == 404
    assert client.get(f"/targets/t/{tree['root'].pk}/decompose/").status_code == 404
    assert (
        client.post(f"/targets/t/{tree['east'].pk}/edit/", {"value": "1", "version": 1}).status_code
        == 404
    )


def test_a_rep_sees_only_their_own_targets(company, tree, login, client) -> None:
    mine = login(company.rep)
    page = mine.get(f"/targets/plans/{tree['plan'].pk}/").content.decode()
    assert labels(page) == ["王小明 · FY2026"]
    assert mine.get(f"/targets/t/{tree['rep'].pk}/decompose/").status_code == 403
    assert mine.get(f"/targets/t/{tree['rep'].pk}/edit/").status_code == 403
    assert mine.get(f"/targets/t/{tree['team'].pk}/history/").status_code == 404
    assert "王小明 · FY2026" in mine.get("/targets/mine/").content.decode()
    client.logout()
    other = login(company.rep_other)
    assert other.get(f"/targets/plans/{tree['plan'].pk}/").status_code == 404
    assert "2026 销售额" not in other.get("/targets/").content.decode()


def test_finance_reads_everything_and_changes_nothing(company, tree, login) -> None:
    client = login(company.finance)
    page = whole_tree(client, tree["plan"])
    assert len(labels(page)) == 5
    assert "decompose-" not in page
    assert client.get(f"/targets/t/{tree['north'].pk}/decompose/").status_code == 403
    assert client.get(f"/targets/t/{tree['north'].pk}/adjust/").status_code == 403
    assert client.get(f"/targets/t/{tree['north'].pk}/rounds/new/").status_code == 403
    assert client.get(f"/targets/t/{tree['north'].pk}/export.xlsx").status_code == 200
    assert client.post(f"/targets/plans/{tree['plan'].pk}/submit/").status_code == 403
    tree["plan"].refresh_from_db()
    assert tree["plan"].status == "draft"


def test_history_pages_follow_the_scope(company, tree, login) -> None:
    client = login(company.manager_north)
    history = client.get(f"/targets/plans/{tree['plan'].pk}/history/").content.decode()
    assert "华北" in history
    assert "华东 · FY2026" not in history
