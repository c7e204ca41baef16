"""The approval queue page and the plan actions through the pages."""

from __future__ import annotations

from salestarget.targets.models import Status
from salestarget.targets.services import workflow


def test_the_approval_queue_page_lists_what_awaits_me(company, split_plan, login, client) -> None:
    north = split_plan.root.children.get(node=company.north)
    team = north.children.get()
    workflow.decomposition_submit(target=team, by=company.team_lead.user)
    page = login(company.manager_north).get("/targets/approvals/").content.decode()
    assert f"approve-split-{team.pk}" in page
    response = client.post(f"/targets/t/{team.pk}/split/approve/", {"next": "approvals"})
    assert response.status_code == 302
    assert team.children.get().status == Status.APPROVED
    client.logout()
    assert (
        f"approve-split-{team.pk}"
        not in login(company.team_lead).get("/targets/approvals/").content.decode()
    )


def test_plan_actions_through_the_page(company, split_plan, login) -> None:
    client = login(company.director)
    for action in ("submit", "approve", "lock"):
        assert client.post(f"/targets/plans/{split_plan.pk}/{action}/").status_code == 302
    split_plan.refresh_from_db()
    assert split_plan.status == Status.LOCKED
    page = client.get(f"/targets/plans/{split_plan.pk}/").content.decode()
    assert 'data-testid="plan-status">已锁定' in page
