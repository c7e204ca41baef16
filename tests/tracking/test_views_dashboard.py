"""The dashboard pages and their chart data, as each role: what they show and what they refuse."""

from __future__ import annotations

from decimal import Decimal

from tests.tracking.conftest import AT

AT_Q = f"at={AT.isoformat()}"


def test_the_rep_dashboard_shows_own_figures_rank_and_daily_rate(
    company, june_sales, june_plan, login
):
    june_plan()
    page = login(company.rep).get(f"/tracking/?{AT_Q}").content.decode()
    assert 'data-subject="p' in page
    assert "45,000.00" in page  # actual to date
    assert "5,500.00" in page  # still needed per working day
    assert "第 2 名 / 共 2 人" in page  # in the company, by achievement
    assert "62,000.00" not in page  # nobody else's figures


def test_a_rep_cannot_open_another_reps_dashboard_or_a_unit(company, june_sales, login):
    client = login(company.rep)
    for subject in (f"p{company.rep_other.pk}", f"n{company.team_bj.pk}", f"n{company.root.pk}"):
        assert client.get(f"/tracking/?subject={subject}&{AT_Q}").status_code == 404
        assert client.get(f"/tracking/data/children.json?subject={subject}").status_code == 404
        assert client.get(f"/api/tracking/figures?subject={subject}").status_code == 404
    assert client.get("/tracking/battle/").status_code == 403
    assert client.get("/tracking/report/").status_code == 403


def test_a_manager_sees_their_subtree_only(company, june_sales, june_plan, login):
    plan = june_plan()
    client = login(company.manager_north)
    page = client.get(f"/tracking/?plan={plan.pk}&{AT_Q}").content.decode()
    assert "华北" in page
    assert "北京一组" in page
    assert "上海一组" not in page
    assert client.get(f"/tracking/?subject=n{company.east.pk}").status_code == 404
    assert client.get(f"/tracking/?subject=p{company.rep_other.pk}").status_code == 404
    assert client.get(f"/tracking/leaderboard/?node={company.east.pk}").status_code == 404
    board = client.get(f"/tracking/leaderboard/?period=2026-06&{AT_Q}").content.decode()
    assert "王小明" in board
    assert "陈小红" not in board
    tree = client.get(f"/api/tracking/plans/{plan.pk}/tree?at={AT}").json()
    assert [r["label"] for r in tree["rows"]] == [
        "华北 · 2026-06",
        "北京一组 · 2026-06",
        "王小明 · 2026-06",
    ]
    assert tree["rows"][2]["tracking"]["status"] == "at_risk"


def test_drilling_down_swaps_the_body_through_htmx(company, june_sales, june_plan, login):
    plan = june_plan()
    client = login(company.director)
    full = client.get(f"/tracking/?plan={plan.pk}&{AT_Q}").content.decode()
    assert "<html" in full
    assert 'id="dash"' in full
    part = client.get(
        f"/tracking/?plan={plan.pk}&subject=n{company.north.pk}&{AT_Q}", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "<html" not in part
    assert part.lstrip().startswith('<div id="dash"')
    assert "北京一组" in part


def test_chart_data(company, june_sales, june_plan, login):
    plan = june_plan()
    client = login(company.director)
    q = f"plan={plan.pk}&{AT_Q}"
    children = client.get(f"/tracking/data/children.json?{q}").json()
    assert children["categories"] == ["华东", "华北"]  # by achievement
    assert children["actual"] == ["62000.00", "45000.00"]
    assert children["achievement"] == ["62.00", "45.00"]
    assert children["progress"] == "50.00"
    cumulative = client.get(f"/tracking/data/cumulative.json?{q}").json()
    assert len(cumulative["categories"]) == 30
    assert cumulative["actual"][2] == "92000.00"  # 62,000 on the 1st + 30,000 on the 3rd
    assert cumulative["actual"][15] is None  # after the as-of date
    assert cumulative["expected"][29] == "200000.00"
    assert cumulative["last_year"][29] == "90000.00"
    monthly = client.get(f"/tracking/data/monthly.json?{q}").json()
    assert monthly["categories"][5] == "2026-06"
    assert monthly["target"][5] == "200000.00"
    assert monthly["actual"][5] == "107000.00"
    assert monthly["last_year"][5] == "90000.00"
    breakdown = client.get(f"/tracking/data/breakdown.json?{q}&dim=product").json()
    assert dict(zip(breakdown["categories"], breakdown["actual"], strict=True)) == {
        "产品A": "92000.00",
        "产品B": "15000.00",
    }


def test_a_ratio_metric_without_dimension_facts_says_so(company, june_sales, login):
    page = (
        login(company.director)
        .get(f"/tracking/?plan=none&metric=expense_rate&dim=product&{AT_Q}")
        .content.decode()
    )
    assert "该指标没有按此维度记录的数据" in page


def test_a_units_monthly_targets_add_up_its_splits_months(company, june_sales, login):
    from salestarget.targets.models import Target
    from salestarget.targets.queries.decomposition import DecompositionSpec
    from salestarget.targets.services.decomposition import target_decompose
    from salestarget.targets.services.plans import plan_create

    by = company.director.user
    plan = plan_create(
        by=by,
        name="FY",
        metric="revenue",
        period="FY2026",
        scope_node=company.root,
        owner=company.director,
        value=Decimal("3650000"),
    )
    target_decompose(target=plan.root, spec=DecompositionSpec(axes=("org",), method="equal"), by=by)
    for region in Target.objects.filter(plan=plan, parent=plan.root):
        target_decompose(
            target=region, spec=DecompositionSpec(axes=("month",), method="days"), by=by
        )
    june = Target.objects.filter(plan=plan, period="2026-06")
    assert june.count() == 2
    monthly = (
        login(company.director).get(f"/tracking/data/monthly.json?plan={plan.pk}&{AT_Q}").json()
    )
    assert Decimal(monthly["target"][5]) == sum(t.value for t in june)
    assert monthly["target"][4] is not None


def test_the_dashboard_in_english(company, june_sales, june_plan, login):
    june_plan()
    client = login(company.director)
    client.cookies["django_language"] = "en"
    page = client.get(f"/tracking/?{AT_Q}").content.decode()
    assert "Sales dashboard" in page
    assert "Achievement against time progress" in page
    assert "Revenue · 2026-06" in page
    assert "完成率" not in page
