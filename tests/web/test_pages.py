"""Every page of the shell opens for every role that has it in the menu, and no other role."""

from __future__ import annotations

import pytest
from django.urls import reverse

from salestarget.ui.menu import menu_entries
from tests.personas import Company

ROLES = ["admin", "director", "manager_north", "team_lead", "rep", "finance"]


@pytest.mark.parametrize("who", ROLES)
def test_each_role_opens_every_page_of_its_menu(login, company: Company, who: str) -> None:
    person = getattr(company, who)
    client = login(person)
    home = client.get("/")
    assert home.status_code == 200
    menu = [item for item in menu_entries() if person.role in item.roles]
    assert menu, "every role has a menu"
    for item in menu:
        url = reverse(item.url_name)
        assert url in home.content.decode(), f"{item.url_name} is in {who}'s menu"
        resp = client.get(url)
        assert resp.status_code == 200, (who, url)
        body = resp.content.decode()
        for left_over in ("Traceback", "{%", "{{"):  # a failure shown, a template unrendered
            assert left_over not in body, (who, url, left_over)


def test_detail_pages_open_for_the_people_who_may_see_them(login, company: Company) -> None:
    client = login(company.manager_north)
    for url in (
        reverse("org:node_detail", args=[company.north.pk]),
        reverse("org:person_detail", args=[company.rep.pk]),
        reverse("catalog:customer_detail", args=[company.customer_bj.pk]),
        reverse("catalog:calendar") + "?year=2025",
    ):
        assert client.get(url).status_code == 200, url


def test_signed_out_visitors_are_sent_to_the_login_page(client, company: Company) -> None:
    for name in ("home", "org:node_list", "catalog:customer_list", "catalog:calendar"):
        resp = client.get(reverse(name))
        assert resp.status_code == 302
        assert resp["Location"].startswith(reverse("login"))


def test_forbidden_and_missing_pages_explain_themselves(login, company: Company) -> None:
    client = login(company.manager_north)
    forbidden = client.get(reverse("org:node_edit", args=[company.north.pk]))
    assert forbidden.status_code == 403
    assert "只有管理员和财务/销售管理可以维护主数据。" in forbidden.content.decode()
    missing = client.get(reverse("org:node_detail", args=[company.east.pk]))
    assert missing.status_code == 404
    assert "不在你的查看范围内" in missing.content.decode()
    assert "华东" not in missing.content.decode()


def test_htmx_history_restores_get_the_whole_page(login, company: Company) -> None:
    client = login(company.director)
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    resp = client.get(reverse("catalog:customer_list"), headers=headers)
    assert "<html" in resp.content.decode()
