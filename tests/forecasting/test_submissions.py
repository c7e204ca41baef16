"""Forecast submissions: a rep's weekly call, a manager's roll-up and adjustment, and how
close the calls came to what was sold."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from salestarget.actuals.models import Opportunity
from salestarget.forecasting.models import Category, OpportunityCall, Submission
from salestarget.forecasting.queries.submissions import call_accuracy, rollup_of
from salestarget.forecasting.services.submissions import (
    opportunity_categorise,
    rollup_submit,
    submission_submit,
    week_of,
)
from salestarget.org.scoping import scope_for
from tests.browser import compile_messages
from tests.forecasting.conftest import sell

D = Decimal
JULY = dt.date(2026, 7, 1)
MONDAY = dt.date(2026, 7, 6)


def _submit(company, person, node, commit, best, *, today=MONDAY, month=JULY):
    return submission_submit(
        person=person,
        node=node,
        month=month,
        commit=D(commit),
        best_case=D(best),
        scope=scope_for(person.user),
        by=person.user,
        today=today,
    )


def test_a_second_call_in_the_same_week_replaces_it_an_earlier_week_stays(company):
    _submit(company, company.rep, company.team_bj, "50000", "70000", today=MONDAY)
    _submit(company, company.rep, company.team_bj, "52000", "70000", today=MONDAY + dt.timedelta(3))
    _submit(company, company.rep, company.team_bj, "55000", "72000", today=MONDAY + dt.timedelta(7))
    weeks = list(Submission.objects.order_by("week").values_list("week", "commit"))
    assert weeks == [(MONDAY, D("52000")), (MONDAY + dt.timedelta(7), D("55000"))]
    assert week_of(dt.date(2026, 7, 12)) == MONDAY  # a Sunday belongs to its Monday


def test_a_commit_above_the_best_case_is_refused_and_nothing_is_written(company):
    with pytest.raises(ValidationError) as error:
        _submit(company, company.rep, company.team_bj, "80000", "70000")
    assert "best_case" in error.value.message_dict
    assert not Submission.objects.exists()


def test_nobody_submits_for_someone_else(company):
    with pytest.raises(PermissionDenied):
        submission_submit(
            person=company.rep,
            node=company.team_bj,
            month=JULY,
            commit=D(1),
            best_case=D(1),
            scope=scope_for(company.team_lead.user),
            by=company.team_lead.user,
            today=MONDAY,
        )


def test_a_manager_rolls_up_the_latest_calls_and_an_adjustment_needs_a_note(company):
    _submit(company, company.rep, company.team_bj, "40000", "50000", today=MONDAY)
    _submit(company, company.rep, company.team_bj, "45000", "60000", today=MONDAY + dt.timedelta(7))
    _submit(company, company.rep_other, company.team_sh, "30000", "35000")
    manager = company.manager_north
    scope = scope_for(manager.user)
    rollup = rollup_of(node=company.north, month=JULY, scope=scope)
    assert [c.person for c in rollup.calls] == [company.rep]  # 华东 is not under 华北
    assert rollup.commit == D("45000")  # the latest week's call
    with pytest.raises(ValidationError) as error:
        rollup_submit(
            node=company.north,
            month=JULY,
            commit=D("40000"),
            best_case=D("60000"),
            scope=scope,
            by=manager.user,
            today=MONDAY + dt.timedelta(8),
        )
    assert "note" in error.value.message_dict
    adjusted = rollup_submit(
        node=company.north,
        month=JULY,
        commit=D("40000"),
        best_case=D("60000"),
        note="大单可能推迟到八月",
        scope=scope,
        by=manager.user,
        today=MONDAY + dt.timedelta(8),
    )
    assert (adjusted.rolled_up, adjusted.commit) == (D("45000"), D("40000"))
    assert rollup_of(node=company.north, month=JULY, scope=scope).adjusted == adjusted


def test_the_roll_up_names_the_reps_who_have_not_called_the_month(company, login):
    # A new company's first December: one rep called, the other had not, and the roll-up
    # listed only the one who had — the missing call read as nothing to come.
    from salestarget.org.models import Role
    from tests.personas import person

    late = person("rep_late", "刘晚交", Role.REP, company.team_bj)
    _submit(company, company.rep, company.team_bj, "40000", "50000")
    rollup = rollup_of(node=company.north, month=JULY, scope=scope_for(company.manager_north.user))
    assert [c.person for c in rollup.calls] == [company.rep]
    assert rollup.missing == [late]  # not the managers, not 华东's rep

    compile_messages()
    client = login(company.manager_north)
    url = f"/forecasting/team/?node={company.north.pk}&month=2026-07-01"
    page = client.get(url).content.decode()
    assert 'data-testid="not-called"' in page
    assert "刘晚交" in page
    assert "1 名销售代表本月还没有提交预测，合计里没有他们。" in page
    client.cookies["django_language"] = "en"
    page = client.get(url).content.decode()
    assert "Not submitted" in page
    assert "1 sales rep has not called this month yet" in page


def test_a_manager_cannot_roll_up_another_region(company):
    with pytest.raises(PermissionDenied):
        rollup_submit(
            node=company.east,
            month=JULY,
            commit=D(0),
            best_case=D(0),
            scope=scope_for(company.manager_north.user),
            by=company.manager_north.user,
            today=MONDAY,
        )


def test_a_rep_categorises_only_their_own_open_opportunities(company):
    mine = Opportunity.objects.create(
        external_id="o1",
        customer=company.customer_bj,
        person=company.rep,
        node=company.team_bj,
        amount=D(1000),
        opened_on=dt.date(2026, 6, 1),
    )
    theirs = Opportunity.objects.create(
        external_id="o2",
        customer=company.customer_sh,
        person=company.rep_other,
        node=company.team_sh,
        amount=D(1000),
        opened_on=dt.date(2026, 6, 1),
    )
    scope = scope_for(company.rep.user)
    opportunity_categorise(
        opportunity=mine, category=Category.COMMIT, scope=scope, by=company.rep.user
    )
    assert OpportunityCall.objects.get(opportunity=mine).category == Category.COMMIT
    with pytest.raises(PermissionDenied):
        opportunity_categorise(
            opportunity=theirs, category=Category.COMMIT, scope=scope, by=company.rep.user
        )
    with pytest.raises(ValidationError):
        opportunity_categorise(opportunity=mine, category="maybe", scope=scope, by=company.rep.user)


def test_the_last_call_of_a_month_is_compared_with_its_sales(company):
    from salestarget.actuals.rollups import rollups_rebuild

    sell(company, dt.date(2026, 7, 10), "40000")
    rollups_rebuild()
    _submit(company, company.rep, company.team_bj, "60000", "70000", today=MONDAY)
    _submit(company, company.rep, company.team_bj, "50000", "70000", today=MONDAY + dt.timedelta(7))
    (call,) = call_accuracy(scope=scope_for(company.rep.user), before=dt.date(2026, 8, 3))
    assert call.actual == D("40000")
    assert call.error == D("0.25")  # 50,000 called, 40,000 sold
    assert call_accuracy(scope=scope_for(company.rep_other.user), before=dt.date(2026, 8, 3)) == []
