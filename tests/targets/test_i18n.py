"""The target pages render in English too."""

from __future__ import annotations

import re
from decimal import Decimal

from salestarget.targets.services.plans import target_update
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


def test_in_english_the_history_names_what_happened_and_the_plan_its_buttons(
    company, revenue_plan, login
) -> None:
    """A change's kind is a state (Created, Changed), not the Create and Edit buttons; the
    plan's last column holds the buttons (Actions)."""
    compile_messages()
    plan = revenue_plan("1000.00")
    target_update(
        target=plan.root,
        by=company.admin.user,
        expected_version=plan.root.version,
        value=Decimal(1500),
        reason="市场扩大",
    )
    client = login(company.director)
    client.cookies["django_language"] = "en"
    history = client.get(f"/targets/plans/{plan.pk}/history/").content.decode()
    kinds = set(
        re.findall(r'<span class="badge bg-light text-dark border">([^<]*)</span>', history)
    )
    assert kinds == {"Created", "Changed"}
    detail = client.get(f"/targets/plans/{plan.pk}/").content.decode()
    assert "<th>Actions</th>" in detail
    assert re.search(r'href="/targets/t/\d+/edit/">Edit</a>', detail)
    home = client.get("/").content.decode()
    assert re.search(r"<h2[^>]*>\s*<i class=\"bi bi-bullseye\"></i>\s*Targets\b", home)
