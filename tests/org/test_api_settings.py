"""Company settings over the API: everyone signed in reads them, the administrator changes
them, and a wrong value is a 422 naming what is expected."""

from __future__ import annotations

from salestarget.org.models import CompanySettings


def test_anyone_reads_the_settings_and_only_the_admin_changes_them(company, login) -> None:
    CompanySettings.objects.update_or_create(pk=1, defaults={"name": "北方科技", "currency": "CNY"})
    read = login(company.rep).get("/api/org/settings")
    assert read.status_code == 200
    assert read.json()["name"] == "北方科技"
    assert read.json()["currency"] == "CNY"
    refused = login(company.rep).patch(
        "/api/org/settings", {"currency": "EUR"}, content_type="application/json"
    )
    assert refused.status_code == 403
    changed = login(company.admin).patch(
        "/api/org/settings",
        {"currency": "eur", "fiscal_year_start_month": 4},
        content_type="application/json",
    )
    assert changed.status_code == 200, changed.content
    assert (changed.json()["currency"], changed.json()["fiscal_year_start_month"]) == ("EUR", 4)
    stored = CompanySettings.current()
    assert (stored.currency, stored.fiscal_year_start_month, stored.name) == ("EUR", 4, "北方科技")


def test_a_wrong_setting_names_what_is_expected(company, login) -> None:
    admin = login(company.admin)
    basis = admin.patch(
        "/api/org/settings",
        {"default_progress_basis": "weekly"},
        content_type="application/json",
    )
    assert basis.status_code == 422
    message = basis.json()["errors"]["default_progress_basis"][0]
    assert "weekly" in message
    for valid in ("calendar", "working", "seasonal"):
        assert valid in message
    month = admin.patch(
        "/api/org/settings", {"fiscal_year_start_month": 13}, content_type="application/json"
    )
    assert month.status_code == 422
    assert "fiscal_year_start_month" in month.json()["errors"]
    unknown = admin.patch(
        "/api/org/settings", {"currency_code": "X"}, content_type="application/json"
    )
    assert unknown.status_code == 422
    assert CompanySettings.current().default_progress_basis == "working"


def test_the_outlier_rule_over_the_api(company, login) -> None:
    CompanySettings.objects.update_or_create(pk=1, defaults={"name": "北方科技"})
    admin = login(company.admin)
    changed = admin.patch(
        "/api/org/settings",
        {"outlier_achievement_bound": 500, "outlier_target_floor": 5},
        content_type="application/json",
    )
    assert changed.status_code == 200, changed.content
    assert (
        changed.json()["outlier_achievement_bound"],
        changed.json()["outlier_target_floor"],
    ) == (
        500,
        5,
    )
    for bad in ({"outlier_achievement_bound": -1}, {"outlier_target_floor": 101}):
        refused = admin.patch("/api/org/settings", bad, content_type="application/json")
        assert refused.status_code == 422, (bad, refused.content)
        assert list(refused.json()["errors"]) == list(bad)
    assert CompanySettings.current().outlier_achievement_bound == 500
