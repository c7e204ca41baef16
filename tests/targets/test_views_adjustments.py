"""The adjustment pages and the target history page."""

from __future__ import annotations

from salestarget.targets.models import AdjustmentRequest


def test_adjustment_pages_and_history_page(company, locked_plan, login, client) -> None:
    north = locked_plan.root.children.get(node=company.north)
    manager = login(company.manager_north)
    response = manager.post(
        f"/targets/t/{north.pk}/adjust/",
        {
            "new_value": "420",
            "reason_category": "market",
            "reason": "竞品退出",
            "redistribute": "on",
        },
    )
    assert response.status_code == 302
    request = AdjustmentRequest.objects.get()
    assert (
        "approve-adjustment"
        not in manager.get(f"/targets/adjustments/{request.pk}/").content.decode()
    )
    client.logout()
    director = login(company.director)
    assert f"adjustment-{request.pk}" in director.get("/targets/approvals/").content.decode()
    director.post(f"/targets/adjustments/{request.pk}/", {"decision": "approve", "note": "OK"})
    history = director.get(f"/targets/t/{north.pk}/history/").content.decode()
    for shown in ("调整", "500.00", "420.00", "竞品退出", "赵总监", "分解", "锁定"):
        assert shown in history
