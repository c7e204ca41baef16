"""Company settings are the admin's: name, currency and its decimals, fiscal year start."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from salestarget.org.models import CompanySettings
from tests.personas import Company

VALID = {
    "name": "北方科技有限公司",
    "currency": "usd",
    "currency_decimals": 2,
    "fiscal_year_start_month": 4,
    "default_progress_basis": "calendar",
    "outlier_achievement_bound": 300,
    "outlier_target_floor": 10,
}


def test_an_admin_changes_the_company_settings(login, company: Company) -> None:
    client = login(company.admin)
    assert client.post(reverse("org:company_settings"), VALID).status_code == 302
    settings = CompanySettings.current()
    assert (settings.name, settings.currency, settings.fiscal_year_start_month) == (
        "北方科技有限公司",
        "USD",
        4,
    )
    assert "北方科技有限公司" in client.get(reverse("home")).content.decode()


def test_bad_settings_are_refused_field_by_field(login, company: Company) -> None:
    client = login(company.admin)
    resp = client.post(
        reverse("org:company_settings"),
        {**VALID, "currency": "元", "currency_decimals": 7, "fiscal_year_start_month": 13},
    )
    errors = resp.context["form"].errors
    assert errors["currency"] == ["币种请填写 3 位字母代码，例如 CNY。"]
    assert errors["currency_decimals"] == ["金额小数位必须在 0 到 4 之间。"]
    assert errors["fiscal_year_start_month"] == ["财年起始月必须在 1 到 12 之间。"]
    assert CompanySettings.current().currency == "CNY"


def test_only_the_admin_opens_company_settings(login, company: Company) -> None:
    for who in (company.finance, company.director, company.rep):
        client = login(who)
        assert client.get(reverse("org:company_settings")).status_code == 403
        assert client.post(reverse("org:company_settings"), VALID).status_code == 403
    assert CompanySettings.current().currency == "CNY"


def test_the_outlier_rule_is_the_companys_to_set(login, company: Company) -> None:
    client = login(company.admin)
    resp = client.post(reverse("org:company_settings"), {**VALID, "outlier_target_floor": 120})
    assert resp.context["form"].errors["outlier_target_floor"] == [
        "目标过小下限必须在 0 到 100 之间。"
    ]
    client.post(
        reverse("org:company_settings"),
        {**VALID, "outlier_achievement_bound": 500, "outlier_target_floor": 5},
    )
    rule = CompanySettings.current().outlier_rule
    assert (rule.achievement_bound, rule.target_floor) == (5, Decimal("0.05"))
