"""The target pages render in English too."""

from __future__ import annotations

from tests.browser import compile_messages


def test_the_plan_pages_in_english(company, revenue_plan, login) -> None:
    compile_messages()
    plan = revenue_plan("1000.00")
    client = login(company.director)
    client.post("/i18n/setlang/", {"language": "en", "next": "/targets/"})
    listing = client.get("/targets/").content.decode()
    assert "Set a target" in listing
    assert "Targets" in listing
    detail = client.get(f"/targets/plans/{plan.pk}/").content.decode()
    assert "Submit for approval" in detail
    assert "History of changes" in detail
    decompose = client.get(f"/targets/t/{plan.root.pk}/decompose/").content.decode()
    assert "Save the split" in decompose
    assert "Last year’s share" in decompose
