"""Each role lands on its own home page: who they are, their team, what their scope holds."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from salestarget.org.models import Role
from salestarget.ui import home
from tests.browser import compile_messages
from tests.personas import PASSWORD, Company


def test_a_rep_sees_their_team_and_their_customers(login, company: Company) -> None:
    resp = login(company.rep).get(reverse("home"))
    assert resp.templates[0].name == "web/home_rep.html"
    html = resp.content.decode()
    assert "北京一组" in html
    assert "吴组长" in html
    assert resp.context["summary"] == {"nodes": 0, "people": 1, "customers": 1}


def test_a_manager_sees_the_size_of_their_subtree(login, company: Company) -> None:
    resp = login(company.manager_north).get(reverse("home"))
    assert resp.templates[0].name == "web/home_manager.html"
    assert resp.context["summary"] == {"nodes": 2, "people": 3, "customers": 1}
    assert [u.name for u in resp.context["units"]] == ["北京一组"]
    assert "华北" in resp.context["home_node"].name


def test_a_team_lead_sees_their_reps_not_an_empty_list_of_units(login, company: Company) -> None:
    resp = login(company.team_lead).get(reverse("home"))
    assert resp.context["units"] == []
    assert [m.person.name for m in resp.context["members"]] == ["吴组长", "王小明"]
    html = resp.content.decode()
    assert 'data-testid="team-members"' in html
    assert "王小明" in html
    assert "无下级组织" not in html


def test_in_english_the_team_lead_is_the_teams_manager(login, company: Company) -> None:
    """负责人 of an org node is its Manager; a customer or a target has an Owner."""
    compile_messages()
    client = login(company.team_lead)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("home")).content.decode()
    members = re.search(r'data-testid="team-members">(.*?)</ul>', html, re.S)
    assert members is not None
    assert re.search(r"吴组长</a><span[^>]*>Manager</span>", members.group(1))


def test_the_director_sees_the_whole_company(login, company: Company) -> None:
    resp = login(company.director).get(reverse("home"))
    assert resp.templates[0].name == "web/home_executive.html"
    assert resp.context["summary"] == {"nodes": 5, "people": 8, "customers": 2}
    assert [u.name for u in resp.context["units"]] == ["华东", "华北"]


@pytest.mark.parametrize(
    ("who", "template"), [("admin", "home_admin"), ("finance", "home_finance")]
)
def test_office_roles_see_the_state_of_master_data(login, company: Company, who, template) -> None:
    resp = login(getattr(company, who)).get(reverse("home"))
    assert resp.templates[0].name == f"web/{template}.html"
    assert resp.context["calendar_days"] == 0
    assert "尚未录入" in resp.content.decode()


def test_a_login_without_a_person_is_told_so(client, db: None) -> None:
    User.objects.create_user(username="nobody", password=PASSWORD)
    client.login(username="nobody", password=PASSWORD)
    resp = client.get(reverse("home"))
    assert resp.status_code == 200
    assert "你的账号还没有关联人员或所属组织" in resp.content.decode()


def test_areas_fill_the_home_page_slots(login, company: Company, monkeypatch) -> None:
    monkeypatch.setattr(home, "_PANELS", [])
    page = login(company.rep).get(reverse("home")).content.decode()
    assert 'data-slot="targets"' in page  # a placeholder until an area fills it
    home.home_panel_register(
        home.HomePanel(slot="targets", template="web/_units.html", roles=frozenset({Role.MANAGER}))
    )
    assert 'data-slot="targets"' in login(company.rep).get(reverse("home")).content.decode()
    manager_page = login(company.manager_north).get(reverse("home")).content.decode()
    assert 'data-slot="targets"' not in manager_page
