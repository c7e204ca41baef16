"""Who sees what: the scope service that every query goes through."""

from __future__ import annotations

import datetime as dt

from salestarget.org.models import Person
from salestarget.org.scoping import scope_for
from salestarget.org.services import person_move
from tests.personas import Company, account


def names(qs) -> set[str]:
    return set(qs.values_list("name", flat=True))


def test_a_rep_sees_only_themself(company: Company) -> None:
    scope = scope_for(account(company.rep))
    assert names(scope.people()) == {"王小明"}
    assert not scope.nodes().exists()
    assert scope.can_view_person(company.rep)
    assert not scope.can_view_person(company.rep_other)
    assert not scope.can_plan


def test_a_regional_manager_sees_their_subtree_only(company: Company) -> None:
    scope = scope_for(account(company.manager_north))
    assert names(scope.nodes()) == {"华北", "北京一组"}
    assert names(scope.people()) == {"李经理", "吴组长", "王小明"}
    assert scope.can_manage_node(company.team_bj)
    assert not scope.can_view_node(company.east)
    assert not scope.can_view_person(company.rep_other)


def test_a_team_lead_sees_the_team_but_not_the_region(company: Company) -> None:
    scope = scope_for(account(company.team_lead))
    assert names(scope.nodes()) == {"北京一组"}
    assert names(scope.people()) == {"吴组长", "王小明"}
    assert not scope.can_view_node(company.north)


def test_director_finance_and_admin_see_the_whole_company(company: Company) -> None:
    for who in (company.director, company.finance, company.admin):
        scope = scope_for(account(who))
        assert scope.everything
        assert scope.nodes().count() == 5
        assert scope.people().count() == Person.objects.count()
    assert scope_for(account(company.director)).can_plan
    assert not scope_for(account(company.finance)).can_plan
    assert scope_for(account(company.finance)).can_import_actuals


def test_someone_who_moved_team_stays_in_the_old_managers_history(company: Company) -> None:
    person_move(person=company.rep, to_node=company.team_sh, on=dt.date(2026, 6, 1))
    east = scope_for(account(company.manager_east), at=dt.date(2026, 7, 1))
    assert "王小明" in names(east.people())
    # …and the north manager can still read the rep's history from before the move.
    north = scope_for(account(company.manager_north), at=dt.date(2026, 7, 1))
    assert "王小明" in names(north.people())


def test_facts_filter_follows_the_scope(company: Company) -> None:
    rep_q = scope_for(account(company.rep)).facts_q()
    assert rep_q.children == [("person_id", company.rep.pk)]
    assert scope_for(account(company.admin)).facts_q().children == []


def test_an_inactive_user_sees_nothing(company: Company) -> None:
    account(company.manager_north).is_active = False
    account(company.manager_north).save()
    assert not scope_for(account(company.manager_north)).sees_anything
