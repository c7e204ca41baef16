"""The plan page draws its tree a level at a time (the top two levels, a target's children when
it is opened, the paths to what a search finds), so that a company plan of thousands of targets
stays a light page: every demo plan's page is under 200 KB."""

from __future__ import annotations

import pytest
from django.urls import reverse

from salestarget.targets.models import Target, TargetPlan
from salestarget.targets.queries.decomposition import DecompositionSpec
from salestarget.targets.services.decomposition import target_decompose

PAGE_LIMIT = 200_000  # bytes, the bound for the demo plans


@pytest.fixture
def split_plan(company, revenue_plan):
    plan = revenue_plan("1000.00")
    by = company.director.user
    target_decompose(target=plan.root, spec=DecompositionSpec(axes=("org",)), by=by)
    north = plan.root.children.get(node=company.north)
    target_decompose(target=north, spec=DecompositionSpec(axes=("org",)), by=by)
    team = north.children.get()
    target_decompose(target=team, spec=DecompositionSpec(axes=("people",)), by=by)
    return plan


def labels(response) -> list[str]:
    return [row.target.label for row in response.context["rows"]]


def test_the_plan_page_opens_a_level_at_a_time(company, split_plan, login) -> None:
    client = login(company.director)
    page = client.get(f"/targets/plans/{split_plan.pk}/")
    assert labels(page)[0] == "北方科技 · FY2026"
    assert set(labels(page)[1:]) == {"华北 · FY2026", "华东 · FY2026"}
    north = Target.objects.get(plan=split_plan, node=company.north, person=None)
    children = client.get(f"/targets/plans/{split_plan.pk}/", {"children": north.pk})
    assert labels(children) == ["北京一组 · FY2026"]
    assert b"<html" not in children.content
    assert f'data-testid="decompose-{children.context["rows"][0].target.pk}"'.encode() in (
        children.content
    )


def test_a_search_on_the_plan_page_opens_the_path(company, split_plan, login) -> None:
    page = login(company.director).get(f"/targets/plans/{split_plan.pk}/", {"q": "王小明"})
    found = labels(page)
    path = ["北方科技 · FY2026", "华北 · FY2026", "北京一组 · FY2026", "王小明 · FY2026"]
    assert [label for label in found if label in path] == path
    assert 'data-testid="tree-match"' in page.content.decode()


@pytest.mark.slow
def test_every_demo_plan_page_is_under_200_kb(client, db, demo_small) -> None:
    for username in ("director", "mgr_north", "rep_001"):
        assert client.login(username=username, password=demo_small.password)
        for plan in TargetPlan.objects.all():
            response = client.get(reverse("targets:plan_detail", args=[plan.pk]))
            if response.status_code == 404:  # not this reader's plan
                continue
            assert len(response.content) < PAGE_LIMIT, (username, plan.name)
        tree = client.get(reverse("tracking:tree"))
        assert len(tree.content) < PAGE_LIMIT, username
