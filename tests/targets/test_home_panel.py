"""The targets panel of the home page: each person sees the work that is theirs — drafts to
fill, splits to approve, overdue steps, the targets running today — and nothing of others."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from salestarget.targets.queries.decomposition import DecompositionSpec
from salestarget.targets.services.decomposition import target_decompose
from salestarget.targets.services.drafts import draft_submit, round_open
from salestarget.targets.services.workflow import decomposition_submit
from tests.personas import Company, account


def panel(login, person) -> str:
    resp = login(person).get(reverse("targets:home_panel"))
    assert resp.status_code == 200
    return resp.content.decode()


def test_the_home_page_loads_the_panel_instead_of_a_placeholder(login, company: Company) -> None:
    page = login(company.rep).get(reverse("home")).content.decode()
    assert reverse("targets:home_panel") in page
    assert "目标制定与分解上线后" not in page


def test_a_rep_is_asked_for_their_draft(login, company: Company, team_target) -> None:
    team = team_target()
    round_open(target=team, by=account(company.team_lead))

    html = panel(login, company.rep)

    assert "请填写目标草案" in html
    assert team.label in html
    assert reverse("targets:round_detail", args=[team.rounds.get().pk]) in html
    assert "等待你审批" not in html
    assert "请填写目标草案" not in panel(login, company.rep_other)  # 华东 has no round


def test_the_team_lead_is_asked_to_review_submitted_drafts(
    login, company: Company, team_target
) -> None:
    team = team_target()
    rnd = round_open(target=team, by=account(company.team_lead))
    assert "待你审核的目标草案" not in panel(login, company.team_lead)  # nothing submitted yet

    draft_submit(
        draft=rnd.drafts.get(person=company.rep),
        by=account(company.rep),
        base_value=Decimal(40000),
        challenge_value=Decimal(50000),
    )

    html = panel(login, company.team_lead)
    assert "待你审核的目标草案" in html
    assert "1 份已提交" in html
    assert reverse("targets:round_detail", args=[rnd.pk]) in html
    assert "待你审核的目标草案" not in panel(login, company.rep)


def test_the_director_sees_a_split_waiting_for_approval(
    login, company: Company, team_target
) -> None:
    team = team_target()
    decomposition_submit(target=team.parent, by=account(company.manager_north))

    assert "1 项等待你审批" in panel(login, company.director)
    assert "等待你审批" not in panel(login, company.team_lead)  # below 华北: not theirs


def test_a_rep_sees_the_targets_running_today(login, company: Company, revenue_plan) -> None:
    year = timezone.localdate().year
    plan = revenue_plan("240000", period=f"FY{year}", node=company.team_bj, by=company.director)
    target_decompose(
        target=plan.root, spec=DecompositionSpec(axes=("people",)), by=account(company.director)
    )

    html = panel(login, company.rep)

    assert 'data-testid="targets-panel-current"' in html
    assert f"王小明 · FY{year}" in html
    assert "眼下没有需要你处理的目标事项" not in html
    assert 'data-testid="targets-panel-current"' not in panel(login, company.rep_other)


def test_with_no_plans_yet_the_panel_says_so(login, company: Company) -> None:
    html = panel(login, company.finance)
    assert "还没有目标计划。" in html
    assert reverse("targets:plan_list") in html


def test_a_login_without_a_person_gets_an_empty_panel(
    client, company: Company, revenue_plan
) -> None:
    from django.contrib.auth.models import User

    from tests.personas import PASSWORD

    revenue_plan()
    User.objects.create_user(username="nobody", password=PASSWORD)
    client.login(username="nobody", password=PASSWORD)
    resp = client.get(reverse("targets:home_panel"))
    assert resp.status_code == 200
    assert "还没有目标计划。" in resp.content.decode()  # sees no plan at all


def test_a_team_lead_sees_the_target_their_team_carries(
    login, company: Company, revenue_plan
) -> None:
    year = timezone.localdate().year
    revenue_plan("480000", period=f"FY{year}", node=company.team_bj, by=company.director)

    html = panel(login, company.team_lead)

    assert 'data-testid="targets-panel-current"' in html
    assert f"北京一组 · FY{year}" in html
    assert "480,000.00" in html
    assert 'data-testid="targets-panel-current"' not in panel(login, company.rep)  # not theirs


def test_a_ratio_target_reads_as_a_percentage(login, company: Company, revenue_plan) -> None:
    year = timezone.localdate().year
    revenue_plan(
        "0.06", period=f"FY{year}", node=company.team_bj, metric="expense_rate", name="费用率"
    )

    html = panel(login, company.team_lead)

    assert "6.00%" in html
    assert ">0.06<" not in html
